package convkit.engine;

import java.util.Arrays;

/**
 * The settings of a transposed convolution (PyTorch's {@code ConvTranspose2d/3d}): stride,
 * padding (the same on both sides, as PyTorch pads), output padding and dilation per axis
 * (x, y[, z]), and groups. Immutable; validated when made, with PyTorch's rules: output padding
 * must be smaller than the stride or the dilation.
 * <p>
 * Example: {@code TransposedSpec.of(2, new int[] {2}, new int[] {1}, new int[] {1}, new int[] {1}, 1)}.
 */
public final class TransposedSpec {

	private final int rank;
	private final int[] stride;
	private final int[] padding;
	private final int[] outputPadding;
	private final int[] dilation;
	private final int groups;

	private TransposedSpec(int rank, int[] stride, int[] padding, int[] outputPadding, int[] dilation, int groups) {
		this.rank = rank;
		this.stride = stride;
		this.padding = padding;
		this.outputPadding = outputPadding;
		this.dilation = dilation;
		this.groups = groups;
	}

	/** A spec of {@code rank} axes; each per-axis array holds one value for every axis or one per axis (x, y[, z]). */
	public static TransposedSpec of(int rank, int[] stride, int[] padding, int[] outputPadding, int[] dilation, int groups) {
		if (rank != 2 && rank != 3) throw new IllegalArgumentException("spatial rank " + rank + " is not allowed (2 or 3)");
		int[] s = PoolSpec.perAxis("stride", stride, rank, 1);
		int[] p = PoolSpec.perAxis("padding", padding, rank, 0);
		int[] op = PoolSpec.perAxis("output padding", outputPadding, rank, 0);
		int[] d = PoolSpec.perAxis("dilation", dilation, rank, 1);
		if (groups < 1) throw new IllegalArgumentException("groups must be at least 1, not " + groups);
		for (int i = 0; i < rank; i++) {
			if (op[i] >= s[i] && op[i] >= d[i]) {
				throw new IllegalArgumentException("output padding " + ConvSpec.perAxis(op) + " must be smaller than stride " + ConvSpec.perAxis(s)
					+ " or dilation " + ConvSpec.perAxis(d) + " (" + Axis.values()[i].label() + ": " + op[i] + ")");
			}
		}
		return new TransposedSpec(rank, s, p, op, d, groups);
	}

	/** Number of spatial axes. */
	public int rank() {
		return rank;
	}

	public int stride(Axis a) {
		return a.ordinal() < rank ? stride[a.ordinal()] : 1;
	}

	public int padding(Axis a) {
		return a.ordinal() < rank ? padding[a.ordinal()] : 0;
	}

	public int outputPadding(Axis a) {
		return a.ordinal() < rank ? outputPadding[a.ordinal()] : 0;
	}

	public int dilation(Axis a) {
		return a.ordinal() < rank ? dilation[a.ordinal()] : 1;
	}

	public int groups() {
		return groups;
	}

	/** Stride, padding, output padding and dilation per axis (x first), as one array each. */
	public int[][] values() {
		return new int[][] { stride.clone(), padding.clone(), outputPadding.clone(), dilation.clone() };
	}

	/**
	 * The output size along {@code a} for an input of {@code n} and a kernel of {@code k}:
	 * {@code (n − 1)·s − 2p + d·(k − 1) + op + 1}; refused when it is below 1.
	 */
	public int outputSize(Axis a, int n, int k) {
		long o = (long) (n - 1) * stride(a) - 2L * padding(a) + (long) dilation(a) * (k - 1) + outputPadding(a) + 1;
		if (o < 1) {
			throw new IllegalArgumentException("the output " + a.sizeName() + " would be " + o + ": (" + n + " − 1)·" + stride(a) + " − 2·" + padding(a)
				+ " + " + dilation(a) + "·(" + k + " − 1) + " + outputPadding(a) + " + 1; use less padding");
		}
		if (o > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("the output " + a.sizeName() + " would be " + o + ", too large");
		return (int) o;
	}

	@Override
	public String toString() {
		return "stride=" + ConvSpec.perAxis(stride) + " padding=" + ConvSpec.perAxis(padding) + " output_padding="
			+ ConvSpec.perAxis(outputPadding) + " dilation=" + ConvSpec.perAxis(dilation) + " groups=" + groups;
	}

	@Override
	public boolean equals(Object o) {
		if (!(o instanceof TransposedSpec)) return false;
		TransposedSpec t = (TransposedSpec) o;
		return rank == t.rank && groups == t.groups && Arrays.equals(stride, t.stride) && Arrays.equals(padding, t.padding)
			&& Arrays.equals(outputPadding, t.outputPadding) && Arrays.equals(dilation, t.dilation);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(stride) * 31 + Arrays.hashCode(padding) + rank;
	}
}
