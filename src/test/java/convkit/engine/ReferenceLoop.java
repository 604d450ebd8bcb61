package convkit.engine;

/**
 * A plain, obviously-correct convolution written independently of the engine: it builds the
 * padded image explicitly (folding indices one step at a time) and sums over every tap.
 * Returns null when the settings are invalid by PyTorch's rules.
 */
final class ReferenceLoop {

	private ReferenceLoop() {}

	/** Index of padded position {@code i} (may be outside 0..n-1) or -1 for a zero; null-free. */
	static int fold(String mode, int i, int n) {
		switch (mode) {
			case "zeros":
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

	static boolean padAllowed(String mode, int pad, int n) {
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

	/**
	 * x: [ci][h][w]; w: [co][ci/g][kh][kw]. Returns [co][oh][ow] flattened, or null if invalid.
	 */
	static float[] conv(float[] x, int ci, int h, int wd, float[] w, int co, int kh, int kw, float[] bias, int sy, int sx,
		int pl, int pr, int pt, int pb, int dy, int dx, int g, String mode, boolean flip, boolean normalize)
	{
		if (ci % g != 0 || co % g != 0) return null;
		if (!padAllowed(mode, pl, wd) || !padAllowed(mode, pr, wd) || !padAllowed(mode, pt, h) || !padAllowed(mode, pb, h)) {
			return null;
		}
		int hp = h + pt + pb;
		int wp = wd + pl + pr;
		int oh = (hp - dy * (kh - 1) - 1) / sy + 1;
		int ow = (wp - dx * (kw - 1) - 1) / sx + 1;
		if (hp - dy * (kh - 1) - 1 < 0 || wp - dx * (kw - 1) - 1 < 0) return null;
		float[][][] padded = new float[ci][hp][wp];
		for (int c = 0; c < ci; c++) {
			for (int y = 0; y < hp; y++) {
				for (int xx = 0; xx < wp; xx++) {
					int sy0 = fold(mode, y - pt, h);
					int sx0 = fold(mode, xx - pl, wd);
					padded[c][y][xx] = sy0 < 0 || sx0 < 0 ? 0f : x[(c * h + sy0) * wd + sx0];
				}
			}
		}
		int cig = ci / g;
		int cog = co / g;
		float[] wk = w.clone();
		if (flip) {
			for (int o = 0; o < co * cig; o++) {
				float[] t = new float[kh * kw];
				for (int i = 0; i < kh * kw; i++) t[i] = wk[o * kh * kw + kh * kw - 1 - i];
				System.arraycopy(t, 0, wk, o * kh * kw, kh * kw);
			}
		}
		if (normalize) {
			int per = cig * kh * kw;
			for (int o = 0; o < co; o++) {
				double s = 0;
				for (int i = 0; i < per; i++) s += wk[o * per + i];
				if (s != 0) for (int i = 0; i < per; i++) wk[o * per + i] = (float) (wk[o * per + i] / s);
			}
		}
		float[] out = new float[co * oh * ow];
		for (int o = 0; o < co; o++) {
			int grp = o / cog;
			for (int y = 0; y < oh; y++) {
				for (int xx = 0; xx < ow; xx++) {
					double acc = bias == null ? 0 : bias[o];
					for (int c = 0; c < cig; c++) {
						for (int ky = 0; ky < kh; ky++) {
							for (int kx = 0; kx < kw; kx++) {
								acc += (double) wk[((o * cig + c) * kh + ky) * kw + kx]
									* padded[grp * cig + c][y * sy + ky * dy][xx * sx + kx * dx];
							}
						}
					}
					out[(o * oh + y) * ow + xx] = (float) acc;
				}
			}
		}
		return out;
	}
}
