package convkit.io;

import java.util.Locale;

/**
 * Per-axis values written as PyTorch writes them: a parenthesised tuple is in PyTorch order,
 * {@code (D,) H, W}, a bare list in ImageJ's, {@code x,y(,z)}. {@link #perAxis} and {@link #padding}
 * turn a tuple into ImageJ order and leave every other text as it is, so the parsers behind them
 * see one form: {@code stride=(2, 1)} is {@code stride=1,2} (H = 2, W = 1). A 4- or 6-value
 * {@code padding=(…)} is {@code F.pad}'s order, which is already ConvKit's {@code L,R,T,B(,F,K)}.
 * <p>
 * Example: {@code PyTorchTuple.perAxis("(2, 1)", "stride", 2)} is {@code "1,2"}.
 */
public final class PyTorchTuple {

	private PyTorchTuple() {}

	/**
	 * {@code value} in ImageJ order: a tuple of one value, or of {@code rank} values reversed
	 * ({@code rank} 0: a stack whose rank is not known yet, 2 or 3 values); other text unchanged.
	 */
	public static String perAxis(String value, String key, int rank) {
		int[] v = values(value, key);
		if (v == null) return value;
		if (v.length == 1) return Integer.toString(v[0]);
		if (fitsRank(v.length, rank)) return reversed(v);
		throw new IllegalArgumentException(key + " '" + Texts.shorten(value) + "' has " + v.length + " values; " + perAxisRule(key, rank));
	}

	/**
	 * A padding {@code value} in ImageJ order: a tuple of one value, of {@code rank} values (per
	 * axis, reversed), or of {@code 2·rank} values ({@code F.pad}'s order, kept); other text unchanged.
	 */
	public static String padding(String value, String key, int rank) {
		int[] v = values(value, key);
		if (v == null) return value;
		if (v.length == 1) return Integer.toString(v[0]);
		if (fitsRank(v.length, rank)) return reversed(v);
		if (rank == 0 ? v.length == 4 || v.length == 6 : v.length == 2 * rank) return join(v);
		throw new IllegalArgumentException(key + " '" + Texts.shorten(value) + "' has " + v.length + " values; " + paddingRule(key, rank));
	}

	/** Whether {@code value} is written as a tuple (it starts with an opening parenthesis). */
	public static boolean isTuple(String value) {
		String t = value.trim();
		return t.startsWith("(") || t.endsWith(")");
	}

	/** The whole numbers of a tuple, or null when {@code value} is not one; refuses a malformed tuple with the rule. */
	private static int[] values(String value, String key) {
		if (!isTuple(value)) return null;
		String t = value.trim();
		if (!t.startsWith("(") || !t.endsWith(")") || t.length() < 2) {
			throw new IllegalArgumentException(key + " '" + Texts.shorten(value) + "' is not a closed tuple; " + form(key));
		}
		String inner = t.substring(1, t.length() - 1).trim();
		if (inner.endsWith(",")) inner = inner.substring(0, inner.length() - 1); // (2,) is a one-value tuple
		String[] parts = inner.split(",", -1);
		int[] v = new int[parts.length];
		for (int i = 0; i < parts.length; i++) {
			try {
				v[i] = Integer.parseInt(parts[i].trim());
			}
			catch (NumberFormatException e) {
				throw new IllegalArgumentException(key + " '" + Texts.shorten(value) + "' is not a tuple of whole numbers; " + form(key));
			}
		}
		return v;
	}

	private static boolean fitsRank(int n, int rank) {
		return rank == 0 ? n == 2 || n == 3 : n == rank;
	}

	private static String form(String key) {
		String k = key.toLowerCase(Locale.ROOT);
		return "write PyTorch order in parentheses, " + k + "=(H, W) or " + k + "=(D, H, W) (in quotes in bash), or ImageJ order"
			+ " without them, " + k + "=X,Y or " + k + "=X,Y,Z";
	}

	private static String perAxisRule(String key, int rank) {
		String k = key.toLowerCase(Locale.ROOT);
		if (rank == 2) return "a 2-D layer takes " + k + "=(N,) or " + k + "=(H, W) in PyTorch order (or X,Y without parentheses)";
		if (rank == 3) return "a 3-D layer takes " + k + "=(N,) or " + k + "=(D, H, W) in PyTorch order (or X,Y,Z without parentheses)";
		return "a tuple takes 1, 2 (H, W) or 3 (D, H, W) values in PyTorch order";
	}

	private static String paddingRule(String key, int rank) {
		String k = key.toLowerCase(Locale.ROOT);
		if (rank == 2) {
			return "a 2-D layer takes " + k + "=(P,), " + k + "=(H, W) in PyTorch order or F.pad order (left, right, top, bottom)";
		}
		if (rank == 3) {
			return "a 3-D layer takes " + k + "=(P,), " + k + "=(D, H, W) in PyTorch order or F.pad order (left, right, top, bottom,"
				+ " front, back)";
		}
		return "a tuple takes 1, 2 (H, W) or 3 (D, H, W) values in PyTorch order, or 4 or 6 in F.pad order";
	}

	private static String reversed(int[] v) {
		int[] r = new int[v.length];
		for (int i = 0; i < v.length; i++) r[i] = v[v.length - 1 - i];
		return join(r);
	}

	private static String join(int[] v) {
		StringBuilder sb = new StringBuilder();
		for (int x : v) sb.append(sb.length() == 0 ? "" : ",").append(x);
		return sb.toString();
	}
}
