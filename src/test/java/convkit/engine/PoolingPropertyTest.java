package convkit.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.testing.Seeds;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Random max and average pools, 2-D and 3-D (kernel, stride, padding up to half the kernel,
 * dilation for max, ceil mode, count_include_pad) against PyTorch's rules written out here: the
 * output size with ceil mode's "the last window starts inside the input or its left padding", a
 * max over the taps inside the input, an average divided by the window clipped to the padded
 * input or by the values summed. NaN in a window gives NaN for a max.
 */
class PoolingPropertyTest {

	@Test
	void poolsMatchPyTorchsRules() {
		int compared = 0, refused = 0;
		for (int t = 0; t < Seeds.tries(1500); t++) {
			Random r = new Random(Seeds.of("pool", t));
			int rank = 2 + r.nextInt(2);
			boolean max = r.nextBoolean();
			int[] n = new int[3], k = new int[3], s = new int[3], p = new int[3], d = { 1, 1, 1 };
			for (int a = 0; a < rank; a++) {
				n[a] = 1 + r.nextInt(9);
				k[a] = 1 + r.nextInt(4);
				s[a] = 1 + r.nextInt(3);
				p[a] = r.nextInt(k[a] / 2 + 1);
				if (max) d[a] = 1 + r.nextInt(3);
			}
			for (int a = rank; a < 3; a++) {
				n[a] = 1;
				k[a] = 1;
				s[a] = 1;
			}
			boolean ceil = r.nextBoolean(), cip = r.nextBoolean();
			int c = 1 + r.nextInt(3);
			float[] in = new float[c * n[2] * n[1] * n[0]];
			for (int i = 0; i < in.length; i++) in[i] = r.nextInt(20) == 0 ? Float.NaN : (float) r.nextGaussian();
			if (!max) for (int i = 0; i < in.length; i++) if (Float.isNaN(in[i])) in[i] = 0.5f;
			PoolSpec spec = max ? PoolSpec.max(rank, cut(k, rank), cut(s, rank), cut(p, rank), cut(d, rank), ceil)
				: PoolSpec.avg(rank, cut(k, rank), cut(s, rank), cut(p, rank), ceil, cip);
			int[] o = new int[3];
			boolean valid = true;
			for (int a = 0; a < 3; a++) {
				o[a] = size(n[a], k[a], s[a], p[a], d[a], ceil);
				valid &= o[a] >= 1;
			}
			Shape shape = Shape.of(rank, c, n[2], n[1], n[0]);
			String what = "try " + t + " (" + Seeds.replay("pool", t) + "): " + spec + " on " + shape;
			if (!valid) {
				assertThrows(IllegalArgumentException.class, () -> Pooling.of(shape, spec), what);
				refused++;
				continue;
			}
			Pooling pool = Pooling.of(shape, spec);
			assertEquals(Shape.of(rank, c, o[2], o[1], o[0]), pool.outputShape(), what);
			AxisStep[] window = PoolLayer.of(spec).prepare(shape).axisSteps(); // what receptive fields compose from
			for (Axis a : Axis.of(rank)) {
				AxisStep g = window[a.ordinal()];
				assertEquals(o[a.ordinal()], g.outputSize(), what + " window " + a);
				assertEquals(p[a.ordinal()], g.padLo(), what + " window " + a);
				assertEquals(k[a.ordinal()], g.kernel(), what + " window " + a);
			}
			float[] got = pool.run(Tensor.of(shape, in), Execution.defaults().withThreads(1 + t % 2)).toArray();
			int at = 0;
			for (int ch = 0; ch < c; ch++) for (int z = 0; z < o[2]; z++) for (int y = 0; y < o[1]; y++) for (int x = 0; x < o[0]; x++) {
				double e = max ? maxAt(in, ch, n, k, s, p, d, x, y, z) : avgAt(in, ch, n, k, s, p, x, y, z, cip);
				float g = got[at++];
				if (Double.isNaN(e)) assertTrue(Float.isNaN(g), what + " at " + x + "," + y + "," + z + ": " + g + ", expected NaN");
				else assertEquals(e, g, 1e-5 * Math.max(1, Math.abs(e)), what + " at " + x + "," + y + "," + z);
			}
			compared++;
		}
		if (Seeds.full()) assertTrue(compared > 1000 && refused > 20, compared + " compared, " + refused + " refused");
	}

	@Test
	void paddingOverHalfTheKernelIsRefusedAsPyTorchRefusesIt() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> PoolSpec.max(2, new int[] { 3, 2 }, null, new int[] { 1, 2 }, new int[] { 1 }, false));
		assertEquals("padding 1,2 must be at most half the kernel 3,2 (y: 2 > 2/2), as PyTorch requires", e.getMessage());
	}

	/** PyTorch's pooling_output_shape. */
	static int size(int n, int k, int s, int p, int d, boolean ceil) {
		int num = n + 2 * p - d * (k - 1) - 1 + (ceil ? s - 1 : 0);
		int o = Math.floorDiv(num, s) + 1;
		if (ceil && (o - 1) * s >= n + p) o--;
		return o;
	}

	private static double maxAt(float[] in, int c, int[] n, int[] k, int[] s, int[] p, int[] d, int x, int y, int z) {
		double m = Double.NEGATIVE_INFINITY;
		for (int jz = 0; jz < k[2]; jz++) for (int jy = 0; jy < k[1]; jy++) for (int jx = 0; jx < k[0]; jx++) {
			int iz = z * s[2] - p[2] + jz * d[2], iy = y * s[1] - p[1] + jy * d[1], ix = x * s[0] - p[0] + jx * d[0];
			if (iz < 0 || iz >= n[2] || iy < 0 || iy >= n[1] || ix < 0 || ix >= n[0]) continue;
			float v = in[((c * n[2] + iz) * n[1] + iy) * n[0] + ix];
			if (Float.isNaN(v)) return Double.NaN;
			m = Math.max(m, v);
		}
		return m;
	}

	private static double avgAt(float[] in, int c, int[] n, int[] k, int[] s, int[] p, int x, int y, int z, boolean cip) {
		int[] o = { x, y, z };
		long window = 1;
		int[] lo = new int[3], hi = new int[3];
		for (int a = 0; a < 3; a++) {
			int start = o[a] * s[a] - p[a];
			int end = Math.min(start + k[a], n[a] + p[a]);
			window *= end - start;
			lo[a] = Math.max(start, 0);
			hi[a] = Math.min(end, n[a]);
			if (lo[a] >= hi[a]) return 0;
		}
		double sum = 0;
		long count = 0;
		for (int iz = lo[2]; iz < hi[2]; iz++) for (int iy = lo[1]; iy < hi[1]; iy++) for (int ix = lo[0]; ix < hi[0]; ix++) {
			sum += in[((c * n[2] + iz) * n[1] + iy) * n[0] + ix];
			count++;
		}
		return sum / (cip ? window : count);
	}

	private static int[] cut(int[] v, int rank) {
		return java.util.Arrays.copyOf(v, rank);
	}
}
