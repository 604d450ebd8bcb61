package convkit.engine;

import convkit.testing.RandomCase;
import convkit.testing.Seeds;
import convkit.testing.Tolerance;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * A prepared convolution run on many inputs as one job gives, input by input, exactly the numbers
 * of one run per input (the FFT to float rounding: its tiles follow the blocks), with every
 * algorithm: the blocks of all positions share the threads, the weights are never copied.
 */
class MultiPositionTest {

	@Test
	void manyInputsAsOneJobEqualOneRunEach() {
		int compared = 0;
		for (int i = 0; i < Seeds.tries(300); i++) {
			Random r = new Random(Seeds.of("positions", i));
			RandomCase c = RandomCase.of(r, 2 + r.nextInt(2));
			ConvPlan plan;
			try {
				plan = ConvPlan.of(c.shape, c.kernel, c.bias, c.spec);
			}
			catch (IllegalArgumentException invalidByConstruction) {
				continue; // the property tests check every refusal
			}
			int positions = 2 + r.nextInt(4);
			List<Tensor> inputs = new ArrayList<>();
			for (int p = 0; p < positions; p++) {
				float[] v = new float[c.shape.values()];
				for (int k = 0; k < v.length; k++) v[k] = r.nextFloat() * 2 - 1;
				inputs.add(Tensor.of(c.shape, v));
			}
			for (Method m : Method.values()) {
				Convolution conv;
				try {
					conv = Convolution.prepare(plan, m);
				}
				catch (IllegalArgumentException notForThisPlan) {
					continue;
				}
				List<Tensor> together = conv.run(inputs, Execution.defaults().withThreads(1 + r.nextInt(3)));
				for (int p = 0; p < positions; p++) {
					float[] alone = conv.run(inputs.get(p), Execution.defaults().withThreads(1)).toArray();
					// FFT tiles start where the blocks do, which may differ: agree to float rounding
					Tolerance.assertClose(alone, together.get(p).toArray(), 1e-6, Seeds.replay("positions", i) + " " + m + " position " + p);
				}
				compared++;
			}
		}
		org.junit.jupiter.api.Assertions.assertTrue(compared > Seeds.tries(500), "compared " + compared);
	}
}
