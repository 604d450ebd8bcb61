package convkit.engine;

/**
 * The resolved geometry of one axis of a layer: input size, kernel, stride, dilation, padding
 * and the resulting output size, which is at least 1. The formulas (docs/design.md §1):
 * {@code k_eff = d·(k−1)+1}, {@code out = floor((n + p_lo + p_hi − k_eff) / s) + 1}, computed without
 * overflow; a value that does not fit is refused with the numbers.
 * <p>
 * Example: {@code AxisGeometry.of(Axis.X, 224, 3, 2, 1, 1, 1).outputSize() == 112}.
 */
public final class AxisGeometry {

	private final Axis axis;
	private final int n;
	private final int k;
	private final int stride;
	private final int dilation;
	private final int padLo;
	private final int padHi;
	private final int out;

	private AxisGeometry(Axis axis, int n, int k, int stride, int dilation, int padLo, int padHi, int out) {
		this.axis = axis;
		this.n = n;
		this.k = k;
		this.stride = stride;
		this.dilation = dilation;
		this.padLo = padLo;
		this.padHi = padHi;
		this.out = out;
	}

	/** The geometry of an axis a 2-D convolution does not have: size 1, kernel 1, no padding. */
	static AxisGeometry flat(Axis axis) {
		return new AxisGeometry(axis, 1, 1, 1, 1, 0, 0, 1);
	}

	/** Checks and resolves one axis; refuses an output smaller than one pixel, or too large, with the numbers. */
	public static AxisGeometry of(Axis axis, int n, int k, int stride, int dilation, int padLo, int padHi) {
		String along = " along " + axis.label();
		if (n < 1) throw new IllegalArgumentException("input size" + along + " is " + n + " (allowed 1 or more)");
		if (k < 1) throw new IllegalArgumentException("kernel size" + along + " is " + k + " (allowed 1 or more)");
		if (stride < 1) throw new IllegalArgumentException("stride must be positive: " + stride + along + " (allowed 1 or more)");
		if (dilation < 1) throw new IllegalArgumentException("dilation must be positive: " + dilation + along + " (allowed 1 or more)");
		if (padLo < 0 || padHi < 0) {
			throw new IllegalArgumentException("padding must not be negative: " + padLo + "," + padHi + along + " (allowed 0 or more)");
		}
		long keff = effectiveKernel(k, dilation);
		long padded = (long) n + padLo + padHi;
		if (padded > Integer.MAX_VALUE) {
			throw new IllegalArgumentException("padded size" + along + " would be " + padded + " (" + n + " + " + padLo + " + " + padHi
				+ "), more than " + Integer.MAX_VALUE + " pixels");
		}
		long o = outputSize(n, k, stride, dilation, padLo, padHi);
		if (o < 1) {
			throw new IllegalArgumentException("output size" + along + " would be " + o + ": " + formula(n, k, stride, dilation, padLo,
				padHi, o) + "; the effective kernel (" + keff + ") must fit in the padded input (" + padded + ")");
		}
		return new AxisGeometry(axis, n, k, stride, dilation, padLo, padHi, (int) o);
	}

	/** The kernel's extent with dilation, {@code d·(k−1)+1}, as a long (it may not fit an int). */
	public static long effectiveKernel(int k, int dilation) {
		return (long) dilation * (k - 1) + 1;
	}

	/** {@code floor((n + lo + hi − d·(k−1) − 1) / s) + 1}, in long; 0 or negative when the kernel does not fit. */
	public static long outputSize(int n, int k, int stride, int dilation, int padLo, int padHi) {
		long span = (long) n + padLo + padHi - (long) dilation * (k - 1) - 1;
		return Math.floorDiv(span, stride) + 1;
	}

	static String formula(int n, int k, int s, int d, int lo, int hi, long o) {
		return "o = floor((n + p_lo + p_hi - d(k-1) - 1)/s) + 1 = floor((" + n + " + " + lo + " + " + hi + " - " + d + "*(" + k
			+ "-1) - 1)/" + s + ") + 1 = " + o;
	}

	public Axis axis() {
		return axis;
	}

	/** Input size. */
	public int inputSize() {
		return n;
	}

	public int kernel() {
		return k;
	}

	public int stride() {
		return stride;
	}

	public int dilation() {
		return dilation;
	}

	/** Padding before the first pixel (left, top or front). */
	public int padLo() {
		return padLo;
	}

	/** Padding after the last pixel (right, bottom or back). */
	public int padHi() {
		return padHi;
	}

	/** {@code d·(k−1)+1}; fits an int because it fits the padded input, which does. */
	public int effectiveKernel() {
		return (int) effectiveKernel(k, dilation);
	}

	/** Padded input size {@code n + p_lo + p_hi}. */
	public long paddedSize() {
		return (long) n + padLo + padHi;
	}

	/** Output size, at least 1. */
	public int outputSize() {
		return out;
	}

	/** The output-size formula with the numbers put in, e.g. {@code o = floor((n + p_lo + p_hi - d(k-1) - 1)/s) + 1 = floor((8 + 1 + 1 - 1*(3-1) - 1)/2) + 1 = 4}. */
	public String formula() {
		return formula(n, k, stride, dilation, padLo, padHi, out);
	}
}
