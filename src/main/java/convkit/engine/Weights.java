package convkit.engine;

/**
 * A kernel read against a convolution: its shape conveniences resolved into PyTorch's full
 * {@code [C_out, C_in/groups, (kD,) kH, kW]} layout (kD = 1 for Conv2D), the group count they
 * imply, then {@code flip} and {@code normalize} applied. Everything about the kernel that can be
 * refused is refused here, with the shape and the numbers.
 */
final class Weights {

	final int groups;
	final int outChannels;
	final int depth;
	final int height;
	final int width;
	final float[] values;

	private Weights(int groups, int outChannels, int depth, int height, int width, float[] values) {
		this.groups = groups;
		this.outChannels = outChannels;
		this.depth = depth;
		this.height = height;
		this.width = width;
		this.values = values;
	}

	/**
	 * Reads {@code kernel} for a convolution of {@code rank} spatial axes over {@code inChannels}
	 * channels: {@code rank} dimensions are one kernel applied to every channel on its own
	 * (depthwise), {@code rank + 1} give one output channel, {@code rank + 2} are PyTorch's weights.
	 */
	static Weights of(Kernel kernel, int rank, int inChannels, ConvSpec spec) {
		int[] s = kernel.shape();
		int spatialAt = s.length - rank;
		if (spatialAt < 0 || spatialAt > 2) throw new IllegalArgumentException(wrongRank(kernel, rank));
		int kd = rank == 3 ? s[spatialAt] : 1;
		int kh = s[s.length - 2];
		int kw = s[s.length - 1];
		int volume = kd * kh * kw;
		int groups;
		int outChannels;
		float[] w;
		String name = rank == 3 ? (spatialAt == 0 ? "[kD, kH, kW]" : spatialAt == 1 ? "[C_in, kD, kH, kW]" : "")
			: (spatialAt == 0 ? "[kH, kW]" : spatialAt == 1 ? "[C_in, kH, kW]" : "");
		if (spatialAt == 0) {
			if (spec.groups() != 1 && spec.groups() != inChannels) {
				throw new IllegalArgumentException("a " + name + " kernel " + kernel.shapeString() + " is applied to each of the "
					+ inChannels + " channels on its own, so groups must be 1 or " + inChannels + ", not " + spec.groups());
			}
			groups = inChannels;
			outChannels = inChannels;
			w = new float[inChannels * volume];
			for (int c = 0; c < inChannels; c++) System.arraycopy(kernel.data(), 0, w, c * volume, volume);
		}
		else if (spatialAt == 1) {
			if (s[0] != inChannels) {
				throw new IllegalArgumentException("kernel " + kernel.shapeString() + " is " + name + " with C_in = " + s[0]
					+ ", but the input has " + inChannels + " channels");
			}
			if (spec.groups() != 1) {
				throw new IllegalArgumentException("a " + name + " kernel " + kernel.shapeString()
					+ " gives one output channel from all input channels, so groups must be 1, not " + spec.groups());
			}
			groups = 1;
			outChannels = 1;
			w = kernel.data().clone();
		}
		else {
			groups = spec.groups();
			outChannels = s[0];
			if (inChannels % groups != 0) {
				throw new IllegalArgumentException("input channels (" + inChannels + ") must be divisible by groups (" + groups + ")");
			}
			if (outChannels % groups != 0) {
				throw new IllegalArgumentException("output channels (" + outChannels
					+ ", the kernel's first dimension) must be divisible by groups (" + groups + ")");
			}
			if (s[1] * (long) groups != inChannels) {
				throw new IllegalArgumentException("kernel " + kernel.shapeString() + " expects C_in/groups = " + s[1]
					+ ", but the input has " + inChannels + " channels in " + groups + " group(s), so it must be " + inChannels / groups);
			}
			w = kernel.data().clone();
		}
		if (spec.flip()) flipEach(w, volume);
		if (spec.normalize()) normalizeEach(w, outChannels, w.length / outChannels);
		return new Weights(groups, outChannels, kd, kh, kw, w);
	}

	private static String wrongRank(Kernel kernel, int rank) {
		if (rank == 3) {
			return "kernel " + kernel.shapeString() + " has " + kernel.rank() + " dimensions; Conv3D takes [kD, kH, kW] (each channel"
				+ " on its own), [C_in, kD, kH, kW] or [C_out, C_in/groups, kD, kH, kW]"
				+ (kernel.rank() == 2 ? "; a 2-D kernel is for Conv2D (3-D presets: box3d(n), gaussian3d(sigma))" : "");
		}
		return "kernel " + kernel.shapeString() + " has " + kernel.rank() + " dimensions; Conv2D takes [kH, kW] (each channel on its"
			+ " own), [C_in, kH, kW] or [C_out, C_in/groups, kH, kW]" + (kernel.rank() == 5 ? "; a 5-D kernel is for Conv3D" : "");
	}

	/** Rotates every kernel slice by 180° in every spatial axis: its values in reverse order. */
	private static void flipEach(float[] w, int volume) {
		for (int base = 0; base < w.length; base += volume) {
			for (int i = base, j = base + volume - 1; i < j; i++, j--) {
				float t = w[i];
				w[i] = w[j];
				w[j] = t;
			}
		}
	}

	/** Divides each output channel's weights by their sum when it is not 0; refuses a result that is not finite. */
	private static void normalizeEach(float[] w, int outChannels, int per) {
		for (int co = 0; co < outChannels; co++) {
			double sum = 0;
			for (int i = 0; i < per; i++) sum += w[co * per + i];
			if (sum == 0) continue;
			for (int i = 0; i < per; i++) {
				float v = (float) (w[co * per + i] / sum);
				if (!Float.isFinite(v)) {
					throw new IllegalArgumentException("normalize would make the weights of output channel " + (co + 1)
						+ " infinite (their sum is " + sum + "); leave normalize off or scale the kernel");
				}
				w[co * per + i] = v;
			}
		}
	}
}
