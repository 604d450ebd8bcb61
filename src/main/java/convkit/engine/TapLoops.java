package convkit.engine;

/**
 * The inner loops written another way: {@link VectorLoops} hands its sums to one of these when the
 * JVM offers explicit SIMD ({@link SimdPath}). Every sum is a chain of fused multiply-adds in the
 * order of the taps, {@code a = fma(w_m, b_m[i], a)} for {@code m = from, from+1, ...} — the very
 * operations of {@link VectorLoops}' fused form — so both paths give the same bits.
 */
interface TapLoops {

	/** What the path is called in reports, e.g. {@code vector 512-bit}. */
	String label();

	/** {@code a[i] += Σ_{m ∈ [from, count)} w[wo + m] · taps[m][i]} for {@code i < n}. */
	void addTaps(float[] a, float[] w, int wo, float[][] taps, int from, int count, int n);

	/** {@code a[i] = c + Σ_{m < count} w[wo + m] · taps[m][i]} for {@code i < n}. */
	void setTaps(float[] a, float c, float[] w, int wo, float[][] taps, int count, int n);

	/**
	 * For every row {@code j < rows}: {@code acc[j][i] = s_j + Σ_{m ∈ [from, to)} w[wo[j] + m] · taps[m][i]}
	 * for {@code i < n}, where {@code s_j} is {@code start[j]}, or {@code acc[j][i]} itself when
	 * {@code start} is null — a matrix product of the rows' weights and the taps, the heart of
	 * channel mixing.
	 */
	void addTapRows(float[][] acc, int rows, float[] w, int[] wo, float[][] taps, int from, int to, int n, float[] start);

	/**
	 * {@code a[i] = s + Σ_{r < rows} Σ_{k < kw} w[wo + r·kw + k] · src[r][i + k·step]} for {@code i < n},
	 * the terms in that order, {@code s} being {@code c} when {@code set}, else {@code a[i]}: the
	 * tap sums of {@link #addTaps} with each tap read at its offset in a whole padded row instead
	 * of from a copy of its own ({@code taps[r·kw + k][i] = src[r][i + k·step]}), so the same bits.
	 */
	void addShiftedRows(float[] a, boolean set, float c, float[] w, int wo, float[][] src, int rows, int kw, int step, int n);

	/** Output channels one call of {@link #mixShifted} sums: the rows of its register block. */
	int MIX_ROWS = 8;

	/**
	 * Channel mixing with every tap read in place: for {@code j < }{@link #MIX_ROWS} and {@code i < n},
	 * {@code dst[j][at[j] + i] = start[j] + Σ_{m < count} wp[wo + m·MIX_ROWS + j] · src[so + to[m] + i]},
	 * the terms in that order. {@code wp} from {@code wo} holds the weights of the eight output
	 * channels packed tap by tap;
	 * {@code to[m]} is where tap {@code m} (input channel, kernel plane, row and column) lies in
	 * {@code src}, a padded copy of the input a block reads, and {@code so} where the output row starts
	 * there. The sums of all taps of all input channels stay in registers (eight channels × two
	 * vectors), each sum the same chain as {@link #addTapRows} takes over the same taps, so the same bits.
	 */
	void mixShifted(float[][] dst, int[] at, float[] start, float[] wp, int wo, int count, float[] src, int[] to, int so, int n);

	/**
	 * Warm-up batches for {@link #addShiftedRows}: each runs one kernel a number of times on small
	 * arrays, every branch and every loop more than once (a branch C2 never saw taken is compiled as
	 * a trap back to the interpreter); {@link SimdPath} runs each batch often enough for C2 to compile the kernel.
	 */
	Runnable[] warmUpShifted();

	/** The same for {@link #addTaps} and {@link #setTaps}. */
	Runnable[] warmUpTaps();

	/** The same for {@link #addTapRows}. */
	Runnable[] warmUpRows();

	/** The same for {@link #mixShifted}. */
	Runnable[] warmUpMix();
}
