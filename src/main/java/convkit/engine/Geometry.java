package convkit.engine;

/**
 * Size formulas of one axis of a convolution or pooling layer (DESIGN.md §1).
 * <p>
 * Example: {@code Geometry.outputSize(224, 3, 1, 1, 1, 1) == 224}.
 */
public final class Geometry {

	private Geometry() {}

	/** The kernel's extent with dilation: {@code d·(k−1)+1}. */
	public static int effectiveKernel(int k, int dilation) {
		return dilation * (k - 1) + 1;
	}

	/**
	 * {@code floor((n + lo + hi − d·(k−1) − 1) / s) + 1}; may be 0 or negative when the kernel
	 * does not fit (see {@link AxisGeometry#of} for the checked form).
	 */
	public static int outputSize(int n, int k, int stride, int dilation, int padLo, int padHi) {
		long span = (long) n + padLo + padHi - (long) dilation * (k - 1) - 1;
		return (int) (Math.floorDiv(span, stride) + 1);
	}

	/**
	 * {@code {lo, hi}} for {@code padding=same}: at stride 1 PyTorch's rule
	 * ({@code total = d·(k−1)}, {@code lo = floor(total/2)}), above it TensorFlow's
	 * ({@code out = ceil(n/s)}, {@code total = max((out−1)·s + d·(k−1) + 1 − n, 0)}).
	 */
	public static int[] samePadding(int n, int k, int stride, int dilation) {
		long total;
		if (stride == 1) {
			total = (long) dilation * (k - 1);
		}
		else {
			long out = (n + (long) stride - 1) / stride;
			total = Math.max((out - 1) * stride + (long) dilation * (k - 1) + 1 - n, 0);
		}
		int lo = (int) (total / 2);
		return new int[] { lo, (int) (total - lo) };
	}
}
