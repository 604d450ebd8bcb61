package convkit.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.testing.Reference;
import convkit.testing.Seeds;
import convkit.testing.Tolerance;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * NaN and infinite inputs (ImageJ's 32-bit images often hold NaN; kernels are refused with them)
 * spread exactly as in PyTorch's sum, with every algorithm, 2-D and 3-D: NaN exactly where the
 * sum holds one (zero weights included, {@code 0 · NaN = NaN}, and {@code ∞ − ∞}), the same
 * infinity where the sum is infinite, and finite values elsewhere — the FFT must not smear a NaN
 * over its tile.
 */
class NonFiniteTest {

	private static final float[] SPECIALS = { Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY };
	private static final String[] MODES = { "zeros", "reflect", "circular", "symmetric", "replicate" };

	@Test
	void nonFiniteValuesSpreadAsInPyTorch() {
		int specials = 0;
		for (int i = 0; i < Seeds.tries(300); i++) {
			Random r = new Random(Seeds.of("nonfinite", i));
			int rank = 2 + r.nextInt(2);
			Reference.Case c = new Reference.Case();
			c.rank = rank;
			c.channels = 1;
			c.outChannels = 1;
			c.depth = rank == 3 ? 6 + r.nextInt(10) : 1;
			c.height = (rank == 3 ? 8 : 20) + r.nextInt(rank == 3 ? 16 : 60);
			c.width = (rank == 3 ? 8 : 20) + r.nextInt(rank == 3 ? 16 : 60);
			int k = 1 + r.nextInt(rank == 3 ? 5 : 9);
			c.kd = rank == 3 ? k : 1;
			c.kh = k;
			c.kw = k;
			c.input = new float[c.depth * c.height * c.width];
			for (int j = 0; j < c.input.length; j++) c.input[j] = r.nextFloat();
			for (int j = 0; j < 1 + r.nextInt(3); j++) c.input[r.nextInt(c.input.length)] = SPECIALS[r.nextInt(SPECIALS.length)];
			float[] u = new float[k];
			for (int j = 0; j < k; j++) u[j] = r.nextInt(3) == 0 ? 0f : r.nextFloat() + 0.1f;
			boolean rankOne = r.nextBoolean();
			int vol = c.kd * k * k;
			c.weights = new float[vol];
			for (int j = 0; j < vol; j++) {
				float z = rank == 3 ? u[j / (k * k)] : 1;
				c.weights[j] = rankOne ? z * u[j / k % k] * u[j % k] : r.nextInt(4) == 0 ? 0f : r.nextFloat();
			}
			c.mode = MODES[r.nextInt(MODES.length)];
			c.same = true;
			double[] expected = Reference.conv(c);
			for (double e : expected) specials += Double.isFinite(e) ? 0 : 1;
			Shape shape = rank == 3 ? Shape.of(1, c.depth, c.height, c.width) : Shape.of(1, c.height, c.width);
			Kernel kernel = rank == 3 ? Kernel.of(c.weights, k, k, k) : Kernel.of(c.weights, k, k);
			ConvPlan plan = ConvPlan.of(shape, kernel, null, ConvSpec.builder(rank).padding(Padding.same())
				.mode(PaddingMode.fromLabel(c.mode)).build());
			for (Method m : Method.values()) {
				Convolution conv;
				try {
					conv = Convolution.prepare(plan, m);
				}
				catch (IllegalArgumentException notRankOne) {
					continue;
				}
				float[] got = conv.run(Tensor.of(shape, c.input), Execution.defaults().withThreads(2)).toArray();
				Tolerance.assertClose(expected, got, 1e-4, Seeds.replay("nonfinite", i) + " " + rank + "-D " + m.label() + " " + c.mode
					+ " k=" + k);
			}
		}
		assertTrue(specials > Seeds.tries(1000), "the cases must hold NaN and infinite outputs: " + specials);
	}
}
