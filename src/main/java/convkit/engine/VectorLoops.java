package convkit.engine;

import java.lang.management.ManagementFactory;

/**
 * The inner loops every algorithm ends in: {@code a[i] += Σ w_k · b_k[i]} over up to six
 * separate arrays ({@link #WIDEST}), all indexed by plain {@code i}. That exact shape is what HotSpot's
 * auto-vectoriser (JDK 17) turns into SIMD code; an offset index ({@code b[i + off]}, even
 * through {@code Unsafe}), a store at another index than the loads, a second store, or a seventh
 * array (a sixth in the plain form) makes it fall back to scalar code, 5–8× slower (measured on this project's benchmark
 * machine; JDK 25 takes eight arrays and two stores, so these shapes stay vectorised there). Keep
 * new loops in this shape.
 * <p>
 * Where the processor has fused multiply-add and the JVM uses it ({@link #FMA}), the sums are
 * chains of {@link Math#fma}, which HotSpot vectorises too and which are about a third faster
 * (and round once per term instead of twice). Elsewhere {@code Math.fma} would be emulated in
 * software, hundreds of times slower, so the plain form is used. Either way zero weights are
 * multiplied like the others, so a NaN or infinite input spreads exactly as in PyTorch
 * ({@code 0 · NaN = NaN}).
 */
final class VectorLoops {

	/** Whether {@link Math#fma} runs as one machine instruction here (HotSpot's UseFMA). */
	static final boolean FMA = hardwareFma();

	/**
	 * The most taps one pass adds: six arrays and {@code a} is the widest loop HotSpot 17
	 * vectorises in the fused form, five in the plain form (measured: the plain six-tap loop runs
	 * scalar, 10 GFLOP/s instead of 60).
	 */
	static final int WIDEST = FMA ? 6 : 5;

	/**
	 * The Vector API loops ({@link SimdPath}) once they take the sums of one {@link KernelFamily}: the
	 * tap sums read in place ({@link #addShiftedRows}), the tap sums ({@link #addTaps},
	 * {@link #setTaps}), the row products ({@link #addTapRows}) and channel mixing in registers
	 * ({@link TapLoops#mixShifted}); null before — always, on the auto path. Each is set only once a
	 * run has wanted the family and its kernels have been run often enough for C2 to compile them
	 * ({@link SimdPath#warmInBackground}); until then the same sums run in the auto-vectorised loops,
	 * giving the same bits, since the Vector API run by HotSpot's interpreter is a hundred times slower.
	 * {@code -Dconvkit.simd=vector} sets all four at once (the tests on Java 21+ do).
	 */
	static volatile TapLoops simdShifted;
	static volatile TapLoops simdTaps;
	static volatile TapLoops simdRows;
	static volatile TapLoops simdMix;

	static {
		if ("vector".equals(System.getProperty("convkit.simd"))) {
			simdShifted = SimdPath.vectorLoops();
			simdTaps = simdShifted;
			simdRows = simdShifted;
			simdMix = simdShifted;
		}
	}

	private VectorLoops() {}

	private static boolean hardwareFma() {
		try {
			com.sun.management.HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(
				com.sun.management.HotSpotDiagnosticMXBean.class);
			return hotspot != null && Boolean.parseBoolean(hotspot.getVMOption("UseFMA").getValue());
		}
		catch (RuntimeException | LinkageError notHotSpot) {
			return false;
		}
	}

	/**
	 * {@code a[i] += Σ_m w[wo + m] · taps[m][i]} for {@code i < n} and every {@code m < count},
	 * up to six arrays per pass over {@code a} ({@link #passSize}).
	 */
	static void addTaps(float[] a, float[] w, int wo, float[][] taps, int count, int n) {
		addTaps(a, w, wo, taps, 0, count, n);
	}

	/**
	 * {@code a[i] = c + Σ_m w[wo + m] · taps[m][i]} for {@code i < n}: like {@link #addTaps} but
	 * the first pass sets {@code a} instead of reading it (no separate fill).
	 */
	static void setTaps(float[] a, float c, float[] w, int wo, float[][] taps, int count, int n) {
		TapLoops v = simdTaps;
		if (v != null) {
			v.setTaps(a, c, w, wo, taps, count, n);
			return;
		}
		KernelFamily.TAPS.want();
		autoSetTaps(a, c, w, wo, taps, count, n);
	}

	/** {@link #setTaps} in the auto-vectorised loops, whatever the path. */
	static void autoSetTaps(float[] a, float c, float[] w, int wo, float[][] taps, int count, int n) {
		if (count == 0) {
			java.util.Arrays.fill(a, 0, n, c);
			return;
		}
		int first = passSize(count, 0);
		switch (first) {
			case 6:
				set6(a, c, w[wo], taps[0], w[wo + 1], taps[1], w[wo + 2], taps[2], w[wo + 3], taps[3], w[wo + 4], taps[4], w[wo + 5], taps[5], n);
				break;
			case 5:
				set5(a, c, w[wo], taps[0], w[wo + 1], taps[1], w[wo + 2], taps[2], w[wo + 3], taps[3], w[wo + 4], taps[4], n);
				break;
			case 4:
				set4(a, c, w[wo], taps[0], w[wo + 1], taps[1], w[wo + 2], taps[2], w[wo + 3], taps[3], n);
				break;
			case 3:
				set3(a, c, w[wo], taps[0], w[wo + 1], taps[1], w[wo + 2], taps[2], n);
				break;
			case 2:
				set2(a, c, w[wo], taps[0], w[wo + 1], taps[1], n);
				break;
			default:
				set1(a, c, w[wo], taps[0], n);
				break;
		}
		autoAddTaps(a, w, wo, taps, first, count, n);
	}

	/**
	 * Taps of the first of the passes over {@code taps[from .. count)}: as few passes of at most
	 * {@link #WIDEST} as there can be, of sizes as even as can be (49 taps: 6,6,6,6,5,5,5,5,5, not
	 * eight of 6 and one of 1, whose pass would load and store {@code a} for a single tap).
	 */
	static int passSize(int count, int from) {
		int left = count - from;
		int passes = (left + WIDEST - 1) / WIDEST;
		return (left + passes - 1) / passes;
	}

	/** {@link #addTaps} over {@code taps[from .. count)} (weights {@code w[wo + from] ..}). */
	static void addTaps(float[] a, float[] w, int wo, float[][] taps, int from, int count, int n) {
		TapLoops v = simdTaps;
		if (v != null) {
			v.addTaps(a, w, wo, taps, from, count, n);
			return;
		}
		KernelFamily.TAPS.want();
		autoAddTaps(a, w, wo, taps, from, count, n);
	}

	/**
	 * For every row {@code j < rows}: {@code acc[j][i] = s_j + Σ_{m ∈ [from, to)} w[wo[j] + m] · taps[m][i]},
	 * {@code s_j} being {@code start[j]}, or {@code acc[j][i]} when {@code start} is null (see
	 * {@link TapLoops#addTapRows}). The auto-vectorised form takes a pass of taps at a time for every
	 * row, so that pass's arrays stay in cache while the rows go by.
	 */
	static void addTapRows(float[][] acc, int rows, float[] w, int[] wo, float[][] taps, int from, int to, int n, float[] start) {
		TapLoops v = simdRows;
		if (v != null) {
			v.addTapRows(acc, rows, w, wo, taps, from, to, n, start);
			return;
		}
		KernelFamily.ROWS.want(); // compiled after this run (SimdPath.warmInBackground)
		autoAddTapRows(acc, rows, w, wo, taps, from, to, n, start);
	}

	/** {@link #addTapRows} in the auto-vectorised loops, whatever the path. */
	static void autoAddTapRows(float[][] acc, int rows, float[] w, int[] wo, float[][] taps, int from, int to, int n, float[] start) {
		for (int m = from, end; m < to; m = end) {
			end = m + passSize(to, m);
			for (int j = 0; j < rows; j++) {
				if (start != null && m == from) {
					if (from == 0) autoSetTaps(acc[j], start[j], w, wo[j], taps, end, n);
					else {
						java.util.Arrays.fill(acc[j], 0, n, start[j]);
						autoAddTaps(acc[j], w, wo[j], taps, m, end, n);
					}
				}
				else autoAddTaps(acc[j], w, wo[j], taps, m, end, n);
			}
		}
		if (from == to && start != null) for (int j = 0; j < rows; j++) java.util.Arrays.fill(acc[j], 0, n, start[j]);
	}

	/**
	 * The tap sums read at offsets in whole padded rows ({@link TapLoops#addShiftedRows}) when the
	 * Vector API loops take the tap sums ({@link #shiftedReady}); callers check that first, as the
	 * auto-vectorised loops need each tap in an array of its own.
	 */
	static void addShiftedRows(float[] a, boolean set, float c, float[] w, int wo, float[][] src, int rows, int kw, int step, int n) {
		TapLoops v = simdShifted;
		if (v == null) throw new IllegalStateException("the shifted form needs the Vector API loops");
		v.addShiftedRows(a, set, c, w, wo, src, rows, kw, step, n);
	}

	/**
	 * Whether {@link #addShiftedRows} may be called: the Vector API loops have compiled it. When not,
	 * the family is marked as wanted (a caller asks because it would read its taps in place), and the
	 * caller takes the tap arrays in the auto-vectorised loops ({@link #autoSetTaps},
	 * {@link #autoAddTaps}) so as not to have the tap sums compiled for nothing.
	 */
	static boolean shiftedReady() {
		if (simdShifted != null) return true;
		KernelFamily.SHIFTED.want();
		return false;
	}

	/** {@link #addTaps} in the auto-vectorised loops, whatever the path. */
	static void autoAddTaps(float[] a, float[] w, int wo, float[][] taps, int from, int count, int n) {
		for (int m = from; m < count;) {
			int size = passSize(count, m);
			switch (size) {
				case 6:
					add6(a, w[wo + m], taps[m], w[wo + m + 1], taps[m + 1], w[wo + m + 2], taps[m + 2], w[wo + m + 3], taps[m + 3],
						w[wo + m + 4], taps[m + 4], w[wo + m + 5], taps[m + 5], n);
					break;
				case 5:
					add5(a, w[wo + m], taps[m], w[wo + m + 1], taps[m + 1], w[wo + m + 2], taps[m + 2], w[wo + m + 3], taps[m + 3],
						w[wo + m + 4], taps[m + 4], n);
					break;
				case 4:
					add4(a, w[wo + m], taps[m], w[wo + m + 1], taps[m + 1], w[wo + m + 2], taps[m + 2], w[wo + m + 3], taps[m + 3], n);
					break;
				case 3:
					add3(a, w[wo + m], taps[m], w[wo + m + 1], taps[m + 1], w[wo + m + 2], taps[m + 2], n);
					break;
				case 2:
					add2(a, w[wo + m], taps[m], w[wo + m + 1], taps[m + 1], n);
					break;
				default:
					add1(a, w[wo + m], taps[m], n);
					break;
			}
			m += size;
		}
	}

	/** {@code a[i] += Σ_{j<1} w_j · b_j[i]} for {@code i < n}. */
	static void add1(float[] a, float w0, float[] b0, int n) {
		if (FMA) fusedAdd1(a, w0, b0, n);
		else plainAdd1(a, w0, b0, n);
	}

	static void fusedAdd1(float[] a, float w0, float[] b0, int n) {
		for (int i = 0; i < n; i++) a[i] = Math.fma(w0, b0[i], a[i]);
	}

	static void plainAdd1(float[] a, float w0, float[] b0, int n) {
		for (int i = 0; i < n; i++) a[i] += w0 * b0[i];
	}

	/** {@code a[i] += Σ_{j<2} w_j · b_j[i]} for {@code i < n}. */
	static void add2(float[] a, float w0, float[] b0, float w1, float[] b1, int n) {
		if (FMA) fusedAdd2(a, w0, b0, w1, b1, n);
		else plainAdd2(a, w0, b0, w1, b1, n);
	}

	static void fusedAdd2(float[] a, float w0, float[] b0, float w1, float[] b1, int n) {
		for (int i = 0; i < n; i++) a[i] = Math.fma(w1, b1[i], Math.fma(w0, b0[i], a[i]));
	}

	static void plainAdd2(float[] a, float w0, float[] b0, float w1, float[] b1, int n) {
		for (int i = 0; i < n; i++) a[i] += w0 * b0[i] + w1 * b1[i];
	}

	/** {@code a[i] += Σ_{j<3} w_j · b_j[i]} for {@code i < n}. */
	static void add3(float[] a, float w0, float[] b0, float w1, float[] b1, float w2, float[] b2, int n) {
		if (FMA) fusedAdd3(a, w0, b0, w1, b1, w2, b2, n);
		else plainAdd3(a, w0, b0, w1, b1, w2, b2, n);
	}

	static void fusedAdd3(float[] a, float w0, float[] b0, float w1, float[] b1, float w2, float[] b2, int n) {
		for (int i = 0; i < n; i++) a[i] = Math.fma(w2, b2[i], Math.fma(w1, b1[i], Math.fma(w0, b0[i], a[i])));
	}

	static void plainAdd3(float[] a, float w0, float[] b0, float w1, float[] b1, float w2, float[] b2, int n) {
		for (int i = 0; i < n; i++) a[i] += w0 * b0[i] + w1 * b1[i] + w2 * b2[i];
	}

	/** {@code a[i] += Σ_{j<4} w_j · b_j[i]} for {@code i < n}. */
	static void add4(float[] a, float w0, float[] b0, float w1, float[] b1, float w2, float[] b2, float w3, float[] b3, int n) {
		if (FMA) fusedAdd4(a, w0, b0, w1, b1, w2, b2, w3, b3, n);
		else plainAdd4(a, w0, b0, w1, b1, w2, b2, w3, b3, n);
	}

	static void fusedAdd4(float[] a, float w0, float[] b0, float w1, float[] b1, float w2, float[] b2, float w3, float[] b3, int n) {
		for (int i = 0; i < n; i++) a[i] = Math.fma(w3, b3[i], Math.fma(w2, b2[i], Math.fma(w1, b1[i], Math.fma(w0, b0[i], a[i]))));
	}

	static void plainAdd4(float[] a, float w0, float[] b0, float w1, float[] b1, float w2, float[] b2, float w3, float[] b3, int n) {
		for (int i = 0; i < n; i++) a[i] += w0 * b0[i] + w1 * b1[i] + w2 * b2[i] + w3 * b3[i];
	}

	/** {@code a[i] += Σ_{j<5} w_j · b_j[i]} for {@code i < n}. */
	static void add5(float[] a, float w0, float[] b0, float w1, float[] b1, float w2, float[] b2, float w3, float[] b3, float w4, float[] b4, int n) {
		if (FMA) fusedAdd5(a, w0, b0, w1, b1, w2, b2, w3, b3, w4, b4, n);
		else plainAdd5(a, w0, b0, w1, b1, w2, b2, w3, b3, w4, b4, n);
	}

	static void fusedAdd5(float[] a, float w0, float[] b0, float w1, float[] b1, float w2, float[] b2, float w3, float[] b3, float w4, float[] b4, int n) {
		for (int i = 0; i < n; i++) a[i] = Math.fma(w4, b4[i], Math.fma(w3, b3[i], Math.fma(w2, b2[i], Math.fma(w1, b1[i], Math.fma(w0, b0[i], a[i])))));
	}

	static void plainAdd5(float[] a, float w0, float[] b0, float w1, float[] b1, float w2, float[] b2, float w3, float[] b3, float w4, float[] b4, int n) {
		for (int i = 0; i < n; i++) a[i] += w0 * b0[i] + w1 * b1[i] + w2 * b2[i] + w3 * b3[i] + w4 * b4[i];
	}

	/** {@code a[i] += Σ_{j<6} w_j · b_j[i]} for {@code i < n}. */
	static void add6(float[] a, float w0, float[] b0, float w1, float[] b1, float w2, float[] b2, float w3, float[] b3, float w4, float[] b4,
		float w5, float[] b5, int n) {
		if (FMA) fusedAdd6(a, w0, b0, w1, b1, w2, b2, w3, b3, w4, b4, w5, b5, n);
		else plainAdd6(a, w0, b0, w1, b1, w2, b2, w3, b3, w4, b4, w5, b5, n);
	}

	static void fusedAdd6(float[] a, float w0, float[] b0, float w1, float[] b1, float w2, float[] b2, float w3, float[] b3, float w4,
		float[] b4, float w5, float[] b5, int n) {
		for (int i = 0; i < n; i++) {
			a[i] = Math.fma(w5, b5[i], Math.fma(w4, b4[i], Math.fma(w3, b3[i], Math.fma(w2, b2[i], Math.fma(w1, b1[i], Math.fma(w0, b0[i], a[i]))))));
		}
	}

	static void plainAdd6(float[] a, float w0, float[] b0, float w1, float[] b1, float w2, float[] b2, float w3, float[] b3, float w4,
		float[] b4, float w5, float[] b5, int n) {
		for (int i = 0; i < n; i++) a[i] += w0 * b0[i] + w1 * b1[i] + w2 * b2[i] + w3 * b3[i] + w4 * b4[i] + w5 * b5[i];
	}

	/** {@code a[i] = c + Σ_{j<6} w_j · b_j[i]} for {@code i < n}. */
	private static void set6(float[] a, float c, float w0, float[] b0, float w1, float[] b1, float w2, float[] b2, float w3, float[] b3, float w4,
		float[] b4, float w5, float[] b5, int n) {
		if (FMA) fusedSet6(a, c, w0, b0, w1, b1, w2, b2, w3, b3, w4, b4, w5, b5, n);
		else plainSet6(a, c, w0, b0, w1, b1, w2, b2, w3, b3, w4, b4, w5, b5, n);
	}

	static void fusedSet6(float[] a, float c, float w0, float[] b0, float w1, float[] b1, float w2, float[] b2, float w3, float[] b3, float w4,
		float[] b4, float w5, float[] b5, int n) {
		for (int i = 0; i < n; i++) {
			a[i] = Math.fma(w5, b5[i], Math.fma(w4, b4[i], Math.fma(w3, b3[i], Math.fma(w2, b2[i], Math.fma(w1, b1[i], Math.fma(w0, b0[i], c))))));
		}
	}

	static void plainSet6(float[] a, float c, float w0, float[] b0, float w1, float[] b1, float w2, float[] b2, float w3, float[] b3, float w4,
		float[] b4, float w5, float[] b5, int n) {
		for (int i = 0; i < n; i++) a[i] = c + w0 * b0[i] + w1 * b1[i] + w2 * b2[i] + w3 * b3[i] + w4 * b4[i] + w5 * b5[i];
	}

	/** {@code a[i] = c + Σ_{j<1} w_j · b_j[i]} for {@code i < n}. */
	private static void set1(float[] a, float c, float w0, float[] b0, int n) {
		if (FMA) fusedSet1(a, c, w0, b0, n);
		else plainSet1(a, c, w0, b0, n);
	}

	static void fusedSet1(float[] a, float c, float w0, float[] b0, int n) {
		for (int i = 0; i < n; i++) a[i] = Math.fma(w0, b0[i], c);
	}

	static void plainSet1(float[] a, float c, float w0, float[] b0, int n) {
		for (int i = 0; i < n; i++) a[i] = c + w0 * b0[i];
	}

	/** {@code a[i] = c + Σ_{j<2} w_j · b_j[i]} for {@code i < n}. */
	private static void set2(float[] a, float c, float w0, float[] b0, float w1, float[] b1, int n) {
		if (FMA) fusedSet2(a, c, w0, b0, w1, b1, n);
		else plainSet2(a, c, w0, b0, w1, b1, n);
	}

	static void fusedSet2(float[] a, float c, float w0, float[] b0, float w1, float[] b1, int n) {
		for (int i = 0; i < n; i++) a[i] = Math.fma(w1, b1[i], Math.fma(w0, b0[i], c));
	}

	static void plainSet2(float[] a, float c, float w0, float[] b0, float w1, float[] b1, int n) {
		for (int i = 0; i < n; i++) a[i] = c + w0 * b0[i] + w1 * b1[i];
	}

	/** {@code a[i] = c + Σ_{j<3} w_j · b_j[i]} for {@code i < n}. */
	private static void set3(float[] a, float c, float w0, float[] b0, float w1, float[] b1, float w2, float[] b2, int n) {
		if (FMA) fusedSet3(a, c, w0, b0, w1, b1, w2, b2, n);
		else plainSet3(a, c, w0, b0, w1, b1, w2, b2, n);
	}

	static void fusedSet3(float[] a, float c, float w0, float[] b0, float w1, float[] b1, float w2, float[] b2, int n) {
		for (int i = 0; i < n; i++) a[i] = Math.fma(w2, b2[i], Math.fma(w1, b1[i], Math.fma(w0, b0[i], c)));
	}

	static void plainSet3(float[] a, float c, float w0, float[] b0, float w1, float[] b1, float w2, float[] b2, int n) {
		for (int i = 0; i < n; i++) a[i] = c + w0 * b0[i] + w1 * b1[i] + w2 * b2[i];
	}

	/** {@code a[i] = c + Σ_{j<4} w_j · b_j[i]} for {@code i < n}. */
	private static void set4(float[] a, float c, float w0, float[] b0, float w1, float[] b1, float w2, float[] b2, float w3, float[] b3, int n) {
		if (FMA) fusedSet4(a, c, w0, b0, w1, b1, w2, b2, w3, b3, n);
		else plainSet4(a, c, w0, b0, w1, b1, w2, b2, w3, b3, n);
	}

	static void fusedSet4(float[] a, float c, float w0, float[] b0, float w1, float[] b1, float w2, float[] b2, float w3, float[] b3, int n) {
		for (int i = 0; i < n; i++) a[i] = Math.fma(w3, b3[i], Math.fma(w2, b2[i], Math.fma(w1, b1[i], Math.fma(w0, b0[i], c))));
	}

	static void plainSet4(float[] a, float c, float w0, float[] b0, float w1, float[] b1, float w2, float[] b2, float w3, float[] b3, int n) {
		for (int i = 0; i < n; i++) a[i] = c + w0 * b0[i] + w1 * b1[i] + w2 * b2[i] + w3 * b3[i];
	}

	/** {@code a[i] = c + Σ_{j<5} w_j · b_j[i]} for {@code i < n}. */
	private static void set5(float[] a, float c, float w0, float[] b0, float w1, float[] b1, float w2, float[] b2, float w3, float[] b3, float w4, float[] b4, int n) {
		if (FMA) fusedSet5(a, c, w0, b0, w1, b1, w2, b2, w3, b3, w4, b4, n);
		else plainSet5(a, c, w0, b0, w1, b1, w2, b2, w3, b3, w4, b4, n);
	}

	static void fusedSet5(float[] a, float c, float w0, float[] b0, float w1, float[] b1, float w2, float[] b2, float w3, float[] b3, float w4, float[] b4, int n) {
		for (int i = 0; i < n; i++) a[i] = Math.fma(w4, b4[i], Math.fma(w3, b3[i], Math.fma(w2, b2[i], Math.fma(w1, b1[i], Math.fma(w0, b0[i], c)))));
	}

	static void plainSet5(float[] a, float c, float w0, float[] b0, float w1, float[] b1, float w2, float[] b2, float w3, float[] b3, float w4, float[] b4, int n) {
		for (int i = 0; i < n; i++) a[i] = c + w0 * b0[i] + w1 * b1[i] + w2 * b2[i] + w3 * b3[i] + w4 * b4[i];
	}
}
