package convkit.engine;

/**
 * A power-of-two complex FFT applied down the columns of a matrix stored as an array of rows
 * ({@code re[row][column]}, {@code im[row][column]}): every butterfly combines two whole rows with
 * one twiddle factor, a loop over plain indices that HotSpot vectorises (see {@link VectorLoops}).
 * The rows transformed are {@code offset + i·stride} for {@code i < length}, so one matrix of
 * {@code D·H} rows holds a 3-D block: stride 1 runs along y, stride H along z. The bit-reversal
 * permutation swaps row references. Transforming the columns' own axis is a {@link #transpose}
 * away. Immutable; safe to share between threads.
 */
final class ColumnFft {

	private final int length;
	private final double[] cos;
	private final double[] sin;
	private final int[] reversed;

	/** An FFT over {@code length} rows (a power of two, at least 1). */
	ColumnFft(int length) {
		if (length < 1 || Integer.bitCount(length) != 1) throw new IllegalArgumentException("FFT length " + length + " is not a power of two");
		this.length = length;
		cos = new double[Math.max(1, length / 2)];
		sin = new double[Math.max(1, length / 2)];
		for (int k = 0; k < length / 2; k++) {
			cos[k] = Math.cos(2 * Math.PI * k / length);
			sin[k] = Math.sin(2 * Math.PI * k / length);
		}
		reversed = new int[length];
		int bits = Integer.numberOfTrailingZeros(length);
		for (int i = 0; i < length; i++) reversed[i] = bits == 0 ? 0 : Integer.reverse(i) >>> (32 - bits);
	}

	/**
	 * Transforms, in place, the first {@code width} values of every column along rows
	 * {@code offset + i·stride}: forward ({@code e^{-2πi·jk/N}}) or inverse without the {@code 1/N}
	 * factor.
	 */
	void transform(double[][] re, double[][] im, int offset, int stride, int width, boolean inverse) {
		if (length == 1) return;
		for (int i = 0; i < length; i++) {
			int j = reversed[i];
			if (j > i) {
				int a = offset + i * stride;
				int b = offset + j * stride;
				double[] t = re[a];
				re[a] = re[b];
				re[b] = t;
				t = im[a];
				im[a] = im[b];
				im[b] = t;
			}
		}
		double sign = inverse ? 1 : -1;
		for (int size = 2; size <= length; size *= 2) {
			int half = size / 2;
			int step = length / size;
			for (int start = 0; start < length; start += size) {
				for (int k = 0; k < half; k++) {
					int a = offset + (start + k) * stride;
					int b = a + half * stride;
					butterfly(re[a], im[a], re[b], im[b], cos[k * step], sign * sin[k * step], width);
				}
			}
		}
	}

	/** {@code (a, b) ← (a + w·b, a − w·b)} over {@code n} values. */
	private static void butterfly(double[] ar, double[] ai, double[] br, double[] bi, double wr, double wi, int n) {
		for (int i = 0; i < n; i++) {
			double xr = br[i];
			double xi = bi[i];
			double tr = wr * xr - wi * xi;
			double ti = wr * xi + wi * xr;
			double yr = ar[i];
			double yi = ai[i];
			br[i] = yr - tr;
			bi[i] = yi - ti;
			ar[i] = yr + tr;
			ai[i] = yi + ti;
		}
	}

	/** {@code to[c][r] = from[r][c]} for {@code r < rows}, {@code c < cols}, in cache-sized blocks. */
	static void transpose(double[][] from, double[][] to, int rows, int cols) {
		final int b = 32;
		for (int r0 = 0; r0 < rows; r0 += b) {
			int r1 = Math.min(rows, r0 + b);
			for (int c0 = 0; c0 < cols; c0 += b) {
				int c1 = Math.min(cols, c0 + b);
				for (int r = r0; r < r1; r++) {
					double[] src = from[r];
					for (int c = c0; c < c1; c++) to[c][r] = src[c];
				}
			}
		}
	}
}
