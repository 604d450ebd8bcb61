package convkit.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** Tiny literal cases with exact answers, 2-D and 3-D; progress, cancellation, refusals, the choice of algorithm, the blocks. */
class ConvolutionTest {

	private static Tensor row(float... v) {
		return Tensor.of(1, 1, v.length, v);
	}

	private static float[] run(Tensor in, Kernel k, ConvSpec spec) {
		return Convolution.prepare(ConvPlan.of(in.shape(), k, null, spec), Method.AUTO).run(in).toArray();
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
	void sameWithAnEvenKernelPutsTheExtraPixelAfterTheData() {
		// k = 4: total 3, lo 1, hi 2; output i = Σ w[t]·x[i − 1 + t]: the impulse at 3 gives out[i] = w[4 − i] (PyTorch's own result)
		Tensor impulse = row(0, 0, 0, 1, 0, 0, 0);
		Kernel k = Kernel.of(new float[] { 1, 2, 3, 4 }, 1, 4);
		assertArrayEquals(new float[] { 0, 4, 3, 2, 1, 0, 0 }, run(impulse, k, ConvSpec.builder().padding(Padding.same()).build()));
		// stride 2 (TensorFlow's rule): out = ceil(7/2) = 4, total = 3·2 + 4 − 7 = 3, lo 1: out[j] = Σ w[t]·x[2j − 1 + t]
		assertArrayEquals(new float[] { 0, 3, 1, 0 }, run(impulse, k, ConvSpec.builder().stride(2).padding(Padding.same()).build()));
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
	void kernelWithoutChannelsIsDepthwiseAndBiasIsAddedLast() {
		Tensor in = Tensor.of(2, 1, 2, new float[] { 1, 2, 10, 20 });
		Kernel k = Kernel.of(new float[] { 1, 1 }, 1, 2);
		ConvPlan plan = ConvPlan.of(2, 1, 2, k, new float[] { 0.5f, -1 }, ConvSpec.defaults());
		assertEquals(2, plan.groups());
		assertArrayEquals(new float[] { 3.5f, 29 }, Convolution.prepare(plan, Method.AUTO).run(in).toArray());
	}

	@Test
	void kernelWithInputChannelsGivesOneOutputChannel() {
		Tensor in = Tensor.of(2, 1, 1, new float[] { 3, 5 });
		assertArrayEquals(new float[] { 1 }, run(in, Kernel.of(new float[] { 2, -1 }, 2, 1, 1), ConvSpec.defaults()));
	}

	@Test
	void normalizeDividesEachOutputChannelsKernelBySum() {
		Tensor in = row(2, 4);
		Kernel k = Kernel.of(new float[] { 1, 3, 1, -1 }, 2, 1, 1, 2); // sums 4 and 0
		assertArrayEquals(new float[] { 3.5f, -2 }, run(in, k, ConvSpec.builder().normalize(true).build()));
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConvPlan.of(1, 1, 3,
			Kernel.of(new float[] { 1e30f, -1e30f, 1e-30f }, 1, 3), null, ConvSpec.builder().normalize(true).build()));
		assertTrue(e.getMessage().contains("normalize would make the weights of output channel 1 infinite"), e.getMessage());
	}

	@Test
	void groupsKeepChannelsApart() {
		Tensor in = Tensor.of(4, 1, 1, new float[] { 1, 2, 3, 4 });
		Kernel k = Kernel.of(new float[] { 1, 1, 1, -1 }, 2, 2, 1, 1);
		assertArrayEquals(new float[] { 3, -1 }, run(in, k, ConvSpec.builder().groups(2).build()));
	}

	@Test
	void threeDimensionalCasesByHand() {
		// a 2x2x2 volume 1..8 (z, y, x); a 2x1x1 kernel sums neighbouring slices
		Tensor vol = Tensor.of(Shape.of(1, 2, 2, 2), new float[] { 1, 2, 3, 4, 5, 6, 7, 8 });
		Kernel zSum = Kernel.of(new float[] { 1, 1 }, 2, 1, 1);
		assertArrayEquals(new float[] { 6, 8, 10, 12 }, run(vol, zSum, ConvSpec.builder(3).build()));
		// replicate padding in front and back only: slices 1 1 2 2 -> sums of pairs 2·s1, s1 + s2, 2·s2
		ConvSpec padZ = ConvSpec.builder(3).padding(Padding.of(0, 0, 0, 0, 1, 1)).mode(PaddingMode.REPLICATE).build();
		assertArrayEquals(new float[] { 2, 4, 6, 8, 6, 8, 10, 12, 10, 12, 14, 16 }, run(vol, zSum, padZ));
		// stride 2 along z on 3 slices with a 1x1x1 kernel keeps slices 0 and 2
		Tensor three = Tensor.of(Shape.of(1, 3, 1, 2), new float[] { 1, 2, 3, 4, 5, 6 });
		assertArrayEquals(new float[] { 1, 2, 5, 6 }, run(three, Kernel.of(new float[] { 1 }, 1, 1, 1),
			ConvSpec.builder(3).stride(1, 1, 2).build()));
		// circular front padding of 1 on 3 slices with kD = 2, dilation 2 along z: out z = x[z-1 mod 3] + x[z+1]
		ConvSpec circ = ConvSpec.builder(3).padding(Padding.of(0, 0, 0, 0, 1, 1)).mode(PaddingMode.CIRCULAR).dilation(1, 1, 2).build();
		Tensor slices = Tensor.of(Shape.of(1, 3, 1, 1), new float[] { 1, 10, 100 });
		assertArrayEquals(new float[] { 110, 101, 11 }, run(slices, zSum, circ));
	}

	@Test
	void progressReachesTheTotalAndCancellationStopsTheRun() {
		Tensor in = Tensor.of(1, 64, 64, new float[64 * 64]);
		Convolution conv = Convolution.prepare(ConvPlan.of(1, 64, 64, Kernel.of(new float[9], 3, 3), null, ConvSpec.defaults()),
			Method.AUTO);
		AtomicLong last = new AtomicLong();
		AtomicLong total = new AtomicLong();
		conv.run(in, Execution.defaults().withThreads(2).withProgress((d, t) -> {
			last.accumulateAndGet(d, Math::max);
			total.set(t);
		}));
		assertEquals(total.get(), last.get());
		assertTrue(total.get() > 1);
		assertThrows(CancellationException.class, () -> conv.run(in, Execution.defaults().withCancellation(() -> true)));
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
		// 3-D: the axis is named
		e = assertThrows(IllegalArgumentException.class, () -> ConvPlan.of(Shape.of(1, 2, 8, 8), Kernel.of(new float[27], 3, 3, 3),
			null, ConvSpec.builder(3).build()));
		assertTrue(e.getMessage().contains("output size along z would be 0"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> ConvPlan.of(Shape.of(1, 3, 8, 8), Kernel.of(new float[9], 1, 3, 3),
			null, ConvSpec.builder(3).padding(Padding.of(0, 0, 0, 0, 3, 0)).mode(PaddingMode.REFLECT).build()));
		assertTrue(e.getMessage().contains("front padding 3 with input depth 3 (allowed 0..2)"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> ConvPlan.of(Shape.of(1, 8, 8), Kernel.of(new float[27], 3, 3, 3), null,
			ConvSpec.builder(3).build()));
		assertTrue(e.getMessage().contains("needs a [C, D, H, W] input"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> ConvSpec.builder(3).padding(Padding.of(1, 1)).build());
		assertTrue(e.getMessage().contains("'1,1' has 2 numbers, a 2-D form"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> ConvSpec.builder(2).stride(1, 2, 3).build());
		assertTrue(e.getMessage().contains("stride '1,2,3' has 3 values"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> ConvPlan.of(Shape.of(1, 8, 8), Kernel.of(new float[4], 1, 2, 2), null,
			ConvSpec.builder().padding(Padding.of(1, Integer.MAX_VALUE)).build()));
		assertTrue(e.getMessage().contains("padded size along y would be"), e.getMessage());
	}

	@Test
	void autoPicksTheAlgorithmByKernelAndStride() {
		ConvSpec reflectSame = ConvSpec.builder().padding(Padding.same()).mode(PaddingMode.REFLECT).build();
		float[] dense = new float[31 * 31];
		for (int i = 0; i < dense.length; i++) dense[i] = (i * 7919 % 101) / 101f;
		float[] box = new float[31 * 31];
		Arrays.fill(box, 1f);
		assertEquals("fft", method(ConvPlan.of(1, 512, 512, Kernel.of(dense, 31, 31), null, reflectSame), Method.AUTO));
		assertEquals("separable", method(ConvPlan.of(1, 512, 512, Kernel.of(box, 31, 31), null, reflectSame), Method.AUTO));
		assertEquals("direct", method(ConvPlan.of(1, 512, 512, Kernel.of(new float[] { 1, 2, 3, 4 }, 2, 2), null, reflectSame),
			Method.AUTO));
		ConvPlan strided = ConvPlan.of(1, 512, 512, Kernel.of(dense, 31, 31), null,
			ConvSpec.builder().stride(2, 1).padding(Padding.same()).mode(PaddingMode.REFLECT).build());
		assertEquals("direct", method(strided, Method.AUTO));
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Convolution.prepare(strided, Method.FFT));
		assertTrue(e.getMessage().contains("stride 1") && e.getMessage().contains("stride 2,1"), e.getMessage());
		// 3-D: a box is three 1-D passes; a dense 15^3 kernel on a 96^3 volume is worth an FFT; 3x3x3 is direct
		float[] box3 = new float[5 * 5 * 5];
		Arrays.fill(box3, 1f / box3.length);
		ConvSpec same3 = ConvSpec.builder(3).padding(Padding.same()).build();
		assertEquals("separable", method(ConvPlan.of(Shape.of(1, 32, 32, 32), Kernel.of(box3, 5, 5, 5), null, same3), Method.AUTO));
		float[] dense3 = new float[15 * 15 * 15];
		for (int i = 0; i < dense3.length; i++) dense3[i] = (i * 7919 % 101) / 101f;
		assertEquals("fft", method(ConvPlan.of(Shape.of(1, 96, 96, 96), Kernel.of(dense3, 15, 15, 15), null, same3), Method.AUTO));
		float[] small3 = new float[27];
		for (int i = 0; i < 27; i++) small3[i] = i % 5 - 2;
		assertEquals("direct", method(ConvPlan.of(Shape.of(4, 32, 32, 32), Kernel.of(small3, 3, 3, 3), null, same3), Method.AUTO));
	}

	private static String method(ConvPlan plan, Method m) {
		return Convolution.prepare(plan, m).method().label();
	}

	@Test
	void blocksCoverTheOutputOnceWithinTheAlgorithmsTileSize() {
		float[] dense = new float[6 * 2 * 15 * 15];
		Arrays.fill(dense, 1f);
		ConvPlan plan = ConvPlan.of(6, 300, 2500, Kernel.of(dense, 6, 2, 15, 15), null, ConvSpec.builder().groups(3).build());
		float[] dense3 = new float[4 * 2 * 7 * 5 * 3];
		Arrays.fill(dense3, 1f);
		ConvPlan plan3 = ConvPlan.of(Shape.of(4, 40, 30, 50), Kernel.of(dense3, 4, 2, 7, 5, 3), null,
			ConvSpec.builder(3).groups(2).build());
		for (ConvPlan p : new ConvPlan[] { plan, plan3 }) {
			for (ConvAlgorithm a : new ConvAlgorithm[] { new DirectConvolution(p), FftConvolution.of(p) }) {
				for (int positions : new int[] { 1, 3 }) {
					int[] covered = new int[positions * p.outputShape().values()];
					for (OutputBlock b : Blocks.of(p, a, positions, 2)) {
						assertTrue(b.columns() <= a.maxTileWidth(), b + " wider than " + a.maxTileWidth());
						for (int c = b.firstChannel(); c < b.endChannel(); c++) {
							assertEquals(b.group(), c / p.outChannelsPerGroup(), b.toString());
							for (int z = b.firstPlane(); z < b.endPlane(); z++) {
								for (int y = b.firstRow(); y < b.endRow(); y++) {
									for (int x = b.firstColumn(); x < b.endColumn(); x++) {
										covered[(((b.position() * p.outChannels() + c) * p.outputDepth() + z) * p.outputHeight() + y)
											* p.outputWidth() + x]++;
									}
								}
							}
						}
					}
					for (int i = 0; i < covered.length; i++) {
						if (covered[i] != 1) fail("value " + i + " computed " + covered[i] + " times by " + a.method().label() + " on " + p);
					}
				}
			}
		}
	}
}
