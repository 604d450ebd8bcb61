package convkit.testing;

import java.util.Random;

/**
 * Seeds of the property tests. CI runs them with a fixed base seed, so a failure reproduces
 * exactly; {@code -Dconvkit.seed=random} (see {@code scripts/test-random}) picks a new one and
 * prints it, {@code -Dconvkit.seed=N} replays a run.
 */
public final class Seeds {

	/** The fixed base seed CI uses. */
	public static final long FIXED = 20261127L;

	private static final long BASE = base();

	private Seeds() {}

	private static long base() {
		String s = System.getProperty("convkit.seed", "");
		if (s.isEmpty()) return FIXED;
		long b = s.equals("random") ? new Random().nextLong() : Long.parseLong(s);
		System.out.println("convkit property tests: base seed " + b + " (replay with -Dconvkit.seed=" + b + ")");
		return b;
	}

	/** The share of their tries the property tests run: 1 in CI; less for mutation testing ({@code -Dconvkit.tries.scale=0.1}). */
	private static final double SCALE = Double.parseDouble(System.getProperty("convkit.tries.scale", "1"));

	/** {@code full} tries, scaled by {@code -Dconvkit.tries.scale} (at least 1). */
	public static int tries(int full) {
		return Math.max(1, (int) Math.round(full * SCALE));
	}

	/** Whether the property tests run all their tries, so what they covered can be asserted. */
	public static boolean full() {
		return SCALE >= 1;
	}

	/**
	 * The seed of try {@code i} of the test named {@code test}, well mixed ({@link Random}'s first
	 * draws from neighbouring seeds are nearly equal).
	 */
	public static long of(String test, int i) {
		long z = BASE * 31 + test.hashCode() * 1_000_003L + i;
		z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
		z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
		return z ^ (z >>> 33);
	}

	/** How to replay try {@code i}. */
	public static String replay(String test, int i) {
		return "seed " + of(test, i) + " (try " + i + " of " + test + ", base " + BASE + ")";
	}
}
