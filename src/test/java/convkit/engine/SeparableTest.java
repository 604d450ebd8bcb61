package convkit.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import org.junit.jupiter.api.Test;

/**
 * The separable algorithm: rank-1 kernels (outer products of random columns and rows) through
 * every mode, stride, dilation and group count, forced and automatic, against the reference loop.
 */
class SeparableTest {

	private static final String[] MODES = { "zeros", "reflect", "symmetric", "replicate", "circular" };

	@Property(tries = 1500)
	void separableMatchesTheReferenceOnRankOneKernels(@ForAll long seed) {
		Random r = new Random(seed);
		int ci = 1 + r.nextInt(3);
		int g = r.nextBoolean() ? 1 : ci;
		int co = g * (1 + r.nextInt(2));
		int h = 2 + r.nextInt(12);
		int w = 2 + r.nextInt(12);
		int kh = 1 + r.nextInt(6);
		int kw = 1 + r.nextInt(6);
		int sy = 1 + r.nextInt(3);
		int sx = 1 + r.nextInt(3);
		int dy = 1 + r.nextInt(2);
		int dx = 1 + r.nextInt(2);
		String mode = MODES[r.nextInt(MODES.length)];
		int cig = ci / g;
		float[] k = new float[co * cig * kh * kw];
		for (int s = 0; s < co * cig; s++) {
			float[] u = new float[kh];
			float[] v = new float[kw];
			for (int i = 0; i < kh; i++) u[i] = r.nextInt(6) == 0 ? 0 : r.nextFloat() * 2 - 1;
			for (int i = 0; i < kw; i++) v[i] = r.nextFloat() * 2 - 1;
			for (int i = 0; i < kh; i++) for (int j = 0; j < kw; j++) k[(s * kh + i) * kw + j] = u[i] * v[j];
		}
		float[] x = new float[ci * h * w];
		for (int i = 0; i < x.length; i++) x[i] = r.nextFloat() * 2 - 1;
		float[] bias = r.nextBoolean() ? null : new float[co];
		if (bias != null) for (int i = 0; i < co; i++) bias[i] = r.nextFloat();
		int[] px = { Math.min(r.nextInt(4), w - 1), Math.min(r.nextInt(4), w - 1) };
		int[] py = { Math.min(r.nextInt(4), h - 1), Math.min(r.nextInt(4), h - 1) };
		float[] expected = ReferenceLoop.conv(x, ci, h, w, k, co, kh, kw, bias, sy, sx, px[0], px[1], py[0], py[1], dy, dx, g, mode,
			false, false);
		if (expected == null) return; // the kernel does not fit: nothing to compare
		ConvSpec spec = ConvSpec.builder().stride(sx, sy).dilation(dx, dy).padding(Padding.of(px[0], px[1], py[0], py[1]))
			.mode(PaddingMode.fromLabel(mode)).groups(g).build();
		ConvPlan plan;
		try {
			plan = ConvPlan.of(ci, h, w, Kernel.of(k, co, cig, kh, kw), bias, spec);
		}
		catch (IllegalArgumentException e) {
			return; // refused for the same reason the reference refuses (checked in EngineMatchesReferenceTest)
		}
		for (Method m : new Method[] { Method.SEPARABLE, Method.AUTO }) {
			float[] got = Conv2d.run(plan, Tensor.of(ci, h, w, x), Execution.defaults().withThreads(2).withMethod(m)).toArray();
			double scale = 1;
			for (float e : expected) scale = Math.max(scale, Math.abs(e));
			for (int i = 0; i < expected.length; i++) assertEquals(expected[i], got[i], 1e-5 * scale, "seed " + seed + " " + m);
		}
	}

	@Test
	void autoPicksSeparableOnlyWhereItSavesWork() {
		ConvPlan gauss = plan(5, 5, (i, j) -> (float) (Math.exp(-i * i / 2.0) * Math.exp(-j * j / 2.0)));
		assertEquals("separable", Conv2d.algorithmFor(gauss).name());
		ConvPlan box3 = plan(3, 3, (i, j) -> 1f);
		assertEquals("direct", Conv2d.algorithmFor(box3).name(), "3x3: 6 vs 9 multiply-adds is not worth it");
		ConvPlan random = plan(5, 5, (i, j) -> (float) Math.sin(i * 7 + j * j));
		assertEquals("direct", Conv2d.algorithmFor(random).name());
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> Conv2d.algorithmFor(random, Method.SEPARABLE));
		assertTrue(e.getMessage().contains("method=separable needs every kernel to be an outer product"), e.getMessage());
		assertNotNull(Conv2d.algorithmFor(box3, Method.SEPARABLE));
	}

	private interface Weight {
		float at(int i, int j);
	}

	private static ConvPlan plan(int kh, int kw, Weight f) {
		float[] k = new float[kh * kw];
		for (int i = 0; i < kh; i++) for (int j = 0; j < kw; j++) k[i * kw + j] = f.at(i - kh / 2, j - kw / 2);
		return ConvPlan.of(1, 16, 16, Kernel.of(k, kh, kw), null, ConvSpec.defaults());
	}
}
