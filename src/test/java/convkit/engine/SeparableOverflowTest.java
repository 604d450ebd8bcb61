package convkit.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Finite inputs near the float range's end (1.5e38 to 3e38) stay finite on the separable path
 * wherever the direct sum does — a pass's partial sums could overflow where the whole sum does not —
 * in 2-D and 3-D, with every padding mode and a constant fill near the end of the range too.
 */
class SeparableOverflowTest {

	private static final String[] MODES = { "zeros", "reflect", "symmetric", "replicate", "circular", "constant" };

	private static float[] huge(int n, Random r) {
		float[] v = new float[n];
		for (int i = 0; i < n; i++) v[i] = (r.nextBoolean() ? 1 : -1) * (1.5e38f + r.nextFloat() * 1.5e38f);
		return v;
	}

	@Test
	void hugeFiniteInputsGiveTheDirectSumsFiniteValues() {
		Random r = new Random(38);
		int cases = 0;
		for (int rank = 2; rank <= 3; rank++) {
			for (String mode : MODES) {
				Shape shape = rank == 3 ? Shape.of(1, 7, 9, 11) : Shape.of(1, 17, 19);
				float[] positive = huge((int) shape.values(), r);
				for (int i = 0; i < positive.length; i++) positive[i] = Math.abs(positive[i]);
				// gaussian(1) and box3d(3): weights summing to 1, rank one, so auto picks separable
				float[] g = { 0.054f, 0.242f, 0.399f, 0.242f, 0.054f };
				float[] k = new float[rank == 3 ? 27 : 25];
				if (rank == 3) java.util.Arrays.fill(k, 1f / 27);
				else for (int y = 0; y < 5; y++) for (int x = 0; x < 5; x++) k[y * 5 + x] = g[y] * g[x];
				Kernel kernel = rank == 3 ? Kernel.of(k, 3, 3, 3) : Kernel.of(k, 5, 5);
				ConvSpec.Builder spec = ConvSpec.builder(rank).padding(Padding.same()).mode(PaddingMode.fromLabel(mode));
				if (mode.equals("constant")) spec.value(3e38f);
				ConvPlan plan = ConvPlan.of(shape, kernel, null, spec.build());
				Tensor in = Tensor.of(shape, positive);
				float[] direct = Convolution.prepare(plan, Method.DIRECT).run(in, Execution.defaults()).toArray();
				Convolution auto = Convolution.prepare(plan, Method.AUTO);
				assertEquals(Method.SEPARABLE, auto.method(), rank + "-D " + mode);
				float[] separable = auto.run(in, Execution.defaults().withThreads(2)).toArray();
				for (float v : direct) assertTrue(Float.isFinite(v), rank + "-D " + mode + ": direct stays finite");
				assertArrayEquals(direct, separable, rank + "-D " + mode + ": the separable path gives the direct sums");
				cases++;
			}
		}
		assertEquals(12, cases);
	}

	@Test
	void ordinaryInputsStillRunTheSeparablePasses() {
		// a factor's weights adding up to more than 1 (a box of ones): the passes run as long as they cannot overflow
		Shape shape = Shape.of(1, 64, 64);
		float[] in = new float[64 * 64];
		for (int i = 0; i < in.length; i++) in[i] = i % 7;
		float[] ones = new float[49];
		java.util.Arrays.fill(ones, 1f);
		ConvPlan plan = ConvPlan.of(shape, Kernel.of(ones, 7, 7), null, ConvSpec.builder(2).padding(Padding.same()).build());
		float[] direct = Convolution.prepare(plan, Method.DIRECT).run(Tensor.of(shape, in), Execution.defaults()).toArray();
		float[] separable = Convolution.prepare(plan, Method.SEPARABLE).run(Tensor.of(shape, in), Execution.defaults()).toArray();
		assertArrayEquals(direct, separable, 1e-3f);
	}
}
