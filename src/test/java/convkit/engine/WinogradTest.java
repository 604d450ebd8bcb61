package convkit.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.testing.CasePlans;
import convkit.testing.Reference;
import convkit.testing.Seeds;
import convkit.testing.Tolerance;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The Winograd algorithm against the float64 reference on random 3×3 and 3×3×3 plans (every
 * padding mode, asymmetric and wide padding, groups, bias, odd and tiny sizes, one to three
 * threads), and the properties its design promises: a value is the same whichever block or thread
 * computes it, and NaN, infinities and values near overflow spread as in PyTorch.
 */
class WinogradTest {

	private static final String[] MODES = { "zeros", "reflect", "symmetric", "replicate", "circular", "constant" };

	@Test
	void randomPlansMatchTheReference() {
		int compared = 0;
		int deep = 0;
		for (int i = 0; i < Seeds.tries(400); i++) {
			Random r = new Random(Seeds.of("winograd", i));
			Reference.Case c = randomCase(r);
			if (!Reference.valid(c)) continue;
			ConvPlan plan = CasePlans.plan(c);
			float[] before = c.input.clone();
			float[] got = Convolution.prepare(plan, Method.WINOGRAD).run(CasePlans.input(c), Execution.defaults().withThreads(1 + r.nextInt(3))).toArray();
			Tolerance.assertClose(Reference.conv(c), Tolerance.roundingFloor(c), got, 1e-4, Seeds.replay("winograd", i) + " " + plan);
			assertArrayEquals(before, c.input, "input unchanged");
			compared++;
			deep += c.kd == 3 ? 1 : 0;
		}
		assertTrue(compared >= Seeds.tries(400) * 3 / 4, "too few valid cases: " + compared);
		assertTrue(deep >= compared / 5, "too few 3x3x3 cases: " + deep + " of " + compared);
	}

	@Test
	void aValueIsTheSameWhicheverBlockOrThreadComputesIt() {
		for (int i = 0; i < Seeds.tries(40); i++) {
			Random r = new Random(Seeds.of("winograd-blocks", i));
			Reference.Case c = randomCase(r);
			if (!Reference.valid(c)) continue;
			Convolution conv = Convolution.prepare(CasePlans.plan(c), Method.WINOGRAD);
			float[] one = conv.run(CasePlans.input(c), Execution.defaults().withThreads(1)).toArray();
			for (int threads : new int[] { 2, 3, 7 }) {
				assertArrayEquals(one, conv.run(CasePlans.input(c), Execution.defaults().withThreads(threads)).toArray(), Seeds.replay("winograd-blocks", i)
					+ " " + threads + " threads");
			}
		}
	}

	@Test
	void itIsWinogradThatRuns() {
		// Its sums round differently from the direct ones: were every block handed to the direct
		// sum (a transformed kernel gone wrong makes the overflow check do that), all would be equal.
		Random r = new Random(Seeds.of("winograd-runs", 0));
		Reference.Case c = randomCase(r);
		while (!Reference.valid(c) || c.channels * c.outChannels < 4) c = randomCase(r);
		float[] winograd = Convolution.prepare(CasePlans.plan(c), Method.WINOGRAD).run(CasePlans.input(c)).toArray();
		float[] direct = Convolution.prepare(CasePlans.plan(c), Method.DIRECT).run(CasePlans.input(c)).toArray();
		int differ = 0;
		for (int i = 0; i < winograd.length; i++) differ += winograd[i] == direct[i] ? 0 : 1;
		assertTrue(differ > winograd.length / 10, "only " + differ + " of " + winograd.length + " values differ from the direct sums");
	}

	@Test
	void wideAndTallPlanesCutIntoBlocksThatStartAtOddColumnsAndRows() {
		// 601 columns: two column tiles of 301, the second starting at an odd column; 7 threads cut the rows unevenly
		Reference.Case c = new Reference.Case();
		Random r = new Random(7);
		c.channels = 2;
		c.outChannels = 3;
		c.height = 45;
		c.width = 601;
		c.kh = 3;
		c.kw = 3;
		c.mode = "reflect";
		c.same = true;
		c.input = new float[c.channels * c.height * c.width];
		for (int j = 0; j < c.input.length; j++) c.input[j] = r.nextFloat() * 2 - 1;
		c.weights = new float[c.outChannels * c.channels * 9];
		for (int j = 0; j < c.weights.length; j++) c.weights[j] = r.nextFloat() - 0.5f;
		Convolution conv = Convolution.prepare(CasePlans.plan(c), Method.WINOGRAD);
		float[] one = conv.run(CasePlans.input(c), Execution.defaults().withThreads(1)).toArray();
		Tolerance.assertClose(Reference.conv(c), Tolerance.roundingFloor(c), one, 1e-4, "601 columns");
		assertArrayEquals(one, conv.run(CasePlans.input(c), Execution.defaults().withThreads(7)).toArray(), "7 threads");
	}

	@Test
	void aWorkerTakesBlocksOfAnySizeInAnyOrder() {
		// fewer channels and many rows, then more channels and fewer rows, then few channels and many rows again
		Random r = new Random(11);
		float[] w = new float[4 * 2 * 9];
		for (int i = 0; i < w.length; i++) w[i] = r.nextFloat() - 0.5f;
		ConvPlan plan = ConvPlan.of(Shape.of(2, 16, 20), Kernel.of(w, 4, 2, 3, 3), null, ConvSpec.builder().padding(Padding.of(1)).build());
		float[] in = new float[plan.inputShape().values()];
		for (int i = 0; i < in.length; i++) in[i] = r.nextFloat();
		float[] expected = Convolution.prepare(plan, Method.DIRECT).run(Tensor.of(plan.inputShape(), in)).toArray();
		float[] out = new float[plan.outputShape().values()];
		BlockWorker worker = WinogradConvolution.of(plan).worker();
		worker.compute(new OutputBlock(0, 0, 0, 1, 0, 1, 0, 16, 0, 20), in, out);
		worker.compute(new OutputBlock(0, 0, 1, 4, 0, 1, 0, 5, 0, 20), in, out);
		worker.compute(new OutputBlock(0, 0, 1, 4, 0, 1, 5, 16, 0, 20), in, out);
		Tolerance.assertClose(expected, out, 1e-5, "blocks of 1 and 3 channels, 16, 5 and 11 rows");
	}

	@Test
	void workersKeptFromRunToRunGiveTheSameValues() {
		Random r = new Random(Seeds.of("winograd-reuse", 0));
		Reference.Case c = randomCase(r);
		while (!Reference.valid(c)) c = randomCase(r);
		Convolution conv = Convolution.prepare(CasePlans.plan(c), Method.WINOGRAD);
		float[] first = conv.run(CasePlans.input(c), Execution.defaults().withThreads(3)).toArray();
		java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
		Execution cancelled = Execution.defaults().withThreads(3).withCancellation(() -> calls.incrementAndGet() > 2);
		try {
			conv.run(CasePlans.input(c), cancelled);
		}
		catch (java.util.concurrent.CancellationException expected) {
			// a run stopped midway drops its workers
		}
		for (int run = 0; run < 3; run++) {
			assertArrayEquals(first, conv.run(CasePlans.input(c), Execution.defaults().withThreads(1 + run)).toArray(), "run " + run);
		}
	}

	@Test
	void nonFiniteAndHugeInputsSpreadAsInPyTorch() {
		float[][] planted = { { Float.NaN }, { Float.POSITIVE_INFINITY }, { Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY }, { 3e37f, -3e37f } };
		for (int rank = 2; rank <= 3; rank++) {
			for (int trial = 0; trial < 24; trial++) {
				float[] values = planted[trial % planted.length];
				Random r = new Random(rank * 1000 + trial);
				Reference.Case c = new Reference.Case();
				c.rank = rank;
				c.channels = 3;
				c.outChannels = 2;
				c.depth = rank == 3 ? 7 : 1;
				c.height = 11;
				c.width = 13;
				c.kd = rank == 3 ? 3 : 1;
				c.kh = 3;
				c.kw = 3;
				c.same = true;
				c.mode = "reflect";
				c.input = new float[c.channels * c.depth * c.height * c.width];
				for (int j = 0; j < c.input.length; j++) c.input[j] = r.nextFloat();
				for (float v : values) c.input[r.nextInt(c.input.length)] = v;
				c.weights = new float[c.outChannels * c.channels * c.kd * 9];
				for (int j = 0; j < c.weights.length; j++) c.weights[j] = r.nextInt(4) == 0 ? 0f : r.nextFloat() * 4 - 2;
				float[] got = Convolution.prepare(CasePlans.plan(c), Method.WINOGRAD).run(CasePlans.input(c), Execution.defaults().withThreads(2)).toArray();
				double[] expected = Reference.conv(c);
				int special = 0;
				for (double e : expected) special += Double.isFinite(e) && Math.abs(e) < 1e36 ? 0 : 1;
				assertTrue(special > 0, "the case must reach outputs: " + rank + "-D " + values[0]);
				Tolerance.assertClose(expected, got, 1e-4, rank + "-D with " + java.util.Arrays.toString(values));
			}
		}
	}

	@Test
	void statesItsWorkspace() {
		ConvPlan plan = ConvPlan.of(Shape.of(64, 256, 256), Kernel.of(new float[64 * 64 * 9], 64, 64, 3, 3), null,
			ConvSpec.builder().padding(Padding.of(1)).build());
		Convolution conv = Convolution.prepare(plan, Method.WINOGRAD);
		assertEquals(Method.WINOGRAD, conv.method());
		// 16 positions × (64 + 64) channels × at most max(128 Ki / 128, 2·(128 + 1)) tiles, plus the direct fallback's
		long floats = 16L * 128 * 1024;
		assertTrue(conv.workspaceBytes(1) >= 4 * floats && conv.workspaceBytes(1) <= 8 * floats, "states " + conv.workspaceBytes(1));
	}

	private static Reference.Case randomCase(Random r) {
		Reference.Case c = new Reference.Case();
		c.rank = r.nextInt(3) == 0 ? 3 : 2;
		c.groups = 1 + r.nextInt(2);
		c.channels = c.groups * (1 + r.nextInt(5));
		c.outChannels = c.groups * (1 + r.nextInt(5));
		c.depth = c.rank == 3 ? 1 + r.nextInt(9) : 1;
		c.height = r.nextInt(8) == 0 ? 1 + r.nextInt(3) : 3 + r.nextInt(30);
		c.width = r.nextInt(8) == 0 ? 1 + r.nextInt(3) : 3 + r.nextInt(60);
		c.kd = c.rank == 3 && r.nextInt(4) > 0 ? 3 : 1;
		c.kh = 3;
		c.kw = 3;
		c.mode = MODES[r.nextInt(MODES.length)];
		if (c.mode.equals("constant")) c.value = r.nextFloat() * 6 - 3;
		if (r.nextInt(4) == 0) c.same = true;
		else for (int a = 0; a < 2 * c.rank; a++) c.padding[a] = r.nextInt(5) == 0 ? 2 + r.nextInt(3) : r.nextInt(2);
		c.input = new float[c.channels * c.depth * c.height * c.width];
		for (int j = 0; j < c.input.length; j++) c.input[j] = r.nextFloat() * 200 - 100;
		c.weights = new float[c.outChannels * (c.channels / c.groups) * c.kd * 9];
		for (int j = 0; j < c.weights.length; j++) c.weights[j] = r.nextInt(6) == 0 ? 0f : r.nextFloat() * 2 - 1;
		if (r.nextBoolean()) {
			c.bias = new float[c.outChannels];
			for (int j = 0; j < c.outChannels; j++) c.bias[j] = r.nextFloat() * 10 - 5;
		}
		return c;
	}
}
