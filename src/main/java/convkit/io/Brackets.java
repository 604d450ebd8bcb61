package convkit.io;

/** Square-bracket matching shared by the option and kernel-text readers. */
public final class Brackets {

	private Brackets() {}

	/**
	 * Index of the ']' that closes the '[' at or after {@code from} in {@code s} (nested pairs
	 * counted), or -1 when there is none.
	 */
	public static int closing(String s, int from) {
		int depth = 0;
		for (int i = from; i < s.length(); i++) {
			char c = s.charAt(i);
			if (c == '[') depth++;
			else if (c == ']' && depth > 0 && --depth == 0) return i;
		}
		return -1;
	}
}
