package convkit.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.testing.Reference;
import convkit.testing.Tolerance;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Fixed cases for the paths a random test may miss or forgive: the FFT on one thread with an
 * output taller, wider (and deeper) than two tiles, held to 1e-6 of the exact sum — an FFT
 * computes in double, so a scale error or a tile in the wrong place shows — and kernels that are
 * rank 1 plus noise, which must match the exact sum to 1e-5 whichever algorithm runs them, with
 * the separable algorithm taken only below the rank-1 tolerance.
 */
class RiskyPathsTest {

	private static Reference.Case volume(Random r, int rank, int c, int d, int h, int w, int k, String mode) {
		Reference.Case rc = new Reference.Case();
		rc.rank = rank;
		rc.channels = c;
		rc.depth = d;
		rc.height = h;
		rc.width = w;
		rc.outChannels = 2;
		rc.kd = rank == 3 ? k : 1;
		rc.kh = k;
		rc.kw = k;
		rc.input = new float[c * d * h * w];
		for (int i = 0; i < rc.input.length; i++) rc.input[i] = r.nextFloat() * 2 - 1;
		rc.weights = new float[rc.outChannels * c * rc.kd * k * k];
		for (int i = 0; i < rc.weights.length; i++) rc.weights[i] = (r.nextFloat() * 2 - 1) / (k * k);
		rc.bias = new float[] { 0.25f, -0.5f };
		rc.mode = mode;
		rc.same = true;
		return rc;
	}

	private static float[] run(Reference.Case rc, Method m, int threads) {
		Shape shape = rc.rank == 3 ? Shape.of(rc.channels, rc.depth, rc.height, rc.width) : Shape.of(rc.channels, rc.height, rc.width);
		Kernel k = rc.rank == 3 ? Kernel.of(rc.weights, rc.outChannels, rc.channels, rc.kd, rc.kh, rc.kw)
			: Kernel.of(rc.weights, rc.outChannels, rc.channels, rc.kh, rc.kw);
		ConvSpec spec = ConvSpec.builder(rc.rank).padding(Padding.same()).mode(PaddingMode.fromLabel(rc.mode)).build();
		Convolution conv = Convolution.prepare(ConvPlan.of(shape, k, rc.bias, spec), m);
		assertEquals(m == Method.AUTO ? conv.method() : m, conv.method());
		return conv.run(Tensor.of(shape, rc.input), Execution.defaults().withThreads(threads)).toArray();
	}

	@Test
	void fftOnOneThreadOverManyTilesIsExact() {
		Random r = new Random(7);
		// 2-D: 15x15 kernel -> FFT length 64, tiles of 50: 130 x 170 outputs are 3 x 4 tiles, paired along y
		Reference.Case two = volume(r, 2, 2, 1, 130, 170, 15, "reflect");
		double[] expected = Reference.conv(two);
		Tolerance.assertClose(expected, run(two, Method.FFT, 1), 1e-6, "2-D fft, one thread");
		Tolerance.assertClose(expected, run(two, Method.FFT, 3), 1e-6, "2-D fft, three threads");
		// 3-D: 7x7x7 -> length 32, tiles of 26: 60 x 55 x 57 outputs are 3 tiles per axis
		Reference.Case three = volume(r, 3, 1, 60, 55, 57, 7, "circular");
		expected = Reference.conv(three);
		Tolerance.assertClose(expected, run(three, Method.FFT, 1), 1e-6, "3-D fft, one thread");
	}

	@Test
	void directOverSeveralColumnTilesIsExact() {
		// outputs wider than the direct algorithm's 2048-column tile: the second and third tiles start
		// inside the row, at stride 1 (taps as shifted windows) and 2 (taps gathered), with one output
		// channel (row accumulators) and four (the tiled worker, which stores its tiles at an offset)
		Random r = new Random(13);
		for (int outChannels : new int[] { 1, 4 }) {
			for (int stride : new int[] { 1, 2 }) {
				Reference.Case rc = volume(r, 2, 1, 1, 3, 2 * 2048 * stride + 301, 5, "reflect");
				rc.outChannels = outChannels;
				rc.weights = new float[outChannels * 25];
				for (int i = 0; i < rc.weights.length; i++) rc.weights[i] = r.nextFloat() * 2 - 1;
				rc.bias = new float[outChannels];
				for (int i = 0; i < outChannels; i++) rc.bias[i] = i + 0.5f;
				rc.stride = new int[] { stride, 1, 1 };
				Shape shape = Shape.of(1, rc.height, rc.width);
				ConvSpec spec = ConvSpec.builder().stride(stride, 1).padding(Padding.same()).mode(PaddingMode.REFLECT).build();
				Convolution conv = Convolution.prepare(ConvPlan.of(shape, Kernel.of(rc.weights, outChannels, 1, 5, 5), rc.bias, spec),
					Method.DIRECT);
				assertTrue(conv.plan().outputWidth() > 2 * 2048, conv.plan().toString());
				Tolerance.assertClose(Reference.conv(rc), conv.run(Tensor.of(shape, rc.input), Execution.defaults().withThreads(1)).toArray(),
					1e-5, outChannels + " output channels, stride " + stride);
			}
		}
	}

	@Test
	void directAndSeparableAreExactToFloatOnTheSameCases() {
		Random r = new Random(11);
		Reference.Case two = volume(r, 2, 2, 1, 70, 90, 9, "symmetric");
		Tolerance.assertClose(Reference.conv(two), run(two, Method.DIRECT, 1), 1e-5, "2-D direct");
		Reference.Case three = volume(r, 3, 2, 17, 19, 21, 5, "replicate");
		Tolerance.assertClose(Reference.conv(three), run(three, Method.DIRECT, 2), 1e-5, "3-D direct");
	}

	@Test
	void nearlyRankOneKernelsMatchWhicheverPathTheyTake() {
		Random r = new Random(3);
		int k = 9;
		for (int rank : new int[] { 2, 3 }) {
			for (double noise : new double[] { 1e-8, 1e-7, 1e-5, 1e-4, 1e-3 }) {
				Reference.Case rc = volume(r, rank, 1, rank == 3 ? 20 : 1, 40, 44, rank == 3 ? 5 : k, "reflect");
				int kk = rc.kh;
				float[] u = new float[kk];
				for (int i = 0; i < kk; i++) u[i] = (float) Math.exp(-(i - kk / 2) * (i - kk / 2) / 8.0);
				for (int o = 0; o < rc.outChannels; o++) {
					for (int i = 0; i < rc.kd * kk * kk; i++) {
						int z = i / (kk * kk);
						int y = i / kk % kk;
						int x = i % kk;
						float exact = (rank == 3 ? u[z] : 1) * u[y] * u[x] * (o + 1);
						rc.weights[o * rc.kd * kk * kk + i] = exact + (float) (noise * (r.nextFloat() * 2 - 1));
					}
				}
				double[] expected = Reference.conv(rc);
				String what = rank + "-D rank 1 + noise " + noise;
				Tolerance.assertClose(expected, run(rc, Method.AUTO, 2), 1e-5, what + " [auto]");
				Tolerance.assertClose(expected, run(rc, Method.DIRECT, 2), 1e-5, what + " [direct]");
				String chosen = Convolution.prepare(plan(rc), Method.AUTO).method().label();
				// The rank-1 test takes a kernel as separable only within 1e-6 of its largest weight (1 here).
				assertEquals(noise < 1e-6 ? "separable" : "direct", chosen, what + ": auto chose " + chosen);
			}
		}
	}

	private static ConvPlan plan(Reference.Case rc) {
		Shape shape = rc.rank == 3 ? Shape.of(rc.channels, rc.depth, rc.height, rc.width) : Shape.of(rc.channels, rc.height, rc.width);
		Kernel k = rc.rank == 3 ? Kernel.of(rc.weights, rc.outChannels, rc.channels, rc.kd, rc.kh, rc.kw)
			: Kernel.of(rc.weights, rc.outChannels, rc.channels, rc.kh, rc.kw);
		return ConvPlan.of(shape, k, rc.bias, ConvSpec.builder(rc.rank).padding(Padding.same()).mode(PaddingMode.REFLECT).build());
	}
}
