package convkit.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** Tiny literal cases with exact answers. */
class Conv2dTest {

	private static Tensor row(float... v) {
		return Tensor.of(1, 1, v.length, v);
	}

	private static float[] run(Tensor in, Kernel k, ConvSpec spec) {
		return Conv2d.run(ConvPlan.of(in.channels(), in.height(), in.width(), k, null, spec), in).toArray();
	}

	@Test
	void impulseThroughADifferenceKernelIsCorrelatedNotFlipped() {
		Tensor impulse = row(0, 0, 1, 0, 0);
		Kernel diff = Kernel.of(new float[] { -1, 0, 1 }, 1, 3);
		ConvSpec same = ConvSpec.builder().padding(Padding.same()).build();
		assertArrayEquals(new float[] { 0, 1, 0, -1, 0 }, run(impulse, diff, same));
		ConvSpec flipped = same.toBuilder().flip(true).build();
		assertArrayEquals(new float[] { 0, -1, 0, 1, 0 }, run(impulse, diff, flipped));
	}

	@Test
	void strideDilationAndPaddingModes() {
		Tensor in = row(1, 2, 3, 4);
		Kernel pick = Kernel.of(new float[] { 1, 0, 0 }, 1, 3); // reads the left end of each window
		ConvSpec reflect = ConvSpec.builder().padding(Padding.of(2, 2, 0, 0)).mode(PaddingMode.REFLECT).stride(2, 1).build();
		// padded: 3 2 | 1 2 3 4 | 3 2 ; windows start at 0, 2, 4 -> 3, 1, 3
		assertArrayEquals(new float[] { 3, 1, 3 }, run(in, pick, reflect));
		ConvSpec dilated = ConvSpec.builder().dilation(2, 1).build();
		Kernel sum = Kernel.of(new float[] { 1, 1 }, 1, 2);
		assertArrayEquals(new float[] { 4, 6 }, run(in, sum, dilated));
	}

	@Test
	void twoDimensionalKernelIsDepthwiseAndBiasIsAddedLast() {
		Tensor in = Tensor.of(2, 1, 2, new float[] { 1, 2, 10, 20 });
		Kernel k = Kernel.of(new float[] { 1, 1 }, 1, 2);
		ConvPlan plan = ConvPlan.of(2, 1, 2, k, new float[] { 0.5f, -1 }, ConvSpec.defaults());
		assertEquals(2, plan.groups());
		assertArrayEquals(new float[] { 3.5f, 29 }, Conv2d.run(plan, in).toArray());
	}

	@Test
	void threeDimensionalKernelGivesOneOutputChannel() {
		Tensor in = Tensor.of(2, 1, 1, new float[] { 3, 5 });
		Kernel k = Kernel.of(new float[] { 2, -1 }, 2, 1, 1);
		assertArrayEquals(new float[] { 1 }, run(in, k, ConvSpec.defaults()));
	}

	@Test
	void normalizeDividesEachOutputChannelsKernelBySum() {
		Tensor in = row(2, 4);
		Kernel k = Kernel.of(new float[] { 1, 3, 1, -1 }, 2, 1, 1, 2); // sums 4 and 0
		ConvSpec spec = ConvSpec.builder().normalize(true).build();
		assertArrayEquals(new float[] { 3.5f, -2 }, run(in, k, spec));
	}

	@Test
	void groupsKeepChannelsApart() {
		Tensor in = Tensor.of(4, 1, 1, new float[] { 1, 2, 3, 4 });
		Kernel k = Kernel.of(new float[] { 1, 1, 1, -1 }, 2, 2, 1, 1);
		ConvSpec spec = ConvSpec.builder().groups(2).build();
		assertArrayEquals(new float[] { 3, -1 }, run(in, k, spec));
	}

	@Test
	void progressReachesTheTotalAndCancellationStopsTheRun() {
		Tensor in = Tensor.of(1, 64, 64, new float[64 * 64]);
		ConvPlan plan = ConvPlan.of(1, 64, 64, Kernel.of(new float[9], 3, 3), null, ConvSpec.defaults());
		AtomicLong last = new AtomicLong();
		AtomicLong total = new AtomicLong();
		Conv2d.run(plan, in, Execution.defaults().withThreads(2).withProgress((d, t) -> {
			last.accumulateAndGet(d, Math::max);
			total.set(t);
		}));
		assertEquals(total.get(), last.get());
		assertTrue(total.get() > 1);
		assertThrows(CancellationException.class, () -> Conv2d.run(plan, in, Execution.defaults().withCancellation(() -> true)));
	}

	@Test
	void badShapesAreRefusedWithTheNumbers() {
		Kernel k4 = Kernel.of(new float[2 * 2 * 9], 2, 2, 3, 3);
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConvPlan.of(3, 8, 8, k4, null,
			ConvSpec.defaults()));
		assertTrue(e.getMessage().contains("C_in/groups = 2") && e.getMessage().contains("3 channels"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> ConvPlan.of(2, 8, 8, k4, new float[3], ConvSpec.defaults()));
		assertTrue(e.getMessage().contains("bias has 3 values"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> ConvPlan.of(3, 8, 8, Kernel.of(new float[9], 3, 3), null,
			ConvSpec.builder().groups(2).build()));
		assertTrue(e.getMessage().contains("groups must be 1 or 3, not 2"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> ConvPlan.of(1, 4, 4, Kernel.of(new float[25], 5, 5), null,
			ConvSpec.defaults()));
		assertTrue(e.getMessage().contains("output size along x would be 0"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> Kernel.of(new float[] { 1, Float.NaN }, 1, 2));
		assertTrue(e.getMessage().contains("NaN"), e.getMessage());
	}

	@Test
	void autoPicksTheAlgorithmByKernelAndStride() {
		ConvSpec reflectSame = ConvSpec.builder().padding(Padding.same()).mode(PaddingMode.REFLECT).build();
		float[] dense = new float[31 * 31];
		for (int i = 0; i < dense.length; i++) dense[i] = (i * 7919 % 101) / 101f;
		float[] box = new float[31 * 31];
		java.util.Arrays.fill(box, 1f);
		assertEquals("fft", Conv2d.algorithmFor(ConvPlan.of(1, 512, 512, Kernel.of(dense, 31, 31), null, reflectSame)).name());
		assertEquals("separable", Conv2d.algorithmFor(ConvPlan.of(1, 512, 512, Kernel.of(box, 31, 31), null, reflectSame)).name());
		assertEquals("direct", Conv2d.algorithmFor(ConvPlan.of(1, 512, 512, Kernel.of(new float[] { 1, 2, 3, 4 }, 2, 2), null,
			reflectSame)).name());
		ConvPlan strided = ConvPlan.of(1, 512, 512, Kernel.of(dense, 31, 31), null,
			ConvSpec.builder().stride(2, 2).padding(Padding.same()).mode(PaddingMode.REFLECT).build());
		assertEquals("direct", Conv2d.algorithmFor(strided).name());
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Conv2d.algorithmFor(strided, Method.FFT));
		assertTrue(e.getMessage().contains("stride 1") && e.getMessage().contains("2x2"), e.getMessage());
	}

	@Test
	void blocksCoverTheOutputOnceWithinTheAlgorithmsTileSize() {
		float[] dense = new float[6 * 2 * 15 * 15];
		java.util.Arrays.fill(dense, 1f);
		ConvPlan plan = ConvPlan.of(6, 300, 2500, Kernel.of(dense, 6, 2, 15, 15), null, ConvSpec.builder().groups(3).build());
		for (ConvAlgorithm a : new ConvAlgorithm[] { new DirectConvolution(), FftConvolution.of(plan) }) {
			int[] covered = new int[plan.outChannels() * plan.outputHeight() * plan.outputWidth()];
			for (OutputBlock b : Conv2d.blocks(plan, 2, a)) {
				assertTrue(b.columns() <= a.maxTileWidth(plan), b + " wider than " + a.maxTileWidth(plan));
				for (int c = b.firstChannel(); c < b.endChannel(); c++) {
					assertEquals(b.group(), c / plan.outChannelsPerGroup(), b.toString());
					for (int y = b.firstRow(); y < b.endRow(); y++) {
						for (int x = b.firstColumn(); x < b.endColumn(); x++) covered[(c * plan.outputHeight() + y) * plan.outputWidth() + x]++;
					}
				}
			}
			for (int v : covered) assertEquals(1, v, a.name());
		}
	}
}
