package convkit.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.testing.RankOne;
import convkit.testing.Reference;
import convkit.testing.Seeds;
import convkit.testing.Tolerance;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Every algorithm on images large enough to be cut into many blocks, column tiles and FFT tile
 * pairs (up to 2300 columns, kernels up to 13×13; volumes up to 40 slices), against the
 * independent reference. The settings are made valid by construction, and every one must be
 * accepted.
 */
class LargePlansTest {

	private static final String[] MODES = { "zeros", "reflect", "symmetric", "replicate", "circular" };

	@Test
	void everyAlgorithmMatchesTheReferenceOnLargePlans() {
		int compared = 0;
		for (int i = 0; i < Seeds.tries(60); i++) {
			Random r = new Random(Seeds.of("large", i));
			int rank = i % 4 == 3 ? 3 : 2;
			boolean wide = rank == 2 && r.nextInt(4) == 0;
			Reference.Case c = new Reference.Case();
			c.rank = rank;
			c.depth = rank == 3 ? 8 + r.nextInt(33) : 1;
			c.height = wide ? 1 + r.nextInt(24) : rank == 3 ? 8 + r.nextInt(40) : 16 + r.nextInt(200);
			c.width = wide ? 2049 + r.nextInt(250) : rank == 3 ? 8 + r.nextInt(60) : 16 + r.nextInt(200);
			c.channels = 1 + r.nextInt(3);
			c.groups = r.nextBoolean() ? 1 : c.channels;
			c.outChannels = c.groups * (1 + r.nextInt(2));
			c.kd = rank == 3 ? 1 + r.nextInt(Math.min(7, c.depth)) : 1;
			c.kh = 1 + r.nextInt(Math.min(rank == 3 ? 7 : 13, c.height));
			c.kw = 1 + r.nextInt(rank == 3 ? 7 : 13);
			int s = r.nextInt(4) == 0 ? 2 : 1;
			c.stride = new int[] { s, s, rank == 3 ? s : 1 };
			c.mode = MODES[r.nextInt(MODES.length)];
			// within every mode's limit: at most n − 1 per side
			c.padding = new int[] { r.nextInt(Math.min(c.width, 6)), r.nextInt(Math.min(c.width, 6)), r.nextInt(Math.min(c.height, 6)),
				r.nextInt(Math.min(c.height, 6)), rank == 3 ? r.nextInt(Math.min(c.depth, 3)) : 0, rank == 3 ? r.nextInt(Math.min(c.depth, 3)) : 0 };
			int cig = c.channels / c.groups;
			int vol = c.kd * c.kh * c.kw;
			boolean rankOne = r.nextInt(3) == 0;
			c.weights = new float[c.outChannels * cig * vol];
			for (int o = 0; o < c.outChannels * cig; o++) {
				float[] u = random(r, c.kd);
				float[] v = random(r, c.kh);
				float[] w = random(r, c.kw);
				for (int j = 0; j < vol; j++) {
					c.weights[o * vol + j] = rankOne ? u[j / (c.kh * c.kw)] * v[j / c.kw % c.kh] * w[j % c.kw] : r.nextFloat() - 0.5f;
				}
			}
			c.bias = random(r, c.outChannels);
			c.input = new float[c.channels * c.depth * c.height * c.width];
			for (int j = 0; j < c.input.length; j++) c.input[j] = r.nextFloat() * 2 - 1;
			Shape shape = rank == 3 ? Shape.of(c.channels, c.depth, c.height, c.width) : Shape.of(c.channels, c.height, c.width);
			Kernel kernel = rank == 3 ? Kernel.of(c.weights, c.outChannels, cig, c.kd, c.kh, c.kw)
				: Kernel.of(c.weights, c.outChannels, cig, c.kh, c.kw);
			Padding padding = rank == 3 ? Padding.of(c.padding[0], c.padding[1], c.padding[2], c.padding[3], c.padding[4], c.padding[5])
				: Padding.of(c.padding[0], c.padding[1], c.padding[2], c.padding[3]);
			ConvSpec.Builder b = ConvSpec.builder(rank).stride(s).padding(padding).mode(PaddingMode.fromLabel(c.mode)).groups(c.groups);
			String what = Seeds.replay("large", i) + " " + rank + "-D " + shape + " k " + c.kd + "x" + c.kh + "x" + c.kw + " " + c.mode;
			assertTrue(Reference.valid(c), what);
			ConvPlan plan = ConvPlan.of(shape, kernel, c.bias, b.build());
			double[] expected = Reference.conv(c);
			boolean separable = RankOne.allSlices(c.weights, vol, c.kd, c.kh, c.kw);
			for (Method m : Method.values()) {
				Convolution conv;
				try {
					conv = Convolution.prepare(plan, m);
				}
				catch (IllegalArgumentException e) {
					boolean winogradFits = s == 1 && c.kh == 3 && c.kw == 3 && (c.kd == 1 || c.kd == 3);
					assertTrue(m == Method.FFT && s > 1 || m == Method.SEPARABLE && !separable || m == Method.WINOGRAD && !winogradFits,
						what + ": " + m + " refused: " + e.getMessage());
					continue;
				}
				if (m == Method.SEPARABLE) assertTrue(separable, what + ": separable accepted a kernel that is not rank 1");
				float[] got = conv.run(Tensor.of(shape, c.input), Execution.defaults().withThreads(2)).toArray();
				Tolerance.assertClose(expected, got, 1e-4, what + " [" + m.label() + "]");
				compared++;
			}
		}
		assertTrue(compared >= Seeds.tries(150), "compared " + compared);
	}

	private static float[] random(Random r, int n) {
		float[] v = new float[n];
		for (int i = 0; i < n; i++) v[i] = r.nextFloat() - 0.5f;
		return v;
	}
}
