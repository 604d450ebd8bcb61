package convkit.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The Vector API path: taken exactly when the JVM allows it (never a silent fallback), and the
 * same bits as the auto-vectorised loops' fused form for every tap count, row count and column
 * tail, NaN and infinities included. On Java 17 the comparisons are skipped (the path does not
 * exist there); {@code .ci/run} runs this class on the machine's Java 21+ with the module too.
 */
class SimdPathTest {

	private static final float SENTINEL = -12345f;

	@Test
	void thePathIsTheOneThisJvmAllows() {
		boolean allowed = Runtime.version().feature() >= 21 && SimdPath.moduleAdded() && VectorLoops.FMA
			&& !"auto".equals(System.getProperty("convkit.simd"));
		if (allowed) {
			assertNotNull(SimdPath.vectorLoops(), "Java " + Runtime.version() + " with " + SimdPath.MODULE
				+ " must run the Vector API loops (is META-INF/versions/21 on the class path?)");
			if ("vector".equals(System.getProperty("convkit.simd"))) assertTrue(VectorLoops.simdShifted != null && VectorLoops.simdTaps != null && VectorLoops.simdRows != null && VectorLoops.simdMix != null);
			assertTrue(SimdPath.awaitVectorKernels(60_000), "the Vector API kernels are compiled in the background and then taken");
			assertTrue(SimdPath.label().matches("vector \\d+-bit"), SimdPath.label());
		}
		else {
			assertNull(SimdPath.vectorLoops());
			assertEquals(SimdPath.AUTO_LABEL, SimdPath.label());
		}
		assertEquals(Runtime.version().feature() >= 21 && !SimdPath.moduleAdded(), SimdPath.missingModuleHint().isPresent());
		SimdPath.missingModuleHint().ifPresent(h -> assertTrue(h.contains("--add-modules jdk.incubator.vector"), h));
	}

	@Test
	void vectorTapsEqualTheFusedLoopsBitForBit() {
		TapLoops simd = vectorPath();
		Random r = new Random(29);
		for (int trial = 0; trial < 600; trial++) {
			int count = r.nextInt(trial < 300 ? 14 : 70);
			int from = count == 0 ? 0 : r.nextInt(count + 1);
			int n = r.nextInt(trial % 3 == 0 ? 9 : 150);
			float[][] taps = taps(r, count, n);
			float[] w = values(r, count + 5, false);
			int wo = r.nextInt(5);
			float[] a = values(r, n + 4, trial % 7 == 0);
			float[] auto = a.clone();
			float[] vec = a.clone();
			VectorLoops.autoAddTaps(auto, w, wo, taps, from, count, n);
			simd.addTaps(vec, w, wo, taps, from, count, n);
			assertSameBits(auto, vec, "addTaps count " + count + " from " + from + " n " + n);
			float c = r.nextFloat() - 0.5f;
			Arrays.fill(auto, SENTINEL);
			Arrays.fill(vec, SENTINEL);
			VectorLoops.autoSetTaps(auto, c, w, wo, taps, count, n);
			simd.setTaps(vec, c, w, wo, taps, count, n);
			assertSameBits(auto, vec, "setTaps count " + count + " n " + n);
		}
	}

	@Test
	void vectorRowProductsEqualTheFusedLoopsBitForBit() {
		TapLoops simd = vectorPath();
		Random r = new Random(31);
		for (int trial = 0; trial < 400; trial++) {
			int rows = 1 + r.nextInt(15);
			int to = r.nextInt(40);
			int from = trial % 4 == 0 && to > 0 ? r.nextInt(to + 1) : 0;
			int n = r.nextInt(trial % 3 == 0 ? 9 : 120);
			float[][] taps = taps(r, to, n);
			int[] wo = new int[rows];
			for (int j = 0; j < rows; j++) wo[j] = j * to + r.nextInt(3);
			float[] w = values(r, rows * to + 3, false);
			float[] start = trial % 2 == 0 ? null : values(r, rows, false);
			float[][] auto = new float[rows][];
			float[][] vec = new float[rows][];
			for (int j = 0; j < rows; j++) {
				auto[j] = values(r, n + 3, trial % 5 == 0);
				vec[j] = auto[j].clone();
			}
			VectorLoops.autoAddTapRows(auto, rows, w, wo, taps, from, to, n, start);
			simd.addTapRows(vec, rows, w, wo, taps, from, to, n, start);
			for (int j = 0; j < rows; j++) {
				assertSameBits(auto[j], vec[j], "row " + j + " of " + rows + ", taps [" + from + ", " + to + "), n " + n + (start == null ? "" : ", set"));
			}
		}
	}

	@Test
	void vectorShiftedRowsEqualTheFusedLoopsOnCopiedTapsBitForBit() {
		TapLoops simd = vectorPath();
		Random r = new Random(37);
		for (int trial = 0; trial < 500; trial++) {
			int rows = 1 + r.nextInt(5);
			int kw = 1 + r.nextInt(9);
			int step = 1 + r.nextInt(3);
			int n = r.nextInt(trial % 3 == 0 ? 9 : 200);
			float[][] src = new float[rows][];
			for (int k = 0; k < rows; k++) src[k] = values(r, n + (kw - 1) * step + r.nextInt(3), trial % 6 == 1);
			float[][] taps = new float[rows * kw][n]; // the copies the auto-vectorised loops read
			for (int k = 0; k < rows; k++) for (int x = 0; x < kw; x++) for (int i = 0; i < n; i++) taps[k * kw + x][i] = src[k][i + x * step];
			int wo = r.nextInt(4);
			float[] w = values(r, wo + rows * kw, false);
			boolean set = r.nextBoolean();
			float c = r.nextFloat() - 0.5f;
			float[] auto = values(r, n + 3, trial % 7 == 0);
			float[] vec = auto.clone();
			if (set) VectorLoops.autoSetTaps(auto, c, w, wo, taps, rows * kw, n);
			else VectorLoops.autoAddTaps(auto, w, wo, taps, 0, rows * kw, n);
			simd.addShiftedRows(vec, set, c, w, wo, src, rows, kw, step, n);
			assertSameBits(auto, vec, rows + " rows x " + kw + " taps, step " + step + ", n " + n + (set ? ", set" : ""));
		}
	}

	@Test
	void vectorMixedRowsEqualTheFusedRowProductsOnCopiedTapsBitForBit() {
		TapLoops simd = vectorPath();
		int rowsOut = TapLoops.MIX_ROWS;
		Random r = new Random(41);
		for (int trial = 0; trial < 500; trial++) {
			int count = r.nextInt(trial < 250 ? 20 : 90);
			int n = r.nextInt(trial % 3 == 0 ? 9 : 150);
			int reach = 1 + r.nextInt(5);
			float[] src = values(r, 3 + count * 2 + n + reach, trial % 6 == 1);
			int so = r.nextInt(3);
			int[] to = new int[count];
			for (int m = 0; m < count; m++) to[m] = r.nextInt(count * 2 + reach); // any offsets: taps may overlap and repeat
			float[][] taps = new float[count][n]; // the copies the auto-vectorised loops read
			for (int m = 0; m < count; m++) for (int i = 0; i < n; i++) taps[m][i] = src[so + to[m] + i];
			float[] w = values(r, rowsOut * count, false);
			float[] packed = new float[rowsOut * count];
			int[] wo = new int[rowsOut];
			for (int j = 0; j < rowsOut; j++) {
				wo[j] = j * count;
				for (int m = 0; m < count; m++) packed[m * rowsOut + j] = w[j * count + m];
			}
			float[] start = values(r, rowsOut, false);
			float[][] auto = new float[rowsOut][];
			float[][] vec = new float[rowsOut][];
			int[] at = new int[rowsOut];
			for (int j = 0; j < rowsOut; j++) {
				at[j] = r.nextInt(4);
				vec[j] = values(r, at[j] + n + 3, false);
				auto[j] = new float[n];
			}
			float[][] before = new float[rowsOut][];
			for (int j = 0; j < rowsOut; j++) before[j] = vec[j].clone();
			VectorLoops.autoAddTapRows(auto, rowsOut, w, wo, taps, 0, count, n, start);
			simd.mixShifted(vec, at, start, packed, 0, count, src, to, so, n);
			for (int j = 0; j < rowsOut; j++) {
				float[] expected = before[j].clone();
				System.arraycopy(auto[j], 0, expected, at[j], n);
				assertSameBits(expected, vec[j], "row " + j + ", " + count + " taps, n " + n);
			}
		}
	}

	@Test
	void channelMixingInRegistersEqualsTheTiledFormBitForBit() {
		vectorPath();
		assumeTrue(SimdPath.awaitVectorKernels(60_000), "the Vector API kernels compile");
		Random r = new Random(43);
		int compared = 0;
		for (int trial = 0; trial < 60; trial++) {
			boolean deep = trial % 3 == 0;
			int groups = trial % 4 == 1 ? 2 : 1;
			int cinG = 1 + r.nextInt(5);
			int coutG = TapLoops.MIX_ROWS + r.nextInt(12);
			int k = 1 + r.nextInt(4);
			int kz = deep ? 1 + r.nextInt(3) : 1;
			int h = 2 * k + r.nextInt(20);
			int wdt = 2 * k + r.nextInt(70);
			int d = deep ? kz + r.nextInt(6) : 1;
			Shape shape = deep ? Shape.of(cinG * groups, d, h, wdt) : Shape.of(cinG * groups, h, wdt);
			float[] kernel = values(r, coutG * groups * cinG * kz * k * k, false);
			Kernel kern = deep ? Kernel.of(kernel, coutG * groups, cinG, kz, k, k) : Kernel.of(kernel, coutG * groups, cinG, k, k);
			PaddingMode mode = PaddingMode.values()[r.nextInt(PaddingMode.values().length)];
			int pad = Math.min(k / 2, Math.min(h, wdt) - 1);
			ConvSpec.Builder spec = ConvSpec.builder(deep ? 3 : 2).groups(groups).mode(mode).padding(deep ? Padding.of(pad, pad, Math.min(pad, d - 1)) : Padding.of(pad));
			if (mode == PaddingMode.CONSTANT) spec.value(0.25f);
			if (trial % 5 == 2) spec.stride(deep ? new int[] { 1, 2, 2 } : new int[] { 1, 2 }); // along y (and z)
			if (trial % 7 == 3) spec.dilation(deep ? new int[] { 2, 1, 1 } : new int[] { 2, 1 }); // along x
			if (trial % 7 == 4) spec.dilation(deep ? new int[] { 1, 2, 2 } : new int[] { 1, 2 }); // along y (and z)
			if (trial % 6 == 5) { // B3's shape: stride 2 and dilation 2 along x (one phase of each row copied), stride 2 alone along y
				spec.stride(deep ? new int[] { 2, 2, 1 } : new int[] { 2, 2 });
				spec.dilation(deep ? new int[] { 2, 1, 2 } : new int[] { 2, 1 });
			}
			ConvPlan plan;
			try {
				plan = ConvPlan.of(shape, kern, trial % 2 == 0 ? values(r, coutG * groups, false) : null, spec.build());
			}
			catch (IllegalArgumentException tooSmallForThisPadding) {
				continue;
			}
			assertTrue(DirectConvolution.mixesInPlace(plan), plan.toString());
			Tensor in = Tensor.of(shape, values(r, shape.values(), trial % 8 == 5));
			float[] mixed = Convolution.prepare(plan, Method.DIRECT).run(in, Execution.defaults().withThreads(1 + trial % 2)).data();
			TapLoops mix = VectorLoops.simdMix;
			float[] tiled;
			try {
				VectorLoops.simdMix = null; // the tiled form, in the auto-vectorised loops
				tiled = Convolution.prepare(plan, Method.DIRECT).run(in, Execution.defaults().withThreads(1)).data();
			}
			finally {
				VectorLoops.simdMix = mix;
			}
			assertSameBits(tiled, mixed, "trial " + trial + ": " + plan);
			compared++;
		}
		assertTrue(compared >= 45, compared + " of 60 random plans compared");
	}

	/** The Vector API loops, or the test is skipped where this JVM has none. */
	private static TapLoops vectorPath() {
		assumeTrue(SimdPath.vectorLoops() != null, "the Vector API path needs Java 21+ started with --add-modules " + SimdPath.MODULE
			+ " (here Java " + Runtime.version().feature() + ")");
		return SimdPath.vectorLoops();
	}

	private static float[][] taps(Random r, int count, int n) {
		float[][] t = new float[count][];
		for (int m = 0; m < count; m++) t[m] = values(r, n + r.nextInt(4), m % 5 == 3);
		return t;
	}

	/** Values in [-1, 1), some NaN and infinite when {@code nonFinite}. */
	private static float[] values(Random r, int n, boolean nonFinite) {
		float[] v = new float[n];
		for (int i = 0; i < n; i++) {
			v[i] = r.nextFloat() * 2 - 1;
			if (nonFinite && r.nextInt(9) == 0) v[i] = r.nextBoolean() ? Float.NaN : (r.nextBoolean() ? 1 : -1) * Float.POSITIVE_INFINITY;
		}
		return v;
	}

	/** Equal floats (every NaN equal to every NaN), past {@code n} too: neither path writes beyond it. */
	private static void assertSameBits(float[] expected, float[] actual, String what) {
		assertEquals(expected.length, actual.length);
		for (int i = 0; i < expected.length; i++) {
			boolean same = Float.isNaN(expected[i]) ? Float.isNaN(actual[i]) : Float.floatToRawIntBits(expected[i]) == Float.floatToRawIntBits(actual[i]);
			assertTrue(same, what + ": at " + i + " expected " + expected[i] + " but was " + actual[i]);
		}
		assertFalse(expected.length > 0 && expected == actual);
	}
}
