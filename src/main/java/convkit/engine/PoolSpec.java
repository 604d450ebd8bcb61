package convkit.engine;

import java.util.Arrays;

/**
 * The settings of a pooling layer, PyTorch's {@code MaxPool2d/3d} and {@code AvgPool2d/3d}:
 * kernel, stride, padding (the same on both sides) and dilation (max only) per axis (x, y[, z]),
 * ceil mode and, for the average, whether padding counts in the divisor. Immutable; validated
 * when made with PyTorch's rules (padding at most half the kernel).
 * <p>
 * Example: {@code PoolSpec.max(2, new int[] {2}, null, new int[] {0}, new int[] {1}, false)}.
 */
public final class PoolSpec {

	/** Which value a window gives. */
	public enum Kind {
		MAX("maxpool"), AVG("avgpool");

		private final String label;

		Kind(String label) {
			this.label = label;
		}

		/** The layer name users type. */
		public String label() {
			return label;
		}
	}

	private final Kind kind;
	private final int rank;
	private final int[] kernel;
	private final int[] stride;
	private final int[] padding;
	private final int[] dilation;
	private final boolean ceil;
	private final boolean countIncludePad;

	private PoolSpec(Kind kind, int rank, int[] kernel, int[] stride, int[] padding, int[] dilation, boolean ceil, boolean cip) {
		this.kind = kind;
		this.rank = rank;
		this.kernel = kernel;
		this.stride = stride;
		this.padding = padding;
		this.dilation = dilation;
		this.ceil = ceil;
		this.countIncludePad = cip;
	}

	/** A max pool; {@code stride} null means the kernel size (PyTorch's default). */
	public static PoolSpec max(int rank, int[] kernel, int[] stride, int[] padding, int[] dilation, boolean ceil) {
		return make(Kind.MAX, rank, kernel, stride, padding, dilation, ceil, true);
	}

	/** An average pool; {@code stride} null means the kernel size. */
	public static PoolSpec avg(int rank, int[] kernel, int[] stride, int[] padding, boolean ceil, boolean countIncludePad) {
		return make(Kind.AVG, rank, kernel, stride, padding, new int[] { 1 }, ceil, countIncludePad);
	}

	private static PoolSpec make(Kind kind, int rank, int[] kernel, int[] stride, int[] padding, int[] dilation, boolean ceil, boolean cip) {
		if (rank != 2 && rank != 3) throw new IllegalArgumentException("spatial rank " + rank + " is not allowed (2 or 3)");
		int[] k = perAxis("kernel size", kernel, rank, 1);
		int[] s = stride == null ? k.clone() : perAxis("stride", stride, rank, 1);
		int[] p = perAxis("padding", padding, rank, 0);
		int[] d = perAxis("dilation", dilation, rank, 1);
		for (int i = 0; i < rank; i++) {
			if (2 * p[i] > k[i]) {
				throw new IllegalArgumentException("padding " + ConvSpec.perAxis(p) + " must be at most half the kernel " + ConvSpec.perAxis(k)
					+ " (" + Axis.values()[i].label() + ": " + p[i] + " > " + k[i] + "/2), as PyTorch requires");
			}
		}
		return new PoolSpec(kind, rank, k, s, p, d, ceil, cip);
	}

	/**
	 * {@code values} (one for every axis, or one per axis x, y[, z]) as one per axis; each at least
	 * {@code least}.
	 */
	static int[] perAxis(String name, int[] values, int rank, int least) {
		if (values == null || (values.length != 1 && values.length != rank)) {
			throw new IllegalArgumentException(name + " takes one value or " + rank + " (" + (rank == 3 ? "x,y,z" : "x,y") + "), not "
				+ (values == null ? "none" : ConvSpec.perAxis(values)));
		}
		int[] v = new int[rank];
		for (int i = 0; i < rank; i++) {
			v[i] = values[values.length == 1 ? 0 : i];
			if (v[i] < least) throw new IllegalArgumentException(name + " must be at least " + least + ", not " + ConvSpec.perAxis(values));
		}
		return v;
	}

	public Kind kind() {
		return kind;
	}

	public int rank() {
		return rank;
	}

	public int kernel(Axis a) {
		return a.ordinal() < rank ? kernel[a.ordinal()] : 1;
	}

	public int stride(Axis a) {
		return a.ordinal() < rank ? stride[a.ordinal()] : 1;
	}

	public int padding(Axis a) {
		return a.ordinal() < rank ? padding[a.ordinal()] : 0;
	}

	public int dilation(Axis a) {
		return a.ordinal() < rank ? dilation[a.ordinal()] : 1;
	}

	/** Whether the output size is rounded up (PyTorch's {@code ceil_mode}). */
	public boolean ceil() {
		return ceil;
	}

	/** Whether the average divides by the whole window, padding included (PyTorch's {@code count_include_pad}). */
	public boolean countIncludePad() {
		return countIncludePad;
	}

	/** Kernel, stride, padding and dilation per axis (x first), as one array each. */
	public int[][] values() {
		return new int[][] { kernel.clone(), stride.clone(), padding.clone(), dilation.clone() };
	}

	/**
	 * The output size along {@code a} for an input of {@code n}, as PyTorch computes it: the floor
	 * (or, in ceil mode, the ceiling) of {@code (n + 2p − d·(k − 1) − 1)/s} plus 1, less one in ceil
	 * mode when the last window would start past the input and its left padding. Refused below 1.
	 */
	public int outputSize(Axis a, int n) {
		int k = kernel(a), s = stride(a), p = padding(a), d = dilation(a);
		long span = (long) n + 2L * p - (long) d * (k - 1) - 1;
		long o = Math.floorDiv(span + (ceil ? s - 1 : 0), (long) s) + 1;
		if (ceil && (o - 1) * s >= (long) n + p) o--;
		if (o < 1) {
			throw new IllegalArgumentException("the pooling window " + (d == 1 ? "" : "(kernel " + k + " at dilation " + d + ") ") + "spans "
				+ ((long) d * (k - 1) + 1) + " along " + a.label() + ", larger than the input's " + a.sizeName() + " " + n
				+ (p > 0 ? " with its padding " + p + " on each side" : "") + "; the output would be empty");
		}
		return (int) o;
	}

	@Override
	public String toString() {
		return kind.label() + " kernel=" + ConvSpec.perAxis(kernel) + " stride=" + ConvSpec.perAxis(stride) + " padding=" + ConvSpec.perAxis(padding)
			+ (kind == Kind.MAX ? " dilation=" + ConvSpec.perAxis(dilation) : "") + " ceil=" + ceil + (kind == Kind.AVG ? " count_include_pad="
			+ countIncludePad : "");
	}

	@Override
	public boolean equals(Object o) {
		if (!(o instanceof PoolSpec)) return false;
		PoolSpec t = (PoolSpec) o;
		return kind == t.kind && rank == t.rank && ceil == t.ceil && countIncludePad == t.countIncludePad && Arrays.equals(kernel, t.kernel)
			&& Arrays.equals(stride, t.stride) && Arrays.equals(padding, t.padding) && Arrays.equals(dilation, t.dilation);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(kernel) * 31 + Arrays.hashCode(stride) + kind.hashCode();
	}
}
