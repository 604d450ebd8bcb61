package convkit.engine;

/**
 * The inner loops every algorithm ends in: {@code a[i] += Σ w_k · b_k[i]} over up to five
 * separate arrays, all indexed by plain {@code i}. That exact shape is what HotSpot's
 * auto-vectoriser (JDK 11–17) turns into SIMD code; an offset index ({@code b[i + off]}), a
 * second store, or a sixth array makes it fall back to scalar code, 5–8× slower (measured on
 * this project's benchmark machine). Keep new loops in this shape.
 */
final class VectorLoops {

	private VectorLoops() {}

	/**
	 * {@code a[i] += Σ_m w[m] · taps[m][i]} for {@code i < n} and every {@code m < count},
	 * five arrays per pass over {@code a}.
	 */
	static void addTaps(float[] a, float[] w, float[][] taps, int count, int n) {
		addTaps(a, w, taps, 0, count, n);
	}

	/**
	 * {@code a[i] = c + Σ_m w[m] · taps[m][i]} for {@code i < n}: like {@link #addTaps} but the
	 * first pass sets {@code a} instead of reading it (no separate fill).
	 */
	static void setTaps(float[] a, float c, float[] w, float[][] taps, int count, int n) {
		switch (Math.min(count, 5)) {
			case 5:
				set5(a, c, w[0], taps[0], w[1], taps[1], w[2], taps[2], w[3], taps[3], w[4], taps[4], n);
				break;
			case 4:
				set4(a, c, w[0], taps[0], w[1], taps[1], w[2], taps[2], w[3], taps[3], n);
				break;
			case 3:
				set3(a, c, w[0], taps[0], w[1], taps[1], w[2], taps[2], n);
				break;
			case 2:
				set2(a, c, w[0], taps[0], w[1], taps[1], n);
				break;
			case 1:
				set1(a, c, w[0], taps[0], n);
				break;
			default:
				java.util.Arrays.fill(a, 0, n, c);
				return;
		}
		addTaps(a, w, taps, Math.min(count, 5), count, n);
	}

	/** {@link #addTaps} over {@code taps[from .. count)}. */
	private static void addTaps(float[] a, float[] w, float[][] taps, int from, int count, int n) {
		int m = from;
		for (; m + 5 <= count; m += 5) {
			add5(a, w[m], taps[m], w[m + 1], taps[m + 1], w[m + 2], taps[m + 2], w[m + 3], taps[m + 3], w[m + 4], taps[m + 4], n);
		}
		switch (count - m) {
			case 4:
				add4(a, w[m], taps[m], w[m + 1], taps[m + 1], w[m + 2], taps[m + 2], w[m + 3], taps[m + 3], n);
				break;
			case 3:
				add3(a, w[m], taps[m], w[m + 1], taps[m + 1], w[m + 2], taps[m + 2], n);
				break;
			case 2:
				add2(a, w[m], taps[m], w[m + 1], taps[m + 1], n);
				break;
			case 1:
				add1(a, w[m], taps[m], n);
				break;
			default:
				break;
		}
	}

	/**
	 * Copies the non-zero weights of {@code w[offset .. offset + count)} and the arrays
	 * {@code taps[0 .. count)} they weigh into {@code pickedW} and {@code picked}; returns how many
	 * there are.
	 */
	static int pick(float[] w, int offset, float[][] taps, int count, float[] pickedW, float[][] picked) {
		int n = 0;
		for (int m = 0; m < count; m++) {
			float wv = w[offset + m];
			if (wv == 0f) continue;
			pickedW[n] = wv;
			picked[n++] = taps[m];
		}
		return n;
	}

	/** {@code a[i] += w · b[i]}. */
	static void add1(float[] a, float w, float[] b, int n) {
		for (int i = 0; i < n; i++) a[i] += w * b[i];
	}

	static void add2(float[] a, float w0, float[] b0, float w1, float[] b1, int n) {
		for (int i = 0; i < n; i++) a[i] += w0 * b0[i] + w1 * b1[i];
	}

	static void add3(float[] a, float w0, float[] b0, float w1, float[] b1, float w2, float[] b2, int n) {
		for (int i = 0; i < n; i++) a[i] += w0 * b0[i] + w1 * b1[i] + w2 * b2[i];
	}

	static void add4(float[] a, float w0, float[] b0, float w1, float[] b1, float w2, float[] b2, float w3, float[] b3,
		int n)
	{
		for (int i = 0; i < n; i++) a[i] += w0 * b0[i] + w1 * b1[i] + w2 * b2[i] + w3 * b3[i];
	}

	private static void set1(float[] a, float c, float w0, float[] b0, int n) {
		for (int i = 0; i < n; i++) a[i] = c + w0 * b0[i];
	}

	private static void set2(float[] a, float c, float w0, float[] b0, float w1, float[] b1, int n) {
		for (int i = 0; i < n; i++) a[i] = c + w0 * b0[i] + w1 * b1[i];
	}

	private static void set4(float[] a, float c, float w0, float[] b0, float w1, float[] b1, float w2, float[] b2, float w3,
		float[] b3, int n)
	{
		for (int i = 0; i < n; i++) a[i] = c + w0 * b0[i] + w1 * b1[i] + w2 * b2[i] + w3 * b3[i];
	}

	private static void set3(float[] a, float c, float w0, float[] b0, float w1, float[] b1, float w2, float[] b2, int n) {
		for (int i = 0; i < n; i++) a[i] = c + w0 * b0[i] + w1 * b1[i] + w2 * b2[i];
	}

	private static void set5(float[] a, float c, float w0, float[] b0, float w1, float[] b1, float w2, float[] b2, float w3,
		float[] b3, float w4, float[] b4, int n)
	{
		for (int i = 0; i < n; i++) a[i] = c + w0 * b0[i] + w1 * b1[i] + w2 * b2[i] + w3 * b3[i] + w4 * b4[i];
	}

	static void add5(float[] a, float w0, float[] b0, float w1, float[] b1, float w2, float[] b2, float w3, float[] b3,
		float w4, float[] b4, int n)
	{
		for (int i = 0; i < n; i++) a[i] += w0 * b0[i] + w1 * b1[i] + w2 * b2[i] + w3 * b3[i] + w4 * b4[i];
	}
}
