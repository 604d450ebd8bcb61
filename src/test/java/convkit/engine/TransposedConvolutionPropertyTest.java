package convkit.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import convkit.testing.Seeds;

import java.util.EnumMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Random transposed convolutions, 2-D and 3-D (stride 1–3, padding, output padding, dilation 1–3,
 * groups, bias), through {@link TransposedConvolution} with every method that claims the phases
 * ({@code auto}, {@code direct}, {@code fft}; {@code winograd} and {@code separable} where they
 * take them) against a scatter written from PyTorch's definition in double: every input value
 * times every tap, added at {@code i·s − p + k·d}. Settings PyTorch refuses are refused. Coverage
 * is asserted so the test checks what it claims.
 */
class TransposedConvolutionPropertyTest {

	@Test
	void twoDimensionalTransposedConvolutionsMatchTheDefinition() {
		Map<Method, Integer> compared = sweep(2, Seeds.tries(300));
		if (!Seeds.full()) return;
		assertTrue(compared.getOrDefault(Method.DIRECT, 0) > 200 && compared.getOrDefault(Method.FFT, 0) > 200, "coverage: " + compared);
		assertTrue(compared.getOrDefault(Method.WINOGRAD, 0) > 0, "winograd never took a phase: " + compared);
	}

	@Test
	void threeDimensionalTransposedConvolutionsMatchTheDefinition() {
		Map<Method, Integer> compared = sweep(3, Seeds.tries(150));
		if (!Seeds.full()) return;
		assertTrue(compared.getOrDefault(Method.DIRECT, 0) > 60 && compared.getOrDefault(Method.FFT, 0) > 60, "coverage: " + compared);
	}

	@Test
	void outputPaddingMustBeSmallerThanStrideOrDilation() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> TransposedSpec.of(2, new int[] { 2 }, new int[] { 0 }, new int[] { 2 }, new int[] { 1 }, 1));
		assertEquals("output padding 2 must be smaller than stride 2 or dilation 1 (x: 2)", e.getMessage());
		TransposedSpec.of(2, new int[] { 1 }, new int[] { 0 }, new int[] { 1 }, new int[] { 2 }, 1); // smaller than the dilation: allowed
	}

	@Test
	void anOutputOfNoPixelsIsRefused() {
		TransposedSpec spec = TransposedSpec.of(2, new int[] { 1 }, new int[] { 3 }, new int[] { 0 }, new int[] { 1 }, 1);
		Kernel w = Kernel.of(new float[9], 1, 1, 3, 3);
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> TransposedConvolution.of(Shape.of(1, 2, 2), w, null, spec, Method.AUTO));
		assertTrue(e.getMessage().startsWith("the output width would be -2: (2 − 1)·1 − 2·3 + 1·(3 − 1) + 0 + 1"), e.getMessage());
	}

	private static Map<Method, Integer> sweep(int rank, int tries) {
		Map<Method, Integer> compared = new EnumMap<>(Method.class);
		for (int t = 0; t < tries; t++) {
			Random r = new Random(Seeds.of("convt" + rank, t));
			int g = 1 + r.nextInt(3);
			int cin = g * (1 + r.nextInt(2));
			int cog = 1 + r.nextInt(3);
			int[] n = new int[3], k = new int[3], s = new int[3], p = new int[3], op = new int[3], d = new int[3];
			for (int a = 0; a < 3; a++) {
				boolean on = a < rank;
				n[a] = on ? 1 + r.nextInt(a == 2 ? 4 : 7) : 1;
				k[a] = on ? 1 + r.nextInt(4) : 1;
				s[a] = on ? 1 + r.nextInt(3) : 1;
				d[a] = on ? 1 + r.nextInt(3) : 1;
				p[a] = on ? r.nextInt(4) : 0;
				op[a] = on ? r.nextInt(Math.max(s[a], d[a])) : 0;
			}
			if (r.nextInt(8) == 0) { // Winograd's phases: a 3x3 phase kernel at dilation 1
				for (int a = 0; a < rank; a++) {
					k[a] = 3;
					s[a] = 1;
					d[a] = 1;
					op[a] = 0;
				}
			}
			float[] in = random(r, cin * n[2] * n[1] * n[0]);
			float[] w = random(r, cin * cog * k[2] * k[1] * k[0]);
			float[] bias = r.nextBoolean() ? random(r, cog * g) : null;
			Shape shape = Shape.of(rank, cin, n[2], n[1], n[0]);
			Kernel kernel = rank == 3 ? Kernel.of(w, cin, cog, k[2], k[1], k[0]) : Kernel.of(w, cin, cog, k[1], k[0]);
			TransposedSpec spec = TransposedSpec.of(rank, axes(s, rank), axes(p, rank), axes(op, rank), axes(d, rank), g);
			int[] o = new int[3];
			boolean valid = true;
			for (int a = 0; a < 3; a++) {
				o[a] = (n[a] - 1) * s[a] - 2 * p[a] + d[a] * (k[a] - 1) + op[a] + 1;
				valid &= o[a] >= 1;
			}
			String what = "case " + t + " (" + Seeds.replay("convt" + rank, t) + "): n=" + str(n) + " k=" + str(k) + " " + spec;
			if (!valid) {
				assertThrows(IllegalArgumentException.class, () -> TransposedConvolution.of(shape, kernel, bias, spec, Method.AUTO), what);
				continue;
			}
			double[] expected = scatter(in, w, bias, cin, cog, g, n, k, s, p, d, o);
			for (Method m : Method.values()) {
				TransposedConvolution tc;
				try {
					tc = TransposedConvolution.of(shape, kernel, bias, spec, m);
				}
				catch (IllegalArgumentException refused) {
					if (m == Method.AUTO || m == Method.DIRECT || m == Method.FFT) fail(what + ": " + m + " refused: " + refused.getMessage());
					continue;
				}
				assertEquals(Shape.of(rank, cog * g, o[2], o[1], o[0]), tc.outputShape(), what);
				float[] got = tc.run(Tensor.of(shape, in), Execution.defaults().withThreads(1 + t % 2)).toArray();
				assertClose(expected, got, what + " method " + m);
				compared.merge(m, 1, Integer::sum);
			}
		}
		return compared;
	}

	/** PyTorch's definition: out[o] += in[i]·w[k] where o = i·s − p + k·d, per group. */
	static double[] scatter(float[] in, float[] w, float[] bias, int cin, int cog, int g, int[] n, int[] k, int[] s, int[] p, int[] d, int[] o) {
		int cout = cog * g;
		int cig = cin / g;
		double[] out = new double[cout * o[2] * o[1] * o[0]];
		for (int co = 0; co < cout; co++) {
			for (int i = 0; i < o[2] * o[1] * o[0]; i++) out[co * o[2] * o[1] * o[0] + i] = bias == null ? 0 : bias[co];
		}
		for (int ci = 0; ci < cin; ci++) {
			int grp = ci / cig;
			for (int iz = 0; iz < n[2]; iz++) for (int iy = 0; iy < n[1]; iy++) for (int ix = 0; ix < n[0]; ix++) {
				double v = in[((ci * n[2] + iz) * n[1] + iy) * n[0] + ix];
				for (int col = 0; col < cog; col++) {
					int co = grp * cog + col;
					for (int kz = 0; kz < k[2]; kz++) for (int ky = 0; ky < k[1]; ky++) for (int kx = 0; kx < k[0]; kx++) {
						int oz = iz * s[2] - p[2] + kz * d[2], oy = iy * s[1] - p[1] + ky * d[1], ox = ix * s[0] - p[0] + kx * d[0];
						if (oz < 0 || oz >= o[2] || oy < 0 || oy >= o[1] || ox < 0 || ox >= o[0]) continue;
						out[((co * o[2] + oz) * o[1] + oy) * o[0] + ox] += v * w[(((ci * cog + col) * k[2] + kz) * k[1] + ky) * k[0] + kx];
					}
				}
			}
		}
		return out;
	}

	static void assertClose(double[] expected, float[] got, String what) {
		assertEquals(expected.length, got.length, what);
		double scale = 1;
		for (double e : expected) scale = Math.max(scale, Math.abs(e));
		for (int i = 0; i < got.length; i++) {
			if (!(Math.abs(got[i] - expected[i]) <= 1e-4 * scale)) fail(what + ": element " + i + " is " + got[i] + ", expected " + expected[i]);
		}
	}

	private static float[] random(Random r, int n) {
		float[] v = new float[n];
		for (int i = 0; i < n; i++) v[i] = (float) r.nextGaussian();
		return v;
	}

	private static int[] axes(int[] v, int rank) {
		return java.util.Arrays.copyOf(v, rank);
	}

	private static String str(int[] v) {
		return v[0] + "," + v[1] + "," + v[2];
	}
}
