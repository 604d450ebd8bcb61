package convkit.engine;

/**
 * How one layer connects its output to its input along one axis, for receptive fields: a window
 * (convolution, pool, element-wise layer: output pixel {@code o} reads input pixels
 * {@code o·s − p_lo + t·d}, {@code t < k}) or a transposed convolution (input pixel {@code j} reaches
 * output pixels {@code j·s − p + t·d}). Sizes, kernel, stride, dilation and padding as the layer
 * has them; {@code offset} is where the layer's input region starts in the image it was cut from
 * (an area selection), 0 otherwise. Immutable.
 * <p>
 * Example: {@code AxisStep.transposed(Axis.X, 8, 4, 2, 1, 1, 0).outputSize() == 16}.
 */
public final class AxisStep {

	private final Axis axis;
	private final boolean transposed;
	private final int in;
	private final int k;
	private final int stride;
	private final int dilation;
	private final int padLo;
	private final int padHi;
	private final int out;
	private final int offset;

	private AxisStep(Axis axis, boolean transposed, int in, int k, int stride, int dilation, int padLo, int padHi, int out, int offset) {
		this.axis = axis;
		this.transposed = transposed;
		this.in = in;
		this.k = k;
		this.stride = stride;
		this.dilation = dilation;
		this.padLo = padLo;
		this.padHi = padHi;
		this.out = out;
		this.offset = offset;
	}

	/** A window layer with the checked geometry {@code g}. */
	public static AxisStep window(AxisGeometry g) {
		return new AxisStep(g.axis(), false, g.inputSize(), g.kernel(), g.stride(), g.dilation(), g.padLo(), g.padHi(), g.outputSize(), 0);
	}

	/**
	 * A transposed convolution from {@code n} input pixels: kernel {@code k}, stride, dilation,
	 * padding {@code p} and output padding {@code op}; refused (with the formula) when the output
	 * would be smaller than one pixel, and when a value is out of range.
	 */
	public static AxisStep transposed(Axis axis, int n, int k, int stride, int dilation, int p, int op) {
		if (n < 1 || k < 1 || stride < 1 || dilation < 1 || p < 0 || op < 0) {
			throw new IllegalArgumentException("a transposed layer along " + axis.label() + " needs input size, kernel, stride and dilation of at"
				+ " least 1 and no negative padding (got n=" + n + " k=" + k + " s=" + stride + " d=" + dilation + " p=" + p + " op=" + op + ")");
		}
		if (op >= stride && op >= dilation) {
			throw new IllegalArgumentException("output padding " + op + " must be smaller than stride " + stride + " or dilation " + dilation
				+ " (" + axis.label() + ")");
		}
		long o = (long) (n - 1) * stride - 2L * p + (long) dilation * (k - 1) + op + 1;
		if (o < 1) {
			throw new IllegalArgumentException("the output along " + axis.label() + " would be " + o + ": (" + n + " − 1)·" + stride + " − 2·" + p
				+ " + " + dilation + "·(" + k + " − 1) + " + op + " + 1; use less padding");
		}
		if (o > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("the output along " + axis.label() + " would be " + o + ", too large");
		return new AxisStep(axis, true, n, k, stride, dilation, p, p, (int) o, 0);
	}

	/** The same step on an input region that starts at {@code offset} of the image it was cut from. */
	public AxisStep at(int offset) {
		if (offset < 0) throw new IllegalArgumentException("offset " + offset + " must not be negative");
		return new AxisStep(axis, transposed, in, k, stride, dilation, padLo, padHi, out, offset);
	}

	public Axis axis() {
		return axis;
	}

	/** Whether this is a transposed convolution (its input pixels spread over its output, rather than windows read it). */
	public boolean isTransposed() {
		return transposed;
	}

	public int inputSize() {
		return in;
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

	/** Padding before (a transposed layer's {@code p}). */
	public int padLo() {
		return padLo;
	}

	/** Padding after (a transposed layer's {@code p}; its output padding adds outputs, not padding). */
	public int padHi() {
		return padHi;
	}

	/** The kernel's extent with dilation, {@code d·(k−1)+1}. */
	public int effectiveKernel() {
		return dilation * (k - 1) + 1;
	}

	public int outputSize() {
		return out;
	}

	/** Where the input region starts in the image it was cut from. */
	public int offset() {
		return offset;
	}

	/**
	 * Marks, in {@code reached} (indexed by input pixel, region-relative), every input pixel that
	 * output pixel {@code o} depends on — for a transposed layer only those its kernel taps connect.
	 */
	public void reach(int o, java.util.BitSet reached) {
		for (int t = 0; t < k; t++) {
			if (transposed) {
				long num = (long) o + padLo - (long) t * dilation; // j·s = o + p − t·d
				if (num < 0 || num % stride != 0) continue;
				long j = num / stride;
				if (j < in) reached.set((int) j);
			}
			else {
				long i = (long) o * stride - padLo + (long) t * dilation;
				if (i >= 0 && i < in) reached.set((int) i);
			}
		}
	}

	/** The output-size formula with the numbers put in. */
	public String formula() {
		if (!transposed) return AxisGeometry.formula(in, k, stride, dilation, padLo, padHi, out);
		int op = out - ((in - 1) * stride - 2 * padLo + dilation * (k - 1) + 1);
		return "o = (n - 1)*s - 2p + d(k-1) + op + 1 = (" + in + " - 1)*" + stride + " - 2*" + padLo + " + " + dilation + "*(" + k + "-1) + " + op
			+ " + 1 = " + out;
	}

	@Override
	public String toString() {
		return (transposed ? "transposed " : "window ") + "n=" + in + " k=" + k + " s=" + stride + " d=" + dilation + " p=" + padLo + "," + padHi
			+ " -> " + out + (offset == 0 ? "" : " at " + offset);
	}
}
