package convkit.engine;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.util.Random;

/**
 * Every algorithm on images large enough to be cut into many blocks, column tiles and FFT tile
 * pairs (up to 2300 columns, kernels up to 13×13), against the independent reference loop.
 */
class LargePlansTest {

	private static final String[] MODES = { "zeros", "reflect", "symmetric", "replicate", "circular" };

	@Property(tries = 60)
	void everyAlgorithmMatchesTheReferenceOnLargePlans(@ForAll long seed) {
		Random r = new Random(seed);
		boolean wide = r.nextInt(4) == 0;
		int h = wide ? 1 + r.nextInt(24) : 16 + r.nextInt(200);
		int w = wide ? 2049 + r.nextInt(250) : 16 + r.nextInt(200);
		int ci = 1 + r.nextInt(3);
		int g = r.nextBoolean() ? 1 : ci;
		int co = g * (1 + r.nextInt(2));
		int kh = 1 + r.nextInt(Math.min(13, h));
		int kw = 1 + r.nextInt(13);
		int s = r.nextInt(4) == 0 ? 2 : 1;
		int d = r.nextInt(4) == 0 ? 2 : 1;
		String mode = MODES[r.nextInt(MODES.length)];
		Padding padding = r.nextBoolean() ? Padding.same() : Padding.of(r.nextInt(Math.min(h, 6)), r.nextInt(6));
		float[] x = new float[ci * h * w];
		for (int i = 0; i < x.length; i++) x[i] = r.nextFloat() * 2 - 1;
		int cig = ci / g;
		float[] k = new float[co * cig * kh * kw];
		boolean rankOne = r.nextInt(3) == 0;
		for (int o = 0; o < co * cig; o++) {
			float[] u = new float[kh];
			float[] v = new float[kw];
			for (int i = 0; i < kh; i++) u[i] = r.nextFloat() - 0.5f;
			for (int i = 0; i < kw; i++) v[i] = r.nextFloat() - 0.5f;
			for (int i = 0; i < kh * kw; i++) {
				k[o * kh * kw + i] = rankOne ? u[i / kw] * v[i % kw] : r.nextFloat() - 0.5f;
			}
		}
		float[] bias = new float[co];
		for (int i = 0; i < co; i++) bias[i] = r.nextFloat();
		ConvSpec spec = ConvSpec.builder().stride(s, s).dilation(d, d).padding(padding).mode(PaddingMode.fromLabel(mode))
			.groups(g).build();
		ConvPlan plan;
		try {
			plan = ConvPlan.of(ci, h, w, Kernel.of(k, co, cig, kh, kw), bias, spec);
		}
		catch (IllegalArgumentException tooMuchPaddingForThisMode) {
			return;
		}
		int[] px = padding.resolveX(w, kw, s, d);
		int[] py = padding.resolveY(h, kh, s, d);
		float[] expected = ReferenceLoop.conv(x, ci, h, w, k, co, kh, kw, bias, s, s, px[0], px[1], py[0], py[1], d, d, g, mode,
			false, false);
		String what = "seed " + seed + ": " + plan;
		for (Method m : Method.values()) {
			try {
				Conv2d.algorithmFor(plan, m);
			}
			catch (IllegalArgumentException notForThisPlan) {
				continue;
			}
			float[] got = Conv2d.run(plan, Tensor.of(ci, h, w, x), Execution.defaults().withThreads(2).withMethod(m)).toArray();
			EngineMatchesReferenceTest.assertClose(expected, got, what + " [" + m.label() + "]");
		}
	}
}
