package convkit.engine;

import java.util.Collection;
import java.util.Locale;

/**
 * "Did you mean …": the allowed name closest to what a user typed, for refusals of keys and of
 * values from a fixed set of choices. A name is offered when it is within a third of its length in
 * edit distance (at least one edit; names of three letters or more), or when the typed text starts it ({@code strid} →
 * {@code stride}, {@code sam} → {@code same}, {@code gauss} → {@code gaussian}).
 * <p>
 * Example: {@code Suggestions.closest("strid", List.of("stride", "padding"))} is {@code "stride"}.
 */
public final class Suggestions {

	private Suggestions() {}

	/** The allowed name closest to {@code typed}, or null when none is close. */
	public static String closest(String typed, Collection<String> names) {
		if (typed == null) return null;
		String t = typed.trim().toLowerCase(Locale.ROOT);
		if (t.isEmpty()) return null;
		String best = null;
		int bestDistance = Integer.MAX_VALUE;
		for (String name : names) {
			String n = name.toLowerCase(Locale.ROOT);
			if (n.equals(t)) return name;
			int d = distance(t, n);
			boolean close = (n.length() >= 3 && d <= Math.max(1, n.length() / 3)) || (t.length() >= 3 && n.startsWith(t));
			if (close && d < bestDistance) {
				best = name;
				bestDistance = d;
			}
		}
		return best;
	}

	/** {@code "; did you mean 'x'?"}, or the empty string when no allowed name is close. */
	public static String hint(String typed, Collection<String> names) {
		String c = closest(typed, names);
		return c == null ? "" : "; did you mean '" + c + "'?";
	}

	/** Levenshtein distance (insertions, deletions, substitutions; a swap of neighbours counts as one). */
	static int distance(String a, String b) {
		int[][] d = new int[a.length() + 1][b.length() + 1];
		for (int i = 0; i <= a.length(); i++) d[i][0] = i;
		for (int j = 0; j <= b.length(); j++) d[0][j] = j;
		for (int i = 1; i <= a.length(); i++) {
			for (int j = 1; j <= b.length(); j++) {
				int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
				d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
				if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
					d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
				}
			}
		}
		return d[a.length()][b.length()];
	}
}
