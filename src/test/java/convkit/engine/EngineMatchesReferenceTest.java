package convkit.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Thousands of random small convolutions (every mode, stride, dilation, group count, padding form
 * and kernel rank, with flip, normalize and bias) through the engine and through
 * {@link ReferenceLoop}: the same numbers, and the same verdict on invalid settings.
 */
class EngineMatchesReferenceTest {

	private static final String[] MODES = { "zeros", "reflect", "symmetric", "replicate", "circular" };

	@Property(tries = 4000)
	void engineMatchesTheReferenceLoop(@ForAll long seed) {
		Random r = new Random(seed);
		int ci = 1 + r.nextInt(4);
		int rank = r.nextInt(6) == 0 ? 2 : r.nextInt(6) == 0 ? 3 : 4;
		int g = 1;
		int co;
		if (rank == 2) {
			g = ci;
			co = ci;
		}
		else if (rank == 3) {
			co = 1;
		}
		else {
			g = r.nextInt(3) == 0 ? ci : 1 + r.nextInt(ci);
			co = g * (1 + r.nextInt(3));
			if (r.nextInt(10) == 0) co += 1; // sometimes not divisible by groups: must be refused
		}
		int h = 1 + r.nextInt(9);
		int w = 1 + r.nextInt(9);
		int kh = 1 + r.nextInt(4);
		int kw = 1 + r.nextInt(4);
		int sy = 1 + r.nextInt(3);
		int sx = 1 + r.nextInt(3);
		int dy = 1 + r.nextInt(3);
		int dx = 1 + r.nextInt(3);
		String mode = MODES[r.nextInt(MODES.length)];
		Padding padding;
		switch (r.nextInt(5)) {
			case 0:
				padding = Padding.of(r.nextInt(5));
				break;
			case 1:
				padding = Padding.of(r.nextInt(5), r.nextInt(5));
				break;
			case 2:
				padding = Padding.of(r.nextInt(6), r.nextInt(6), r.nextInt(6), r.nextInt(6));
				break;
			case 3:
				padding = Padding.same();
				break;
			default:
				padding = Padding.valid();
		}
		boolean flip = r.nextBoolean();
		boolean normalize = r.nextInt(4) == 0;
		boolean withBias = r.nextBoolean();

		float[] x = new float[ci * h * w];
		for (int i = 0; i < x.length; i++) x[i] = r.nextFloat() * 2 - 1;
		int cig = rank == 4 ? Math.max(1, ci / g) : rank == 3 ? ci : 1;
		float[] k = new float[(rank == 2 ? 1 : co) * cig * kh * kw];
		for (int i = 0; i < k.length; i++) k[i] = r.nextInt(5) == 0 ? 0 : r.nextFloat() * 2 - 1;
		float[] bias = null;
		if (withBias) {
			bias = new float[co];
			for (int i = 0; i < co; i++) bias[i] = r.nextFloat() - 0.5f;
		}
		Kernel kernel = rank == 2 ? Kernel.of(k, kh, kw) : rank == 3 ? Kernel.of(k, ci, kh, kw) : Kernel.of(k, co, cig, kh, kw);

		// The reference takes full 4-D weights.
		float[] full = k;
		if (rank == 2) {
			full = new float[ci * kh * kw];
			for (int c = 0; c < ci; c++) System.arraycopy(k, 0, full, c * kh * kw, kh * kw);
		}
		int[] px = padding.resolveX(w, kw, sx, dx);
		int[] py = padding.resolveY(h, kh, sy, dy);
		boolean shapeOk = rank != 4 || ci / g == cig && ci % g == 0;
		float[] expected = shapeOk ? ReferenceLoop.conv(x, ci, h, w, full, co, kh, kw, bias, sy, sx, px[0], px[1], py[0], py[1],
			dy, dx, g, mode, flip, normalize) : null;

		ConvSpec spec = ConvSpec.builder().stride(sx, sy).dilation(dx, dy).padding(padding).mode(PaddingMode.fromLabel(mode))
			.groups(rank == 4 ? g : 1).flip(flip).normalize(normalize).build();
		float[] got;
		String refusal = null;
		ConvPlan plan = null;
		int threads = 1 + r.nextInt(3);
		try {
			plan = ConvPlan.of(ci, h, w, kernel, bias, spec);
			got = Conv2d.run(plan, Tensor.of(ci, h, w, x), Execution.defaults().withThreads(threads)).toArray();
		}
		catch (IllegalArgumentException e) {
			got = null;
			refusal = e.getMessage();
		}
		String what = "seed " + seed + ": ci=" + ci + " co=" + co + " g=" + g + " rank=" + rank + " " + h + "x" + w + " k=" + kh
			+ "x" + kw + " s=" + sx + "," + sy + " d=" + dx + "," + dy + " pad=" + padding + "->" + px[0] + "," + px[1] + ","
			+ py[0] + "," + py[1] + " " + mode + " flip=" + flip + " norm=" + normalize;
		if (expected == null) {
			assertNull(got, "engine accepted invalid settings: " + what);
			assertTrue(refusal != null && !refusal.isEmpty(), what);
			return;
		}
		assertNotNull(got, "engine refused valid settings (" + refusal + "): " + what);
		assertClose(expected, got, what + " [auto]");
		// Every algorithm that takes the plan gives the same numbers.
		for (Method m : new Method[] { Method.DIRECT, Method.FFT, Method.SEPARABLE }) {
			try {
				Conv2d.algorithmFor(plan, m);
			}
			catch (IllegalArgumentException notForThisPlan) {
				continue;
			}
			float[] byMethod = Conv2d.run(plan, Tensor.of(ci, h, w, x), Execution.defaults().withThreads(threads).withMethod(m))
				.toArray();
			assertClose(expected, byMethod, what + " [" + m.label() + "]");
		}
	}

	static void assertClose(float[] expected, float[] got, String what) {
		assertEquals(expected.length, got.length, what);
		double scale = 1;
		for (float v : expected) scale = Math.max(scale, Math.abs(v));
		for (int i = 0; i < expected.length; i++) {
			assertEquals(expected[i], got[i], 1e-5 * scale, what + " at " + i);
		}
	}
}
