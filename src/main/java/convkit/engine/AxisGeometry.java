package convkit.engine;

/**
 * The resolved geometry of one axis of a layer: input size, kernel, stride, dilation, padding
 * and the resulting output size, which is at least 1.
 */
public final class AxisGeometry {

	private final String axis;
	private final int n;
	private final int k;
	private final int stride;
	private final int dilation;
	private final int padLo;
	private final int padHi;
	private final int out;

	private AxisGeometry(String axis, int n, int k, int stride, int dilation, int padLo, int padHi, int out) {
		this.axis = axis;
		this.n = n;
		this.k = k;
		this.stride = stride;
		this.dilation = dilation;
		this.padLo = padLo;
		this.padHi = padHi;
		this.out = out;
	}

	/**
	 * Checks and resolves one axis; refuses an output smaller than one pixel with the numbers.
	 *
	 * @param axis "x" or "y", used in messages
	 */
	public static AxisGeometry of(String axis, int n, int k, int stride, int dilation, int padLo, int padHi) {
		if (n < 1) throw new IllegalArgumentException("input size along " + axis + " is " + n + " (allowed 1 or more)");
		if (k < 1) throw new IllegalArgumentException("kernel size along " + axis + " is " + k + " (allowed 1 or more)");
		if (stride < 1) throw new IllegalArgumentException("stride must be positive: " + stride + " along " + axis + " (allowed 1 or more)");
		if (dilation < 1) throw new IllegalArgumentException("dilation must be positive: " + dilation + " along " + axis + " (allowed 1 or more)");
		if (padLo < 0 || padHi < 0) {
			throw new IllegalArgumentException("padding must not be negative: " + padLo + "," + padHi + " along " + axis + " (allowed 0 or more)");
		}
		int out = Geometry.outputSize(n, k, stride, dilation, padLo, padHi);
		if (out < 1) {
			int keff = Geometry.effectiveKernel(k, dilation);
			throw new IllegalArgumentException("output size along " + axis + " would be " + out
				+ ": floor((n + p_lo + p_hi - d(k-1) - 1)/s) + 1 = floor((" + n + " + " + padLo + " + " + padHi
				+ " - " + dilation + "*(" + k + "-1) - 1)/" + stride + ") + 1 = " + out
				+ "; the effective kernel (" + keff + ") must fit in the padded input (" + (n + padLo + padHi) + ")");
		}
		return new AxisGeometry(axis, n, k, stride, dilation, padLo, padHi, out);
	}

	/** "x" or "y". */
	public String axis() {
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

	/** Padding before the first pixel (left or top). */
	public int padLo() {
		return padLo;
	}

	/** Padding after the last pixel (right or bottom). */
	public int padHi() {
		return padHi;
	}

	/** {@code d·(k−1)+1}. */
	public int effectiveKernel() {
		return Geometry.effectiveKernel(k, dilation);
	}

	/** Output size, at least 1. */
	public int outputSize() {
		return out;
	}

	/** The output-size formula with the numbers put in, e.g. {@code o = floor((n + p_lo + p_hi - d(k-1) - 1)/s) + 1 = floor((8 + 1 + 1 - 1*(3-1) - 1)/2) + 1 = 4}. */
	public String formula() {
		return "o = floor((n + p_lo + p_hi - d(k-1) - 1)/s) + 1 = floor((" + n + " + " + padLo + " + " + padHi + " - "
			+ dilation + "*(" + k + "-1) - 1)/" + stride + ") + 1 = " + out;
	}
}
