package convkit.io;

/**
 * What users typed or files held, made fit for a one-line message: control and binary bytes
 * become {@code ?}, and a long value is shown by its start and its length.
 */
public final class Texts {

	/** Values longer than this are shortened. */
	static final int LIMIT = 80;

	private Texts() {}

	/** {@code v} printable on one line, at most about {@link #LIMIT} characters plus its length. */
	public static String shorten(String v) {
		if (v == null) return "(nothing)";
		String p = printable(v);
		return p.length() > LIMIT ? p.substring(0, LIMIT - 20) + "... (" + v.length() + " characters)" : p;
	}

	/**
	 * A refusal's message ready to print: one line, printable, every quoted value longer than
	 * {@link #LIMIT} shortened to its start and length.
	 */
	public static String message(String s) {
		if (s == null) return "(no message)";
		java.util.regex.Matcher m = QUOTED.matcher(printable(s));
		StringBuffer b = new StringBuffer();
		while (m.find()) m.appendReplacement(b, java.util.regex.Matcher.quoteReplacement("'" + shorten(m.group(1)) + "'"));
		m.appendTail(b);
		return b.toString();
	}

	private static final java.util.regex.Pattern QUOTED = java.util.regex.Pattern.compile("'([^']{" + (LIMIT + 1) + ",})'");

	/** {@code s} on one line: line breaks become spaces, other control characters and undecodable bytes {@code ?}. */
	public static String printable(String s) {
		StringBuilder b = new StringBuilder(s.length());
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (c == '\n' || c == '\r' || c == '\t') b.append(' ');
			else if (Character.isISOControl(c) || c == '\uFFFD' || (c >= '\u0080' && c < '\u00A0')) b.append('?');
			else b.append(c);
		}
		return b.toString();
	}
}
