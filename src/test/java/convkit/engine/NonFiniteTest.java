package convkit.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.util.Random;

/**
 * NaN and infinite inputs (ImageJ's 32-bit images often hold NaN; kernels are refused with them)
 * spread exactly as in PyTorch's sum, with every algorithm: an output is NaN or infinite where its window holds one
 * (zero weights included, {@code 0 · NaN = NaN}), and finite elsewhere — the FFT path must not
 * smear a NaN over its tile.
 */
class NonFiniteTest {

	private static final float[] SPECIALS = { Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY };

	@Property(tries = 300)
	void nonFiniteValuesSpreadAsInPyTorch(@ForAll long seed) {
		Random r = new Random(seed);
		int h = 20 + r.nextInt(60);
		int w = 20 + r.nextInt(60);
		int k = 1 + r.nextInt(9);
		float[] x = new float[h * w];
		for (int i = 0; i < x.length; i++) x[i] = r.nextFloat();
		for (int i = 0; i < 1 + r.nextInt(3); i++) x[r.nextInt(x.length)] = SPECIALS[r.nextInt(SPECIALS.length)];
		float[] u = new float[k];
		for (int i = 0; i < k; i++) u[i] = r.nextInt(3) == 0 ? 0f : r.nextFloat() + 0.1f;
		boolean rankOne = r.nextBoolean();
		float[] kernel = new float[k * k];
		for (int i = 0; i < kernel.length; i++) kernel[i] = rankOne ? u[i / k] * u[i % k] : r.nextInt(4) == 0 ? 0f : r.nextFloat();
		String mode = new String[] { "zeros", "reflect", "circular" }[r.nextInt(3)];
		ConvSpec spec = ConvSpec.builder().padding(Padding.same()).mode(PaddingMode.fromLabel(mode)).build();
		ConvPlan plan = ConvPlan.of(1, h, w, Kernel.of(kernel, k, k), null, spec);
		int[] px = Padding.same().resolveX(w, k, 1, 1);
		int[] py = Padding.same().resolveY(h, k, 1, 1);
		float[] expected = ReferenceLoop.conv(x, 1, h, w, kernel, 1, k, k, null, 1, 1, px[0], px[1], py[0], py[1], 1, 1, 1, mode,
			false, false);
		for (Method m : Method.values()) {
			try {
				Conv2d.algorithmFor(plan, m);
			}
			catch (IllegalArgumentException notForThisPlan) {
				continue;
			}
			float[] got = Conv2d.run(plan, Tensor.of(1, h, w, x), Execution.defaults().withThreads(2).withMethod(m)).toArray();
			for (int i = 0; i < expected.length; i++) {
				String what = "seed " + seed + " " + m.label() + " " + mode + " k=" + k + " at " + i;
				if (Float.isNaN(expected[i]) || Float.isInfinite(expected[i])) {
					assertTrue(Float.isNaN(got[i]) || Float.isInfinite(got[i]), what + ": expected " + expected[i] + ", got " + got[i]);
					if (!Float.isNaN(expected[i]) && !Float.isNaN(got[i])) assertEquals(expected[i], got[i], what);
				}
				else {
					assertEquals(expected[i], got[i], 1e-4 * Math.max(1, Math.abs(expected[i])), what);
				}
			}
		}
	}
}
