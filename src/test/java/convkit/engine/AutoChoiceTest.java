package convkit.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * What {@code method=auto} picks on the README's speed cases (the method its table names), and
 * why a forced method is refused. The rule itself is in {@link Convolution#prepare}.
 */
class AutoChoiceTest {

	/** What auto picks where Winograd pays: winograd, but direct on the Vector API path, whose channel mixing in registers is faster. */
	private static final String WINOGRAD = SimdPath.ALLOWED ? "direct" : "winograd";

	private static final ConvSpec REFLECT_SAME = ConvSpec.builder().padding(Padding.same()).mode(PaddingMode.REFLECT).build();

	@Test
	void autoPicksWhatTheSpeedTableNames() {
		assertEquals("direct", auto(Shape.of(1, 2048, 2048), random(7, 7), REFLECT_SAME)); // B1
		assertEquals(WINOGRAD, auto(Shape.of(64, 256, 256), random(64, 64, 3, 3), ConvSpec.builder().padding(Padding.of(1)).build())); // B2
		assertEquals("direct", auto(Shape.of(64, 512, 512), random(5, 5), ConvSpec.builder().padding(Padding.same()).build())); // B4
		assertEquals("fft", auto(Shape.of(1, 1024, 1024), random(31, 31), REFLECT_SAME)); // B5
		assertEquals("separable", auto(Shape.of(1, 1024, 1024), rankOne(31, 31), REFLECT_SAME)); // B6
		assertEquals(WINOGRAD, auto(Shape.of(16, 64, 64, 64), random(16, 16, 3, 3, 3), ConvSpec.builder(3).padding(Padding.of(1)).build())); // B7
		assertEquals("direct", auto(Shape.of(256, 128, 128), random(15, 15), REFLECT_SAME)); // B8
	}

	@Test
	void winogradOnlyForManyChannelsAt3x3StrideOne() {
		ConvSpec pad1 = ConvSpec.builder().padding(Padding.of(1)).build();
		assertEquals(WINOGRAD, auto(Shape.of(32, 64, 64), random(32, 32, 3, 3), pad1));
		assertEquals("direct", auto(Shape.of(31, 64, 64), random(32, 31, 3, 3), pad1)); // too few input channels
		assertEquals("direct", auto(Shape.of(64, 64, 64), random(16, 64, 3, 3), pad1)); // too few output channels
		assertEquals("direct", auto(Shape.of(64, 64, 64), random(64, 64, 5, 5), pad1)); // not 3x3
		assertEquals("direct", auto(Shape.of(64, 64, 64), random(64, 64, 3, 3), ConvSpec.builder().stride(2, 2).build()));
		assertEquals("direct", auto(Shape.of(64, 64, 64), random(64, 64, 3, 3), ConvSpec.builder().dilation(2, 2).build()));
		assertEquals(WINOGRAD, auto(Shape.of(64, 64, 64), random(64, 32, 3, 3), ConvSpec.builder().groups(2).build())); // 32 per group
		assertEquals("direct", auto(Shape.of(64, 64, 64), random(64, 16, 3, 3), ConvSpec.builder().groups(4).build())); // 16 per group
		assertEquals(WINOGRAD, auto(Shape.of(16, 8, 8, 8), random(16, 16, 3, 3, 3), ConvSpec.builder(3).build()));
		assertEquals("direct", auto(Shape.of(16, 8, 8, 8), random(16, 16, 1, 3, 3), ConvSpec.builder(3).build())); // 1x3x3 in 3-D: 2-D's 32
	}

	@Test
	void theVectorPathMixesChannelsInRegistersWhereWinogradWouldPay() {
		ConvPlan b7 = ConvPlan.of(Shape.of(16, 64, 64, 64), random(16, 16, 3, 3, 3), null, ConvSpec.builder(3).padding(Padding.of(1)).build());
		assertEquals(SimdPath.ALLOWED, DirectConvolution.mixesInPlace(b7));
		// a stride along x, or fewer output channels per group than a register block, keeps the tiled form
		assertEquals(false, DirectConvolution.mixesInPlace(ConvPlan.of(Shape.of(16, 64, 64), random(16, 16, 3, 3), null,
			ConvSpec.builder().stride(2, 1).build())));
		assertEquals(false, DirectConvolution.mixesInPlace(ConvPlan.of(Shape.of(16, 64, 64), random(7, 16, 3, 3), null, ConvSpec.builder().build())));
	}

	@Test
	void separableOnlyWhereItHalvesTheWork() {
		// 3x3: 2·(3 + 3) = 12 > 9 multiply-adds, so not worth it; 5x5: 20 <= 25; 3x3x3: 18 <= 27
		assertEquals("direct", auto(Shape.of(1, 64, 64), rankOne(3, 3), ConvSpec.builder().build()));
		assertEquals("separable", auto(Shape.of(1, 64, 64), rankOne(5, 5), ConvSpec.builder().build()));
		assertEquals("separable", auto(Shape.of(1, 16, 16, 16), rankOne(3, 3, 3), ConvSpec.builder(3).build()));
		assertEquals("direct", auto(Shape.of(1, 64, 64), rankOne(1, 4), ConvSpec.builder().build())); // 2·5 > 4
		assertEquals("direct", auto(Shape.of(1, 64, 64), rankOne(2, 2), ConvSpec.builder().build())); // 2·4 > 4
		assertEquals("separable", auto(Shape.of(1, 64, 64), rankOne(4, 4), ConvSpec.builder().build())); // 2·8 <= 16, just
	}

	@Test
	void rankOneIsJudgedRelativeToTheKernelsLargestWeight() {
		// the same shape of kernel at any scale gets the same verdict: exact (to float) is separable,
		// noise of 1e-5 of the largest weight is not
		Kernel unit = rankOne(7, 7);
		Random r = new Random(5);
		for (double scale : new double[] { 1e-3, 1, 1e3 }) {
			float[] exact = unit.toArray();
			float[] noisy = unit.toArray();
			float max = 0;
			for (float v : exact) max = Math.max(max, Math.abs(v));
			for (int i = 0; i < exact.length; i++) {
				exact[i] *= scale;
				noisy[i] = (float) ((noisy[i] + 1e-5 * max * (r.nextBoolean() ? 1 : -1)) * scale);
			}
			assertEquals("separable", auto(Shape.of(1, 64, 64), Kernel.of(exact, 7, 7), ConvSpec.builder().build()), "exact, scale " + scale);
			assertEquals("direct", auto(Shape.of(1, 64, 64), Kernel.of(noisy, 7, 7), ConvSpec.builder().build()), "noisy, scale " + scale);
		}
	}

	@Test
	void theFftCostFallsAsTheKernelGrows() {
		double previous = Double.MAX_VALUE;
		for (int k : new int[] { 3, 7, 15, 31, 63 }) {
			double ratio = FftConvolution.costRatio(ConvPlan.of(Shape.of(1, 1024, 1024), random(k, k), null, REFLECT_SAME));
			assertTrue(ratio < previous, k + "x" + k + ": " + ratio + " not below " + previous);
			previous = ratio;
		}
		assertTrue(FftConvolution.costRatio(ConvPlan.of(Shape.of(1, 1024, 1024), random(3, 3), null, REFLECT_SAME)) > 1);
		assertTrue(FftConvolution.costRatio(ConvPlan.of(Shape.of(1, 1024, 1024), random(63, 63), null, REFLECT_SAME)) < 0.2);
	}

	@Test
	void forcedMethodsThatCannotRunThePlanSayWhy() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Convolution.prepare(
			ConvPlan.of(Shape.of(1, 64, 64), random(5, 5), null, ConvSpec.builder().stride(1, 2).build()), Method.FFT));
		assertEquals("method=fft needs stride 1 (this plan has stride 1,2); use method=auto or direct", e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> Convolution.prepare(
			ConvPlan.of(Shape.of(512, 64, 64), Kernel.of(new float[512 * 512 * 9], 512, 512, 3, 3), null, ConvSpec.builder().build()),
			Method.FFT));
		// 512·512 kernels, each a 16x16 grid of complex values: 2^27 doubles, 1 GiB
		assertTrue(e.getMessage().startsWith("method=fft would keep 1024 MiB of kernel spectra (512x512 kernels), more than its 64 MiB"
			+ " limit"), e.getMessage());
		// 128·128 such kernels keep exactly the limit, 64 MiB: allowed; one more output channel is not
		assertEquals(null, FftConvolution.refusal(ConvPlan.of(Shape.of(128, 64, 64), Kernel.of(new float[128 * 128 * 9], 128, 128, 3, 3), null,
			ConvSpec.builder().build())));
		assertTrue(FftConvolution.refusal(ConvPlan.of(Shape.of(128, 64, 64), Kernel.of(new float[129 * 128 * 9], 129, 128, 3, 3), null,
			ConvSpec.builder().build())).contains("more than its 64 MiB limit"));
		e = assertThrows(IllegalArgumentException.class, () -> Convolution.prepare(
			ConvPlan.of(Shape.of(1, 64, 64), random(5, 5), null, ConvSpec.builder().build()), Method.SEPARABLE));
		assertTrue(e.getMessage().startsWith("method=separable needs every kernel to be an outer product"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> Convolution.prepare(
			ConvPlan.of(Shape.of(1, 64, 64), random(3, 3), null, ConvSpec.builder().stride(1, 2).build()), Method.WINOGRAD));
		assertEquals("method=winograd needs stride 1 and dilation 1 (this plan has stride 1,2, dilation 1); use method=auto or direct",
			e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> Convolution.prepare(
			ConvPlan.of(Shape.of(1, 64, 64), random(3, 3), null, ConvSpec.builder().dilation(2, 2).build()), Method.WINOGRAD));
		assertEquals("method=winograd needs stride 1 and dilation 1 (this plan has stride 1, dilation 2); use method=auto or direct",
			e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> Convolution.prepare(
			ConvPlan.of(Shape.of(1, 64, 64), random(3, 5), null, ConvSpec.builder().build()), Method.WINOGRAD));
		assertEquals("method=winograd needs a 3x3 or 3x3x3 kernel (this one is 3x5); use method=auto or direct", e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> Convolution.prepare(
			ConvPlan.of(Shape.of(1, 9, 64, 64), random(2, 3, 3), null, ConvSpec.builder(3).build()), Method.WINOGRAD));
		assertEquals("method=winograd needs a 3x3 or 3x3x3 kernel (this one is 2x3x3); use method=auto or direct", e.getMessage());
	}

	private static String auto(Shape input, Kernel kernel, ConvSpec spec) {
		return Convolution.prepare(ConvPlan.of(input, kernel, null, spec), Method.AUTO).method().label();
	}

	private static Kernel random(int... shape) {
		Random r = new Random(shape.length * 100 + shape[shape.length - 1]);
		int n = 1;
		for (int s : shape) n *= s;
		float[] w = new float[n];
		for (int i = 0; i < n; i++) w[i] = r.nextFloat() - 0.5f;
		return Kernel.of(w, shape);
	}

	/** An outer product of one vector per spatial axis, the same for every channel pair. */
	private static Kernel rankOne(int... spatial) {
		Random r = new Random(7);
		int n = 1;
		for (int s : spatial) n *= s;
		float[][] factors = new float[spatial.length][];
		for (int a = 0; a < spatial.length; a++) {
			factors[a] = new float[spatial[a]];
			for (int i = 0; i < spatial[a]; i++) factors[a][i] = 0.5f + r.nextFloat();
		}
		float[] w = new float[n];
		for (int i = 0; i < n; i++) {
			float v = 1;
			int rest = i;
			for (int a = spatial.length - 1; a >= 0; a--) {
				v *= factors[a][rest % spatial[a]];
				rest /= spatial[a];
			}
			w[i] = v;
		}
		return Kernel.of(w, spatial);
	}
}
