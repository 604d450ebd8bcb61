package convkit.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.testing.CasePlans;
import convkit.testing.Reference;
import convkit.testing.Seeds;
import convkit.testing.Tolerance;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Strided plans whose dilations are multiples of their strides run on their input's one read
 * phase ({@link PhaseSplit}): against the float64 reference on random plans (every padding mode,
 * strides 2 and 3, kernels 1 to 5, groups, bias, 2-D and 3-D, several inputs at once), and only
 * where the phase is all that is read.
 */
class PhaseSplitTest {

	private static final String[] MODES = { "zeros", "reflect", "symmetric", "replicate", "circular", "constant" };

	@Test
	void phasedPlansMatchTheReference() {
		int compared = 0;
		for (int i = 0; i < Seeds.tries(300); i++) {
			Random r = new Random(Seeds.of("phases", i));
			Reference.Case c = randomCase(r);
			if (!Reference.valid(c)) continue;
			ConvPlan plan = CasePlans.plan(c);
			assertNotNull(PhaseSplit.of(plan), "the split applies to " + plan);
			Method method = r.nextBoolean() ? Method.AUTO : Method.DIRECT;
			Convolution conv = Convolution.prepare(plan, method);
			Tensor in = Tensor.of(CasePlans.shape(c), c.input.clone());
			List<Tensor> out = conv.run(Arrays.asList(in, in), Execution.defaults().withThreads(1 + r.nextInt(3)));
			double[] expected = Reference.conv(c);
			String what = Seeds.replay("phases", i) + " " + plan + " [" + conv.method().label() + "]";
			Tolerance.assertClose(expected, Tolerance.roundingFloor(c), out.get(0).toArray(), 1e-4, what);
			Tolerance.assertClose(expected, Tolerance.roundingFloor(c), out.get(1).toArray(), 1e-4, what + " second input");
			assertTrue(Arrays.equals(c.input, in.toArray()), "input unchanged");
			compared++;
		}
		assertTrue(compared >= Seeds.tries(300) * 2 / 3, "too few valid cases: " + compared);
	}

	@Test
	void onlyWhereOnePhaseIsRead() {
		assertNull(PhaseSplit.of(plan2d(5, 1, 1))); // no stride
		assertNull(PhaseSplit.of(plan2d(5, 2, 1))); // stride 2, dilation 1: every sample is read
		assertNull(PhaseSplit.of(plan2d(5, 2, 3))); // dilation 3 is not a multiple of 2
		assertNotNull(PhaseSplit.of(plan2d(5, 2, 2)));
		assertNotNull(PhaseSplit.of(plan2d(5, 3, 6)));
		assertNotNull(PhaseSplit.of(plan2d(1, 2, 1))); // a 1x1 kernel reads one phase whatever its dilation
		PhaseSplit split = PhaseSplit.of(plan2d(5, 2, 2));
		assertEquals(1, split.inner().x().stride());
		assertEquals(1, split.inner().x().dilation());
		assertEquals(0, split.inner().x().padLo());
		assertEquals(4L * 3 * 34 * 34, split.phaseBytes()); // 3 channels of ((64 + 2 + 2) / 2)² floats
	}

	@Test
	void theForcedFftAndWinogradStillRefuseStrides() {
		ConvPlan plan = plan2d(3, 2, 2);
		assertEquals(Method.DIRECT, Convolution.prepare(plan, Method.DIRECT).method());
		assertTrue(refused(plan, Method.FFT));
		assertTrue(refused(plan, Method.WINOGRAD));
	}

	private static boolean refused(ConvPlan plan, Method m) {
		try {
			Convolution.prepare(plan, m);
			return false;
		}
		catch (IllegalArgumentException e) {
			return true;
		}
	}

	private static ConvPlan plan2d(int k, int stride, int dilation) {
		return ConvPlan.of(Shape.of(3, 64, 64), Kernel.of(new float[4 * 3 * k * k], 4, 3, k, k), null,
			ConvSpec.builder().stride(stride).dilation(dilation).padding(Padding.of(2)).build());
	}

	private static Reference.Case randomCase(Random r) {
		Reference.Case c = new Reference.Case();
		c.rank = r.nextInt(3) == 0 ? 3 : 2;
		c.groups = 1 + r.nextInt(2);
		c.channels = c.groups * (1 + r.nextInt(3));
		c.outChannels = c.groups * (1 + r.nextInt(4));
		c.depth = c.rank == 3 ? 4 + r.nextInt(12) : 1;
		c.height = 4 + r.nextInt(40);
		c.width = 4 + r.nextInt(60);
		int[] k = new int[3];
		for (int a = 0; a < c.rank; a++) {
			k[a] = 1 + r.nextInt(5);
			c.stride[a] = 1 + r.nextInt(3);
			c.dilation[a] = k[a] == 1 && r.nextBoolean() ? 1 + r.nextInt(3) : c.stride[a] * (1 + r.nextInt(2));
		}
		if (c.stride[0] == 1 && c.stride[1] == 1) c.stride[r.nextInt(2)] = 2 + r.nextInt(2);
		for (int a = 0; a < c.rank; a++) {
			if (k[a] > 1 && c.dilation[a] % c.stride[a] != 0) c.dilation[a] = c.stride[a];
		}
		c.kw = k[0];
		c.kh = k[1];
		c.kd = c.rank == 3 ? k[2] : 1;
		c.mode = MODES[r.nextInt(MODES.length)];
		if (c.mode.equals("constant")) c.value = r.nextFloat() * 6 - 3;
		if (r.nextInt(4) == 0) c.same = true;
		else for (int a = 0; a < 2 * c.rank; a++) c.padding[a] = r.nextInt(4);
		c.input = new float[c.channels * c.depth * c.height * c.width];
		for (int j = 0; j < c.input.length; j++) c.input[j] = r.nextFloat() * 2 - 1;
		c.weights = new float[c.outChannels * (c.channels / c.groups) * c.kd * c.kh * c.kw];
		for (int j = 0; j < c.weights.length; j++) c.weights[j] = r.nextFloat() - 0.5f;
		if (r.nextBoolean()) {
			c.bias = new float[c.outChannels];
			for (int j = 0; j < c.outChannels; j++) c.bias[j] = r.nextFloat();
		}
		return c;
	}
}
