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

	/** Runs {@link #addTaps} and {@link #setTaps}, every branch, on small arrays often enough for HotSpot's C2 to compile them. */
	void warmUpTaps();

	/** The same for {@link #addTapRows}. */
	void warmUpRows();
}
