package convkit.engine;

import java.util.Locale;

/**
 * The inner loop's speed on one core, so a change that stops HotSpot vectorising it is seen (not a
 * test: timings are never asserted). {@link VectorLoops#addTaps} adds 6, 12 and 49 weighted arrays of
 * 1024 floats into one (6 and 12 fit the first-level cache, 49 do not), in the form this processor
 * gets (fused or plain); beside it the same sum written with offset indices ({@code b[i + k]}, one
 * array), the shape HotSpot 17 leaves scalar. On this project's machine (Xeon, AVX-512, JDK 17):
 * 67, 57 and 43 GFLOP/s, and 11 for the scalar shape; a vectorised line near the scalar one is a
 * regression.
 * <p>
 * Run by {@code scripts/bench}: {@code java -cp target/classes:target/test-classes convkit.engine.InnerLoopBenchmark}.
 */
public final class InnerLoopBenchmark {

	private static final int N = 1024;

	private InnerLoopBenchmark() {}

	public static void main(String[] args) {
		System.out.println("inner loop, one core, " + N + " floats per array (java " + System.getProperty("java.version") + ", fused multiply-add: "
			+ VectorLoops.FMA + ")");
		if (SimdPath.vectorLoops() != null) {
			long t0 = System.nanoTime();
			boolean ready = SimdPath.awaitVectorKernels(60_000);
			System.out.println(String.format(Locale.ROOT, "  Vector API kernels compiled in the background in %.0f ms%s", (System.nanoTime() - t0) / 1e6,
				ready ? "" : " (NOT ready: the auto-vectorised loops are measured)"));
		}
		for (int round = 0; round < 2; round++) {
			boolean last = round == 1; // the first round warms the JIT up
			for (int taps : new int[] { 6, 12, 49 }) report(last, "VectorLoops.addTaps, " + taps + " taps", taps, () -> addTaps(taps));
			report(last, "offset indices b[i + k], 6 taps (scalar shape)", 6, InnerLoopBenchmark::offsets);
		}
		// the matrix product of channel mixing (the GEMM microkernel on the Vector API path)
		for (int round = 0; round < 2; round++) {
			boolean last = round == 1;
			report(last, "VectorLoops.addTapRows, " + ROWS + " rows x " + K + " taps x " + COLUMNS + " columns", ROWS * K, COLUMNS,
				InnerLoopBenchmark::tapRows);
		}
		// channel mixing in registers (B7's shape: 16 input channels x 27 taps, rows of 64), Vector API only
		if (VectorLoops.simdMix != null) {
			for (int round = 0; round < 2; round++) {
				boolean last = round == 1;
				report(last, "TapLoops.mixShifted, 16 rows x " + MIX_TAPS + " taps x 64 columns", 2 * TapLoops.MIX_ROWS * MIX_TAPS, 64,
					InnerLoopBenchmark::mixed);
			}
		}
		System.out.println("  inner loops: " + SimdPath.label());
		peak();
	}

	private static final int ROWS = 64;
	private static final int K = 576;
	private static final int COLUMNS = 256;
	private static final float[][] GEMM_ACC = new float[ROWS][COLUMNS];
	private static final float[][] GEMM_TAPS = new float[K][COLUMNS];
	private static final float[] GEMM_W = new float[ROWS * K];
	private static final int[] GEMM_OFFSETS = new int[ROWS];

	static {
		for (int j = 0; j < ROWS; j++) GEMM_OFFSETS[j] = j * K;
		for (int i = 0; i < GEMM_W.length; i++) GEMM_W[i] = 1e-6f * (i % 97);
	}

	private static void tapRows() {
		VectorLoops.addTapRows(GEMM_ACC, ROWS, GEMM_W, GEMM_OFFSETS, GEMM_TAPS, 0, K, COLUMNS, null);
	}

	private static final int MIX_TAPS = 16 * 27;
	private static final float[] MIX_SRC = new float[16 * 9 * 66];
	private static final int[] MIX_TO = new int[MIX_TAPS];
	private static final float[] MIX_W = new float[MIX_TAPS * TapLoops.MIX_ROWS];
	private static final float[][] MIX_OUT = { new float[2 * 64], new float[2 * 64], new float[2 * 64], new float[2 * 64], new float[2 * 64],
		new float[2 * 64], new float[2 * 64], new float[2 * 64] };
	private static final int[] MIX_AT = new int[TapLoops.MIX_ROWS];
	private static final float[] MIX_START = new float[TapLoops.MIX_ROWS];

	static {
		for (int m = 0; m < MIX_TAPS; m++) MIX_TO[m] = (m / 3) * 66 + m % 3; // 144 padded rows of 66, three taps each
		for (int i = 0; i < MIX_W.length; i++) MIX_W[i] = 1e-6f * (i % 89);
	}

	/** Two blocks of eight output channels over one output row of B7 (the same input rows, other weights' offsets). */
	private static void mixed() {
		TapLoops v = VectorLoops.simdMix;
		for (int block = 0; block < 2; block++) {
			for (int j = 0; j < TapLoops.MIX_ROWS; j++) MIX_AT[j] = block * 64;
			v.mixShifted(MIX_OUT, MIX_AT, MIX_START, MIX_W, 0, MIX_TAPS, MIX_SRC, MIX_TO, 0, 64);
		}
	}

	/** The machine's FMA peak on one core, measured with the Vector API (twelve register chains) where this JVM has it. */
	private static void peak() {
		if (SimdPath.vectorLoops() == null) {
			System.out.println("  FMA peak: measured with the Vector API, which this JVM does not run (Java 21+ with --add-modules "
				+ SimdPath.MODULE + ")");
			return;
		}
		try {
			java.lang.reflect.Method chains = Class.forName(SimdPath.VECTOR_CLASS).getDeclaredMethod("fmaChains", int.class);
			java.lang.reflect.Method lanes = Class.forName(SimdPath.VECTOR_CLASS).getDeclaredMethod("lanes");
			chains.setAccessible(true);
			lanes.setAccessible(true);
			int l = (Integer) lanes.invoke(null);
			double best = 0;
			for (int round = 0; round < 5; round++) {
				int rounds = 20_000_000;
				long t0 = System.nanoTime();
				chains.invoke(null, rounds);
				best = Math.max(best, 12.0 * 2 * l * rounds / (System.nanoTime() - t0));
			}
			System.out.println(String.format(Locale.ROOT, "  %-50s %6.1f GFLOP/s", "FMA peak (12 vector chains in registers)", best));
		}
		catch (ReflectiveOperationException e) {
			throw new IllegalStateException(e);
		}
	}

	private static final float[] A = new float[N];
	private static final float[] ONE = new float[N + 64];
	private static final float[][] TAPS = new float[49][N];
	private static final float[] W = new float[64];

	static {
		for (int i = 0; i < W.length; i++) W[i] = 1e-3f * i;
	}

	private static void addTaps(int taps) {
		VectorLoops.addTaps(A, W, 0, TAPS, taps, N);
	}

	private static void offsets() {
		float w0 = W[0], w1 = W[1], w2 = W[2], w3 = W[3], w4 = W[4], w5 = W[5];
		for (int i = 0; i < N; i++) {
			A[i] += w0 * ONE[i] + w1 * ONE[i + 1] + w2 * ONE[i + 2] + w3 * ONE[i + 3] + w4 * ONE[i + 4] + w5 * ONE[i + 5];
		}
	}

	private static void report(boolean print, String what, int taps, Runnable loop) {
		report(print, what, taps, N, loop);
	}

	private static void report(boolean print, String what, int taps, int n, Runnable loop) {
		long calls = 0;
		long start = System.nanoTime();
		long end = start + 300_000_000L;
		long now;
		do {
			for (int i = 0; i < 10; i++) loop.run();
			calls += 10;
			now = System.nanoTime();
		}
		while (now < end);
		double gflops = 2.0 * taps * n * calls / (now - start);
		if (print) System.out.println(String.format(Locale.ROOT, "  %-50s %6.1f GFLOP/s", what, gflops));
	}
}
