package convkit.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.util.Arrays;
import java.util.Random;

/** A batched plan gives, position by position, the numbers of one run per position. */
class BatchedPlanTest {

	@Property(tries = 200)
	void batchedRunEqualsOneRunPerPosition(@ForAll long seed) {
		Random r = new Random(seed);
		int positions = 1 + r.nextInt(5);
		int ci = 1 + r.nextInt(3);
		int h = 3 + r.nextInt(20);
		int w = 3 + r.nextInt(20);
		int k = 1 + r.nextInt(Math.min(h, 5));
		int rank = 2 + r.nextInt(3);
		int g = rank == 4 && r.nextBoolean() ? ci : 1;
		int co = rank == 2 ? ci : rank == 3 ? 1 : g * (1 + r.nextInt(2));
		int[] shape = rank == 2 ? new int[] { k, k } : rank == 3 ? new int[] { ci, k, k } : new int[] { co, ci / g, k, k };
		float[] kernel = new float[Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
		for (int i = 0; i < kernel.length; i++) kernel[i] = r.nextFloat() - 0.3f;
		float[] bias = r.nextBoolean() ? null : new float[co];
		if (bias != null) for (int i = 0; i < co; i++) bias[i] = r.nextFloat();
		ConvSpec spec = ConvSpec.builder().stride(1 + r.nextInt(2)).padding(Padding.same()).groups(rank == 4 ? g : 1)
			.mode(PaddingMode.values()[r.nextInt(PaddingMode.values().length)]).flip(r.nextBoolean()).normalize(r.nextBoolean())
			.build();
		ConvPlan plan;
		try {
			plan = ConvPlan.of(ci, h, w, Kernel.of(kernel, shape), bias, spec);
		}
		catch (IllegalArgumentException paddingTooLargeForTheMode) {
			return;
		}
		float[] all = new float[positions * ci * h * w];
		for (int i = 0; i < all.length; i++) all[i] = r.nextFloat();
		ConvPlan batched = plan.batched(positions);
		assertEquals(positions * plan.outChannels(), batched.outChannels());
		Method method = r.nextBoolean() ? Method.AUTO : Method.DIRECT;
		float[] together = Conv2d.run(batched, Tensor.of(positions * ci, h, w, all), Execution.defaults().withMethod(method))
			.toArray();
		int inSize = ci * h * w;
		int outSize = plan.outChannels() * plan.outputHeight() * plan.outputWidth();
		for (int p = 0; p < positions; p++) {
			Tensor one = Tensor.of(ci, h, w, Arrays.copyOfRange(all, p * inSize, (p + 1) * inSize));
			float[] alone = Conv2d.run(plan, one, Execution.defaults().withMethod(Method.DIRECT)).toArray();
			float[] part = Arrays.copyOfRange(together, p * outSize, (p + 1) * outSize);
			for (int i = 0; i < outSize; i++) assertEquals(alone[i], part[i], 1e-5f * Math.max(1, Math.abs(alone[i])), "seed " + seed);
		}
		assertArrayEquals(plan.weights(), Arrays.copyOf(batched.weights(), plan.weights().length), "weights resolved once");
	}
}
