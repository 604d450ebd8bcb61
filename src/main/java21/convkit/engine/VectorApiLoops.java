package convkit.engine;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The inner loops in the Vector API ({@code jdk.incubator.vector}), for Java 21 and newer (this
 * file is compiled into the jar's multi-release part; {@link SimdPath} loads it). Each output
 * vector is held in a register while every tap is added — no store and reload of the sum between
 * passes, as the auto-vectorised loops need — and a matrix product of rows of weights and taps is
 * register-blocked: six rows × two vectors of twelve accumulators, each tap vector loaded once for
 * the six rows (the shape of a GEMM microkernel), over chunks of taps that stay in the first-level
 * cache while every row block passes. Every sum is the chain
 * {@code fma(w_m, b_m[i], a)} in the order of the taps, as in {@link VectorLoops}' fused form, so
 * the results are the same bits on both paths; columns past the last whole vector take that chain
 * in scalar {@link Math#fma}.
 * <p>
 * Each register block is written out by hand (six rows, four rows, eight vectors): vectors held in
 * local variables are what C2 keeps in registers, while an array of vectors, or a vector passed to
 * a method it does not inline, becomes an object on the heap — measured 40× slower. The blocks look
 * alike for that reason.
 */
final class VectorApiLoops implements TapLoops {

	private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
	private static final int L = S.length();
	/** Rows of the register block of {@link #addTapRows}. */
	static final int ROWS = 6;

	VectorApiLoops() {
		if (S.vectorBitSize() < 256) throw new IllegalStateException("a " + S.vectorBitSize() + "-bit vector gains nothing here");
	}

	@Override
	public String label() {
		return "vector " + S.vectorBitSize() + "-bit";
	}

	@Override
	public void addTaps(float[] a, float[] w, int wo, float[][] taps, int from, int count, int n) {
		if (from < count) sum(a, false, 0f, w, wo, taps, from, count, 0, n);
	}

	@Override
	public void setTaps(float[] a, float c, float[] w, int wo, float[][] taps, int count, int n) {
		sum(a, true, c, w, wo, taps, 0, count, 0, n);
	}

	/**
	 * Columns {@code [i0, n)} of one row: {@code a[i] = s + Σ_{m ∈ [from, count)} w[wo + m]·taps[m][i]},
	 * {@code s} being {@code c} when {@code set}, else {@code a[i]} — eight vectors at a time, then
	 * one, then scalar {@link Math#fma}.
	 */
	private static void sum(float[] a, boolean set, float c, float[] w, int wo, float[][] taps, int from, int count, int i0, int n) {
		int i = i0;
		for (; i <= n - 8 * L; i += 8 * L) eightVectors(a, i, set, c, w, wo, taps, from, count);
		for (; i <= n - L; i += L) {
			FloatVector s0 = set ? FloatVector.broadcast(S, c) : FloatVector.fromArray(S, a, i);
			for (int m = from; m < count; m++) s0 = FloatVector.fromArray(S, taps[m], i).fma(FloatVector.broadcast(S, w[wo + m]), s0);
			s0.intoArray(a, i);
		}
		for (; i < n; i++) a[i] = scalarChain(set ? c : a[i], w, wo, taps, from, count, i);
	}

	/**
	 * Columns {@code [i, i + 8L)} of one row, taps {@code [from, count)}: eight chains, so the FMAs'
	 * latency is hidden and each tap's array and weight are fetched once for eight vectors; starting
	 * from {@code c} when {@code set}, else from the row. (No vector crosses a call: one passed to a
	 * method C2 does not inline is made an object, 40× slower.)
	 */
	private static void eightVectors(float[] a, int i, boolean set, float c, float[] w, int wo, float[][] taps, int from, int count) {
		FloatVector s0, s1, s2, s3, s4, s5, s6, s7;
		if (!set) {
			s0 = FloatVector.fromArray(S, a, i);
			s1 = FloatVector.fromArray(S, a, i + L);
			s2 = FloatVector.fromArray(S, a, i + 2 * L);
			s3 = FloatVector.fromArray(S, a, i + 3 * L);
			s4 = FloatVector.fromArray(S, a, i + 4 * L);
			s5 = FloatVector.fromArray(S, a, i + 5 * L);
			s6 = FloatVector.fromArray(S, a, i + 6 * L);
			s7 = FloatVector.fromArray(S, a, i + 7 * L);
		}
		else s0 = s1 = s2 = s3 = s4 = s5 = s6 = s7 = FloatVector.broadcast(S, c);
		for (int m = from; m < count; m++) {
			FloatVector wm = FloatVector.broadcast(S, w[wo + m]);
			float[] t = taps[m];
			s0 = FloatVector.fromArray(S, t, i).fma(wm, s0);
			s1 = FloatVector.fromArray(S, t, i + L).fma(wm, s1);
			s2 = FloatVector.fromArray(S, t, i + 2 * L).fma(wm, s2);
			s3 = FloatVector.fromArray(S, t, i + 3 * L).fma(wm, s3);
			s4 = FloatVector.fromArray(S, t, i + 4 * L).fma(wm, s4);
			s5 = FloatVector.fromArray(S, t, i + 5 * L).fma(wm, s5);
			s6 = FloatVector.fromArray(S, t, i + 6 * L).fma(wm, s6);
			s7 = FloatVector.fromArray(S, t, i + 7 * L).fma(wm, s7);
		}
		s0.intoArray(a, i);
		s1.intoArray(a, i + L);
		s2.intoArray(a, i + 2 * L);
		s3.intoArray(a, i + 3 * L);
		s4.intoArray(a, i + 4 * L);
		s5.intoArray(a, i + 5 * L);
		s6.intoArray(a, i + 6 * L);
		s7.intoArray(a, i + 7 * L);
	}

	@Override
	public void addShiftedRows(float[] a, boolean set, float c, float[] w, int wo, float[][] src, int rows, int kw, int step, int n) {
		int i = 0;
		for (; i <= n - 8 * L; i += 8 * L) eightShifted(a, i, set, c, w, wo, src, rows, kw, step);
		for (; i <= n - L; i += L) {
			FloatVector s0 = set ? FloatVector.broadcast(S, c) : FloatVector.fromArray(S, a, i);
			for (int r = 0, m = wo; r < rows; r++) {
				float[] row = src[r];
				for (int k = 0, p = i; k < kw; k++, m++, p += step) s0 = FloatVector.fromArray(S, row, p).fma(FloatVector.broadcast(S, w[m]), s0);
			}
			s0.intoArray(a, i);
		}
		for (; i < n; i++) {
			float s = set ? c : a[i];
			for (int r = 0, m = wo; r < rows; r++) {
				float[] row = src[r];
				for (int k = 0, p = i; k < kw; k++, m++, p += step) s = Math.fma(w[m], row[p], s);
			}
			a[i] = s;
		}
	}

	/** Columns {@code [i, i + 8L)} of {@link #addShiftedRows}: eight chains, each weight broadcast once for the eight. */
	private static void eightShifted(float[] a, int i, boolean set, float c, float[] w, int wo, float[][] src, int rows, int kw, int step) {
		FloatVector s0, s1, s2, s3, s4, s5, s6, s7;
		if (!set) {
			s0 = FloatVector.fromArray(S, a, i);
			s1 = FloatVector.fromArray(S, a, i + L);
			s2 = FloatVector.fromArray(S, a, i + 2 * L);
			s3 = FloatVector.fromArray(S, a, i + 3 * L);
			s4 = FloatVector.fromArray(S, a, i + 4 * L);
			s5 = FloatVector.fromArray(S, a, i + 5 * L);
			s6 = FloatVector.fromArray(S, a, i + 6 * L);
			s7 = FloatVector.fromArray(S, a, i + 7 * L);
		}
		else s0 = s1 = s2 = s3 = s4 = s5 = s6 = s7 = FloatVector.broadcast(S, c);
		for (int r = 0, m = wo; r < rows; r++) {
			float[] row = src[r];
			for (int k = 0, p = i; k < kw; k++, m++, p += step) {
				FloatVector wm = FloatVector.broadcast(S, w[m]);
				s0 = FloatVector.fromArray(S, row, p).fma(wm, s0);
				s1 = FloatVector.fromArray(S, row, p + L).fma(wm, s1);
				s2 = FloatVector.fromArray(S, row, p + 2 * L).fma(wm, s2);
				s3 = FloatVector.fromArray(S, row, p + 3 * L).fma(wm, s3);
				s4 = FloatVector.fromArray(S, row, p + 4 * L).fma(wm, s4);
				s5 = FloatVector.fromArray(S, row, p + 5 * L).fma(wm, s5);
				s6 = FloatVector.fromArray(S, row, p + 6 * L).fma(wm, s6);
				s7 = FloatVector.fromArray(S, row, p + 7 * L).fma(wm, s7);
			}
		}
		s0.intoArray(a, i);
		s1.intoArray(a, i + L);
		s2.intoArray(a, i + 2 * L);
		s3.intoArray(a, i + 3 * L);
		s4.intoArray(a, i + 4 * L);
		s5.intoArray(a, i + 5 * L);
		s6.intoArray(a, i + 6 * L);
		s7.intoArray(a, i + 7 * L);
	}

	/** {@code s + Σ w[wo + m]·taps[m][i]} as a chain of fused multiply-adds in the order of {@code m}. */
	private static float scalarChain(float s, float[] w, int wo, float[][] taps, int from, int count, int i) {
		for (int m = from; m < count; m++) s = Math.fma(w[wo + m], taps[m][i], s);
		return s;
	}

	/** Taps per chunk of {@link #addTapRows}: a chunk's slice of every tap (two vectors each) stays in the first-level cache. */
	static final int CHUNK = 128;

	@Override
	public void addTapRows(float[][] acc, int rows, float[] w, int[] wo, float[][] taps, int from, int to, int n, float[] start) {
		if (from >= to) {
			if (start != null) for (int j = 0; j < rows; j++) java.util.Arrays.fill(acc[j], 0, n, start[j]);
			return;
		}
		int whole = n - n % (2 * L);
		for (int m0 = from; m0 < to; m0 += CHUNK) { // chunks in the order of the taps: every sum keeps its order
			int m1 = Math.min(to, m0 + CHUNK);
			float[] s = m0 == from ? start : null;
			float[] panel = rows >= 4 ? PANEL.get() : null;
			for (int i = 0; i < whole; i += 2 * L) {
				int j = 0;
				if (panel != null) pack(taps, m0, m1, i, panel);
				for (; j + ROWS <= rows; j += ROWS) sixRows(acc, j, w, wo, panel, m0, m1, i, s);
				for (; j + 4 <= rows; j += 4) fourRows(acc, j, w, wo, panel, m0, m1, i, s);
				for (; j < rows; j++) oneRow(acc[j], w, wo[j], taps, m0, m1, i, s != null, s == null ? 0f : s[j]);
			}
			for (int j = 0; j < rows && whole < n; j++) { // the columns past the last two whole vectors
				sum(acc[j], s != null, s == null ? 0f : s[j], w, wo[j], taps, m0, m1, whole, n);
			}
		}
	}

	/** Each thread's panel: a chunk's two vectors of every tap, side by side ({@link #pack}). */
	private static final ThreadLocal<float[]> PANEL = ThreadLocal.withInitial(() -> new float[CHUNK * 2 * L]);

	/** Copies columns {@code [i, i + 2L)} of taps {@code [m0, m1)} into {@code panel}, tap after tap: one array read in order. */
	private static void pack(float[][] taps, int m0, int m1, int i, float[] panel) {
		for (int m = m0, p = 0; m < m1; m++, p += 2 * L) { // two vector copies (System.arraycopy costs more for 2L floats)
			float[] t = taps[m];
			FloatVector.fromArray(S, t, i).intoArray(panel, p);
			FloatVector.fromArray(S, t, i + L).intoArray(panel, p + L);
		}
	}

	/** One row, columns {@code [i, i + 2L)}, taps {@code [m0, m1)}: starting from {@code c} when {@code set}, else from the row. */
	private static void oneRow(float[] a, float[] w, int o, float[][] taps, int m0, int m1, int i, boolean set, float c) {
		FloatVector s0 = set ? FloatVector.broadcast(S, c) : FloatVector.fromArray(S, a, i);
		FloatVector s1 = set ? s0 : FloatVector.fromArray(S, a, i + L);
		for (int m = m0; m < m1; m++) {
			float[] t = taps[m];
			FloatVector wm = FloatVector.broadcast(S, w[o + m]);
			s0 = FloatVector.fromArray(S, t, i).fma(wm, s0);
			s1 = FloatVector.fromArray(S, t, i + L).fma(wm, s1);
		}
		s0.intoArray(a, i);
		s1.intoArray(a, i + L);
	}

	/** Rows {@code j .. j+3} as {@link #sixRows} does rows {@code j .. j+5}: eight accumulators (16 rows = 6 + 6 + 4). */
	private static void fourRows(float[][] acc, int j, float[] w, int[] wo, float[] panel, int m0, int m1, int i, float[] start) {
		float[] a0 = acc[j], a1 = acc[j + 1], a2 = acc[j + 2], a3 = acc[j + 3];
		int o0 = wo[j], o1 = wo[j + 1], o2 = wo[j + 2], o3 = wo[j + 3];
		FloatVector s00, s01, s10, s11, s20, s21, s30, s31;
		if (start == null) {
			s00 = FloatVector.fromArray(S, a0, i); s01 = FloatVector.fromArray(S, a0, i + L);
			s10 = FloatVector.fromArray(S, a1, i); s11 = FloatVector.fromArray(S, a1, i + L);
			s20 = FloatVector.fromArray(S, a2, i); s21 = FloatVector.fromArray(S, a2, i + L);
			s30 = FloatVector.fromArray(S, a3, i); s31 = FloatVector.fromArray(S, a3, i + L);
		}
		else {
			s00 = s01 = FloatVector.broadcast(S, start[j]);
			s10 = s11 = FloatVector.broadcast(S, start[j + 1]);
			s20 = s21 = FloatVector.broadcast(S, start[j + 2]);
			s30 = s31 = FloatVector.broadcast(S, start[j + 3]);
		}
		for (int m = m0, p = 0; m < m1; m++, p += 2 * L) {
			FloatVector b0 = FloatVector.fromArray(S, panel, p);
			FloatVector b1 = FloatVector.fromArray(S, panel, p + L);
			FloatVector wv = FloatVector.broadcast(S, w[o0 + m]);
			s00 = b0.fma(wv, s00); s01 = b1.fma(wv, s01);
			wv = FloatVector.broadcast(S, w[o1 + m]);
			s10 = b0.fma(wv, s10); s11 = b1.fma(wv, s11);
			wv = FloatVector.broadcast(S, w[o2 + m]);
			s20 = b0.fma(wv, s20); s21 = b1.fma(wv, s21);
			wv = FloatVector.broadcast(S, w[o3 + m]);
			s30 = b0.fma(wv, s30); s31 = b1.fma(wv, s31);
		}
		s00.intoArray(a0, i); s01.intoArray(a0, i + L);
		s10.intoArray(a1, i); s11.intoArray(a1, i + L);
		s20.intoArray(a2, i); s21.intoArray(a2, i + L);
		s30.intoArray(a3, i); s31.intoArray(a3, i + L);
	}

	/**
	 * Rows {@code j .. j+5}, columns {@code [i, i + 2L)}, taps {@code [m0, m1)} (packed in
	 * {@code panel}): twelve accumulators in registers, each tap's two vectors loaded once for the six rows.
	 */
	private static void sixRows(float[][] acc, int j, float[] w, int[] wo, float[] panel, int m0, int m1, int i, float[] start) {
		float[] a0 = acc[j], a1 = acc[j + 1], a2 = acc[j + 2], a3 = acc[j + 3], a4 = acc[j + 4], a5 = acc[j + 5];
		int o0 = wo[j], o1 = wo[j + 1], o2 = wo[j + 2], o3 = wo[j + 3], o4 = wo[j + 4], o5 = wo[j + 5];
		FloatVector s00, s01, s10, s11, s20, s21, s30, s31, s40, s41, s50, s51;
		if (start == null) {
			s00 = FloatVector.fromArray(S, a0, i); s01 = FloatVector.fromArray(S, a0, i + L);
			s10 = FloatVector.fromArray(S, a1, i); s11 = FloatVector.fromArray(S, a1, i + L);
			s20 = FloatVector.fromArray(S, a2, i); s21 = FloatVector.fromArray(S, a2, i + L);
			s30 = FloatVector.fromArray(S, a3, i); s31 = FloatVector.fromArray(S, a3, i + L);
			s40 = FloatVector.fromArray(S, a4, i); s41 = FloatVector.fromArray(S, a4, i + L);
			s50 = FloatVector.fromArray(S, a5, i); s51 = FloatVector.fromArray(S, a5, i + L);
		}
		else {
			s00 = s01 = FloatVector.broadcast(S, start[j]);
			s10 = s11 = FloatVector.broadcast(S, start[j + 1]);
			s20 = s21 = FloatVector.broadcast(S, start[j + 2]);
			s30 = s31 = FloatVector.broadcast(S, start[j + 3]);
			s40 = s41 = FloatVector.broadcast(S, start[j + 4]);
			s50 = s51 = FloatVector.broadcast(S, start[j + 5]);
		}
		for (int m = m0, p = 0; m < m1; m++, p += 2 * L) {
			FloatVector b0 = FloatVector.fromArray(S, panel, p);
			FloatVector b1 = FloatVector.fromArray(S, panel, p + L);
			FloatVector wv = FloatVector.broadcast(S, w[o0 + m]);
			s00 = b0.fma(wv, s00); s01 = b1.fma(wv, s01);
			wv = FloatVector.broadcast(S, w[o1 + m]);
			s10 = b0.fma(wv, s10); s11 = b1.fma(wv, s11);
			wv = FloatVector.broadcast(S, w[o2 + m]);
			s20 = b0.fma(wv, s20); s21 = b1.fma(wv, s21);
			wv = FloatVector.broadcast(S, w[o3 + m]);
			s30 = b0.fma(wv, s30); s31 = b1.fma(wv, s31);
			wv = FloatVector.broadcast(S, w[o4 + m]);
			s40 = b0.fma(wv, s40); s41 = b1.fma(wv, s41);
			wv = FloatVector.broadcast(S, w[o5 + m]);
			s50 = b0.fma(wv, s50); s51 = b1.fma(wv, s51);
		}
		s00.intoArray(a0, i); s01.intoArray(a0, i + L);
		s10.intoArray(a1, i); s11.intoArray(a1, i + L);
		s20.intoArray(a2, i); s21.intoArray(a2, i + L);
		s30.intoArray(a3, i); s31.intoArray(a3, i + L);
		s40.intoArray(a4, i); s41.intoArray(a4, i + L);
		s50.intoArray(a5, i); s51.intoArray(a5, i + L);
	}

	@Override
	public void mixShifted(float[][] dst, int[] at, float[] start, float[] wp, int wo, int count, float[] src, int[] to, int so, int n) {
		int i = 0;
		for (; i <= n - 2 * L; i += 2 * L) mixTwo(dst, at, start, wp, wo, count, src, to, so + i, i);
		for (; i <= n - L; i += L) mixOne(dst, at, start, wp, wo, count, src, to, so + i, i);
		for (; i < n; i++) {
			for (int j = 0; j < MIX_ROWS; j++) {
				float s = start[j];
				for (int m = 0; m < count; m++) s = Math.fma(wp[wo + m * MIX_ROWS + j], src[so + to[m] + i], s);
				dst[j][at[j] + i] = s;
			}
		}
	}

	/**
	 * Columns {@code [i, i + 2L)} of eight output rows over every tap: sixteen sums in registers, each
	 * tap's two vectors loaded once for the eight channels, its eight weights side by side in {@code wp}.
	 */
	private static void mixTwo(float[][] dst, int[] at, float[] start, float[] wp, int wo, int count, float[] src, int[] to, int base, int i) {
		FloatVector s00 = FloatVector.broadcast(S, start[0]), s01 = s00;
		FloatVector s10 = FloatVector.broadcast(S, start[1]), s11 = s10;
		FloatVector s20 = FloatVector.broadcast(S, start[2]), s21 = s20;
		FloatVector s30 = FloatVector.broadcast(S, start[3]), s31 = s30;
		FloatVector s40 = FloatVector.broadcast(S, start[4]), s41 = s40;
		FloatVector s50 = FloatVector.broadcast(S, start[5]), s51 = s50;
		FloatVector s60 = FloatVector.broadcast(S, start[6]), s61 = s60;
		FloatVector s70 = FloatVector.broadcast(S, start[7]), s71 = s70;
		for (int m = 0; m < count; m++) {
			int p = base + to[m];
			FloatVector x0 = FloatVector.fromArray(S, src, p);
			FloatVector x1 = FloatVector.fromArray(S, src, p + L);
			int q = wo + m * MIX_ROWS;
			FloatVector v = FloatVector.broadcast(S, wp[q]);
			s00 = x0.fma(v, s00); s01 = x1.fma(v, s01);
			v = FloatVector.broadcast(S, wp[q + 1]);
			s10 = x0.fma(v, s10); s11 = x1.fma(v, s11);
			v = FloatVector.broadcast(S, wp[q + 2]);
			s20 = x0.fma(v, s20); s21 = x1.fma(v, s21);
			v = FloatVector.broadcast(S, wp[q + 3]);
			s30 = x0.fma(v, s30); s31 = x1.fma(v, s31);
			v = FloatVector.broadcast(S, wp[q + 4]);
			s40 = x0.fma(v, s40); s41 = x1.fma(v, s41);
			v = FloatVector.broadcast(S, wp[q + 5]);
			s50 = x0.fma(v, s50); s51 = x1.fma(v, s51);
			v = FloatVector.broadcast(S, wp[q + 6]);
			s60 = x0.fma(v, s60); s61 = x1.fma(v, s61);
			v = FloatVector.broadcast(S, wp[q + 7]);
			s70 = x0.fma(v, s70); s71 = x1.fma(v, s71);
		}
		s00.intoArray(dst[0], at[0] + i); s01.intoArray(dst[0], at[0] + i + L);
		s10.intoArray(dst[1], at[1] + i); s11.intoArray(dst[1], at[1] + i + L);
		s20.intoArray(dst[2], at[2] + i); s21.intoArray(dst[2], at[2] + i + L);
		s30.intoArray(dst[3], at[3] + i); s31.intoArray(dst[3], at[3] + i + L);
		s40.intoArray(dst[4], at[4] + i); s41.intoArray(dst[4], at[4] + i + L);
		s50.intoArray(dst[5], at[5] + i); s51.intoArray(dst[5], at[5] + i + L);
		s60.intoArray(dst[6], at[6] + i); s61.intoArray(dst[6], at[6] + i + L);
		s70.intoArray(dst[7], at[7] + i); s71.intoArray(dst[7], at[7] + i + L);
	}

	/** Columns {@code [i, i + L)} of eight output rows over every tap: {@link #mixTwo} with one vector. */
	private static void mixOne(float[][] dst, int[] at, float[] start, float[] wp, int wo, int count, float[] src, int[] to, int base, int i) {
		FloatVector s0 = FloatVector.broadcast(S, start[0]), s1 = FloatVector.broadcast(S, start[1]);
		FloatVector s2 = FloatVector.broadcast(S, start[2]), s3 = FloatVector.broadcast(S, start[3]);
		FloatVector s4 = FloatVector.broadcast(S, start[4]), s5 = FloatVector.broadcast(S, start[5]);
		FloatVector s6 = FloatVector.broadcast(S, start[6]), s7 = FloatVector.broadcast(S, start[7]);
		for (int m = 0; m < count; m++) {
			FloatVector x = FloatVector.fromArray(S, src, base + to[m]);
			int q = wo + m * MIX_ROWS;
			s0 = x.fma(FloatVector.broadcast(S, wp[q]), s0);
			s1 = x.fma(FloatVector.broadcast(S, wp[q + 1]), s1);
			s2 = x.fma(FloatVector.broadcast(S, wp[q + 2]), s2);
			s3 = x.fma(FloatVector.broadcast(S, wp[q + 3]), s3);
			s4 = x.fma(FloatVector.broadcast(S, wp[q + 4]), s4);
			s5 = x.fma(FloatVector.broadcast(S, wp[q + 5]), s5);
			s6 = x.fma(FloatVector.broadcast(S, wp[q + 6]), s6);
			s7 = x.fma(FloatVector.broadcast(S, wp[q + 7]), s7);
		}
		s0.intoArray(dst[0], at[0] + i);
		s1.intoArray(dst[1], at[1] + i);
		s2.intoArray(dst[2], at[2] + i);
		s3.intoArray(dst[3], at[3] + i);
		s4.intoArray(dst[4], at[4] + i);
		s5.intoArray(dst[5], at[5] + i);
		s6.intoArray(dst[6], at[6] + i);
		s7.intoArray(dst[7], at[7] + i);
	}

	/** Calls of a kernel one warm-up batch makes ({@link SimdPath#WARM_BATCHES} batches in all). */
	static final int BATCH_CALLS = 50;

	@Override
	public Runnable[] warmUpTaps() {
		int n = 2 * 8 * L + L + 3; // two eight-vector blocks, a single vector and a scalar tail
		float[][] taps = new float[7][n];
		float[] a = new float[n];
		float[] w = new float[8];
		fill(taps, w);
		return new Runnable[] {
			() -> { for (int r = 0; r < BATCH_CALLS; r++) addTaps(a, w, 0, taps, r % 2, 7, n); },
			() -> { for (int r = 0; r < BATCH_CALLS; r++) setTaps(a, 0.5f, w, 1, taps, 7, n); } };
	}

	@Override
	public Runnable[] warmUpShifted() {
		int n = 2 * 8 * L + L + 3;
		float[][] rows = new float[2][n + 2];
		float[] a = new float[n];
		float[] w = new float[8];
		fill(rows, w);
		return new Runnable[] { () -> { for (int r = 0; r < BATCH_CALLS; r++) addShiftedRows(a, (r & 1) == 0, 0.5f, w, 0, rows, 2, 3, 1, n); } };
	}

	@Override
	public Runnable[] warmUpRows() {
		int n = 2 * 2 * L + L + 3; // two two-vector blocks, a single vector and a scalar tail
		int many = CHUNK + 7; // two chunks of taps
		float[][] taps = new float[many][n];
		float[][] acc = new float[11][n];
		float[] w = new float[many * 11 + 7];
		int[] wo = new int[11];
		float[] start = new float[11];
		fill(taps, w);
		for (int j = 0; j < wo.length; j++) wo[j] = j * many;
		return new Runnable[] { () -> { // 6 + 4 + 1 rows; now and then two chunks of taps
			for (int r = 0; r < BATCH_CALLS; r++) addTapRows(acc, 11, w, wo, taps, 0, r % 10 == 0 ? many : 7, n, (r & 1) == 0 ? start : null);
		} };
	}

	@Override
	public Runnable[] warmUpMix() {
		int n = 2 * 2 * L + L + 3; // two two-vector blocks, a single vector and a scalar tail
		float[][] rows = new float[MIX_ROWS][n];
		float[] start = new float[MIX_ROWS];
		float[] src = new float[2 * (n + 2)];
		int[] to = { 0, 1, 2, n + 2, n + 3, n + 4 };
		float[] wp = new float[to.length * MIX_ROWS];
		fill(new float[][] { src }, wp);
		int[] at = new int[MIX_ROWS];
		return new Runnable[] { () -> { for (int r = 0; r < BATCH_CALLS; r++) mixShifted(rows, at, start, wp, 0, to.length, src, to, 0, n); } };
	}

	private static void fill(float[][] taps, float[] w) {
		for (int m = 0; m < taps.length; m++) for (int i = 0; i < taps[m].length; i++) taps[m][i] = (m * 31 + i) % 17 * 0.01f;
		for (int k = 0; k < w.length; k++) w[k] = (k % 7) * 0.1f;
	}

	/**
	 * The machine's fused multiply-add peak as {@code scripts/bench} measures it: twelve independent
	 * chains of vector FMAs held in registers, {@code rounds} times; returns a sum so the work is kept.
	 * Each round is {@code 12 · 2 · L} floating-point operations.
	 */
	static float fmaChains(int rounds) {
		FloatVector m = FloatVector.broadcast(S, 0.999999f);
		FloatVector c = FloatVector.broadcast(S, 1e-7f);
		FloatVector a0 = c, a1 = c.add(c), a2 = a1.add(c), a3 = a2.add(c), a4 = a3.add(c), a5 = a4.add(c);
		FloatVector a6 = a5.add(c), a7 = a6.add(c), a8 = a7.add(c), a9 = a8.add(c), a10 = a9.add(c), a11 = a10.add(c);
		for (int r = 0; r < rounds; r++) {
			a0 = a0.fma(m, c); a1 = a1.fma(m, c); a2 = a2.fma(m, c); a3 = a3.fma(m, c); a4 = a4.fma(m, c); a5 = a5.fma(m, c);
			a6 = a6.fma(m, c); a7 = a7.fma(m, c); a8 = a8.fma(m, c); a9 = a9.fma(m, c); a10 = a10.fma(m, c); a11 = a11.fma(m, c);
		}
		return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11).reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
	}

	/** Floats per vector. */
	static int lanes() {
		return L;
	}
}
