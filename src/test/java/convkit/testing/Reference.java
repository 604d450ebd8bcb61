package convkit.testing;

/**
 * A plain, obviously-correct convolution written independently of the engine, for 2-D and 3-D:
 * it resolves {@code same} padding from the formula itself, builds the padded volume explicitly
 * (folding each index one step at a time), and sums every tap in double precision. It returns
 * null where PyTorch refuses the settings. It never calls the engine, so a bug there cannot hide
 * here.
 */
public final class Reference {

	private Reference() {}

	/** One convolution, as plain values. Spatial arrays are x, y, z; a 2-D case has depth 1, kernel depth 1, z values 1 and no z padding. */
	public static final class Case {
		public int channels;
		public int depth = 1;
		public int height;
		public int width;
		public float[] input;
		/** Full weights {@code [C_out][C_in/groups][kD][kH][kW]}. */
		public float[] weights;
		public int outChannels;
		public int kd = 1;
		public int kh;
		public int kw;
		/** Null for none. */
		public float[] bias;
		public int[] stride = { 1, 1, 1 };
		public int[] dilation = { 1, 1, 1 };
		/** {@code left, right, top, bottom, front, back}; ignored when {@link #same}. */
		public int[] padding = new int[6];
		public boolean same;
		/** With {@link #same}: the extra pixel of an odd total before the data (ONNX SAME_LOWER). */
		public boolean sameLower;
		public String mode = "zeros";
		/** The fill of mode {@code constant}. */
		public float value;
		public int groups = 1;
		public boolean flip;
		public boolean normalize;
		/** 2 or 3: which axes {@code same} pads. */
		public int rank = 2;

		/** A copy whose arrays can be replaced without touching this case's. */
		public Case copy() {
			Case c = new Case();
			c.channels = channels;
			c.depth = depth;
			c.height = height;
			c.width = width;
			c.input = input;
			c.weights = weights;
			c.outChannels = outChannels;
			c.kd = kd;
			c.kh = kh;
			c.kw = kw;
			c.bias = bias;
			c.stride = stride.clone();
			c.dilation = dilation.clone();
			c.padding = padding.clone();
			c.same = same;
			c.sameLower = sameLower;
			c.mode = mode;
			c.value = value;
			c.groups = groups;
			c.flip = flip;
			c.normalize = normalize;
			c.rank = rank;
			return c;
		}

		/** The padding actually applied, {@code left, right, top, bottom, front, back}. */
		public int[] resolvedPadding() {
			if (!same) return padding.clone();
			int[] n = { width, height, depth };
			int[] k = { kw, kh, kd };
			int[] p = new int[6];
			for (int a = 0; a < rank; a++) {
				int[] lh = samePadding(n[a], k[a], stride[a], dilation[a]);
				p[2 * a] = lh[sameLower ? 1 : 0];
				p[2 * a + 1] = lh[sameLower ? 0 : 1];
			}
			return p;
		}

		/** Output sizes x, y, z, or null when some is below 1. */
		public int[] outputSize() {
			int[] p = resolvedPadding();
			int[] n = { width, height, depth };
			int[] k = { kw, kh, kd };
			int[] out = new int[3];
			for (int a = 0; a < 3; a++) {
				long span = (long) n[a] + p[2 * a] + p[2 * a + 1] - (long) dilation[a] * (k[a] - 1) - 1;
				if (span < 0) return null;
				out[a] = (int) (span / stride[a] + 1);
			}
			return out;
		}
	}

	/**
	 * {@code padding=same} for one axis: at stride 1 PyTorch's rule, {@code total = d·(k−1)}; above,
	 * TensorFlow's, {@code out = ceil(n/s)}, {@code total = max((out−1)·s + d·(k−1) + 1 − n, 0)};
	 * {@code lo = floor(total/2)}, the extra pixel after the data.
	 */
	public static int[] samePadding(int n, int k, int s, int d) {
		int total;
		if (s == 1) {
			total = d * (k - 1);
		}
		else {
			int out = n / s + (n % s == 0 ? 0 : 1);
			total = Math.max((out - 1) * s + d * (k - 1) + 1 - n, 0);
		}
		int lo = total / 2;
		return new int[] { lo, total - lo };
	}

	/** Index of padded position {@code i} (may lie outside 0..n-1), or -1 for the fill (0, or the value of constant). */
	public static int fold(String mode, int i, int n) {
		switch (mode) {
			case "zeros":
			case "constant":
				return i < 0 || i >= n ? -1 : i;
			case "replicate":
				return Math.max(0, Math.min(n - 1, i));
			case "circular":
				while (i < 0) i += n;
				while (i >= n) i -= n;
				return i;
			case "reflect": // mirror about the edge pixels: -1 -> 1, n -> n-2
				while (i < 0 || i >= n) i = i < 0 ? -i : 2 * (n - 1) - i;
				return i;
			case "symmetric": // mirror about the edges: -1 -> 0, n -> n-1
				while (i < 0 || i >= n) i = i < 0 ? -1 - i : 2 * n - 1 - i;
				return i;
			default:
				throw new IllegalArgumentException(mode);
		}
	}

	/** PyTorch's limit on one side's padding for {@code mode}: reflect below n, symmetric and circular at most n. */
	public static boolean padAllowed(String mode, int pad, int n) {
		switch (mode) {
			case "reflect":
				return pad < n;
			case "symmetric":
			case "circular":
				return pad <= n;
			default:
				return true;
		}
	}

	/** Whether PyTorch (and ConvKit) accepts the case. */
	public static boolean valid(Case c) {
		if (c.channels % c.groups != 0 || c.outChannels % c.groups != 0) return false;
		int[] p = c.resolvedPadding();
		int[] n = { c.width, c.height, c.depth };
		for (int a = 0; a < 3; a++) {
			if (!padAllowed(c.mode, p[2 * a], n[a]) || !padAllowed(c.mode, p[2 * a + 1], n[a])) return false;
		}
		return c.outputSize() != null;
	}

	/** The output {@code [C_out][D_out][H_out][W_out]} in double precision, or null when the case is invalid. */
	public static double[] conv(Case c) {
		if (!valid(c)) return null;
		int[] p = c.resolvedPadding();
		int wp = c.width + p[0] + p[1];
		int hp = c.height + p[2] + p[3];
		int dp = c.depth + p[4] + p[5];
		// The padded input, every value looked up through the mode: [C][Dp][Hp][Wp], flattened.
		double[] padded = new double[c.channels * dp * hp * wp];
		for (int ch = 0; ch < c.channels; ch++) {
			for (int z = 0; z < dp; z++) {
				for (int y = 0; y < hp; y++) {
					for (int x = 0; x < wp; x++) {
						int sz = fold(c.mode, z - p[4], c.depth);
						int sy = fold(c.mode, y - p[2], c.height);
						int sx = fold(c.mode, x - p[0], c.width);
						padded[((ch * dp + z) * hp + y) * wp + x] = sz < 0 || sy < 0 || sx < 0 ? ("constant".equals(c.mode) ? c.value : 0)
							: c.input[((ch * c.depth + sz) * c.height + sy) * c.width + sx];
					}
				}
			}
		}
		int cig = c.channels / c.groups;
		int cog = c.outChannels / c.groups;
		int vol = c.kd * c.kh * c.kw;
		double[] w = new double[c.weights.length];
		for (int i = 0; i < w.length; i++) {
			int slice = i / vol;
			int at = i % vol;
			w[i] = c.weights[c.flip ? slice * vol + vol - 1 - at : i];
		}
		if (c.normalize) {
			int per = cig * vol;
			for (int o = 0; o < c.outChannels; o++) {
				double s = 0;
				for (int i = 0; i < per; i++) s += (float) w[o * per + i];
				if (s != 0) for (int i = 0; i < per; i++) w[o * per + i] = (float) (w[o * per + i] / s);
			}
		}
		int[] out = c.outputSize();
		int ow = out[0], oh = out[1], od = out[2];
		double[] result = new double[c.outChannels * od * oh * ow];
		for (int o = 0; o < c.outChannels; o++) {
			int g = o / cog;
			for (int z = 0; z < od; z++) {
				for (int y = 0; y < oh; y++) {
					for (int x = 0; x < ow; x++) {
						double acc = 0;
						for (int ci = 0; ci < cig; ci++) {
							for (int kz = 0; kz < c.kd; kz++) {
								for (int ky = 0; ky < c.kh; ky++) {
									int row = (((g * cig + ci) * dp + z * c.stride[2] + kz * c.dilation[2]) * hp + y * c.stride[1]
										+ ky * c.dilation[1]) * wp + x * c.stride[0];
									int tap = (((o * cig + ci) * c.kd + kz) * c.kh + ky) * c.kw;
									for (int kx = 0; kx < c.kw; kx++) acc += w[tap + kx] * padded[row + kx * c.dilation[0]];
								}
							}
						}
						result[((o * od + z) * oh + y) * ow + x] = acc + (c.bias == null ? 0 : c.bias[o]);
					}
				}
			}
		}
		return result;
	}
}
