package convkit.testing;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Per-element comparison of results: {@code |got − expected| ≤ rel · max(1, |expected_i|)} for every
 * element, so a wrong value next to large ones is not hidden by them; NaN where NaN is expected,
 * and the same infinity where one is expected. Where the element's own sum cancels large terms,
 * float32 cannot do better than its rounding of them: {@link #roundingFloor} gives
 * {@code 4 · 2⁻²⁴ · Σ|w·x|} per element (computed by the reference on absolute values), which is
 * added to the allowance when given.
 */
public final class Tolerance {

	private Tolerance() {}

	/** Asserts the per-element rule; {@code what} names the case in the message. */
	public static void assertClose(double[] expected, float[] got, double rel, String what) {
		assertClose(expected, null, got, rel, what);
	}

	/** Asserts the per-element rule, each element also allowed its float32 rounding floor ({@code floor} may be null). */
	public static void assertClose(double[] expected, double[] floor, float[] got, double rel, String what) {
		String m = mismatch(expected, floor, got, rel);
		if (m != null) fail(what + ": " + m);
	}

	/** {@code 4 · 2⁻²⁴ · Σ|w·x|} per output element of {@code c}: what float32 rounding of its sum may cost. */
	public static double[] roundingFloor(Reference.Case c) {
		Reference.Case a = c.copy();
		a.input = abs(c.input);
		a.weights = abs(c.weights);
		a.bias = null;
		a.normalize = false;
		double[] s = Reference.conv(a);
		for (int i = 0; i < s.length; i++) s[i] *= 4.0 / (1 << 24);
		return s;
	}

	private static float[] abs(float[] v) {
		float[] a = new float[v.length];
		for (int i = 0; i < v.length; i++) a[i] = Math.abs(v[i]);
		return a;
	}

	/** As {@link #assertClose(double[], float[], double, String)} for float expectations. */
	public static void assertClose(float[] expected, float[] got, double rel, String what) {
		double[] e = new double[expected.length];
		for (int i = 0; i < e.length; i++) e[i] = expected[i];
		assertClose(e, got, rel, what);
	}

	/** The first element that breaks the rule, described; null when all hold. */
	public static String mismatch(double[] expected, double[] floor, float[] got, double rel) {
		if (expected.length != got.length) return "length " + got.length + ", expected " + expected.length;
		for (int i = 0; i < expected.length; i++) {
			double e = expected[i];
			float g = got[i];
			if (Double.isNaN(e)) {
				if (!Float.isNaN(g)) return "at " + i + ": expected NaN, got " + g;
				continue;
			}
			if (Double.isInfinite(e)) {
				if (g != e) return "at " + i + ": expected " + e + ", got " + g;
				continue;
			}
			double allowed = rel * Math.max(1, Math.abs(e)) + (floor == null ? 0 : floor[i]);
			if (!(Math.abs(g - e) <= allowed)) {
				return "at " + i + ": expected " + e + ", got " + g + " (difference " + Math.abs(g - e) + ", allowed " + allowed + ")";
			}
		}
		return null;
	}
}
