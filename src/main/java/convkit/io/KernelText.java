package convkit.io;

import java.util.ArrayList;
import java.util.List;

/**
 * Kernel text in the forms people paste:
 * <ul>
 * <li>rows of numbers as ImageJ's Convolve writes them and saves them in {@code .txt} files
 * (separated by spaces, tabs or commas; one row a line, or rows separated by {@code ;});</li>
 * <li>CSV (the same, with commas);</li>
 * <li>nested lists as numpy and torch print them: {@code [[1., 2.], [3., 4.]]},
 * {@code array([[1, 2]], dtype=float32)}, {@code tensor([[[[...]]]])}, of any depth.</li>
 * </ul>
 * Example: {@code KernelText.parse("1 2 1\n2 4 2\n1 2 1").shapeString()} is {@code [3, 3]}.
 */
public final class KernelText {

	private KernelText() {}

	/** Whether {@code text} looks like kernel text (numbers, brackets, separators) rather than a name. */
	public static boolean looksLikeKernel(String text) {
		String t = stripWrapper(text.trim());
		if (t.isEmpty()) return false;
		boolean digit = false;
		for (int i = 0; i < t.length(); i++) {
			char c = t.charAt(i);
			if (Character.isDigit(c)) digit = true;
			else if ("[]()+-.,;eE \t\r\n".indexOf(c) < 0 && !t.regionMatches(true, i, "nan", 0, 3)
				&& !t.regionMatches(true, i, "inf", 0, 3)) return false;
		}
		return digit;
	}

	/**
	 * Parses kernel text into a 2-D array (rows) or, for nested lists, an array of the lists' depth.
	 * A refusal says what was wrong and where.
	 */
	public static NdArray parse(String text) {
		String t = text.trim();
		if (t.isEmpty()) throw new IllegalArgumentException("kernel text is empty");
		t = stripWrapper(t);
		if (t.startsWith("[")) {
			// "[1, 2], [3, 4]": the option's own brackets were taken off a nested list; put them back.
			if (Brackets.closing(t, 0) != t.length() - 1) t = "[" + t + "]";
			return parseNested(t);
		}
		return parseRows(t);
	}

	/** Removes {@code tensor(...)} / {@code array(...)} and trailing keyword arguments. */
	private static String stripWrapper(String t) {
		String s = t;
		for (String w : new String[] { "tensor(", "array(", "torch.tensor(", "np.array(", "numpy.array(" }) {
			if (s.startsWith(w)) {
				s = s.substring(w.length());
				int close = Brackets.closing(s, 0);
				if (close < 0) return s;
				return s.substring(0, close + 1);
			}
		}
		return s;
	}


	private static NdArray parseRows(String t) {
		String[] lines = t.split("\\r?\\n|\\r|;");
		List<float[]> rows = new ArrayList<>();
		int width = -1;
		int lineNo = 0;
		for (String line : lines) {
			lineNo++;
			String l = line.trim();
			if (l.isEmpty() || l.startsWith("#")) continue;
			String[] tokens = l.split("[\\s,]+");
			float[] row = new float[tokens.length];
			for (int i = 0; i < tokens.length; i++) row[i] = number(tokens[i], "row " + lineNo);
			if (width >= 0 && row.length != width) {
				throw new IllegalArgumentException("kernel row " + lineNo + " has " + row.length + " values but the"
					+ " first row has " + width + ": all rows must have the same length");
			}
			width = row.length;
			rows.add(row);
		}
		if (rows.isEmpty()) throw new IllegalArgumentException("kernel text has no numbers");
		float[] data = new float[rows.size() * width];
		for (int y = 0; y < rows.size(); y++) System.arraycopy(rows.get(y), 0, data, y * width, width);
		return NdArray.wrap(new int[] { rows.size(), width }, data);
	}

	private static float number(String token, String where) {
		try {
			float v = Float.parseFloat(token);
			if (!Float.isFinite(v)) throw new NumberFormatException();
			return v;
		}
		catch (NumberFormatException e) {
			throw new IllegalArgumentException("kernel " + where + ": '" + token + "' is not a finite number");
		}
	}

	private static NdArray parseNested(String t) {
		Nested p = new Nested(t);
		Object tree = p.list();
		p.skipSpace();
		if (p.pos < t.length()) {
			throw new IllegalArgumentException("kernel text has '" + t.substring(p.pos, Math.min(t.length(), p.pos + 20))
				+ "' after the closing bracket");
		}
		List<Integer> shape = new ArrayList<>();
		for (Object o = tree; o instanceof List; o = ((List<?>) o).get(0)) shape.add(((List<?>) o).size());
		List<Float> values = new ArrayList<>();
		flatten(tree, 0, shape, values);
		int[] s = shape.stream().mapToInt(Integer::intValue).toArray();
		float[] d = new float[values.size()];
		for (int i = 0; i < d.length; i++) d[i] = values.get(i);
		return NdArray.wrap(s, d);
	}

	private static void flatten(Object node, int depth, List<Integer> shape, List<Float> out) {
		if (depth == shape.size()) {
			if (!(node instanceof Float)) throw new IllegalArgumentException("kernel lists are ragged: a list at depth "
				+ (depth + 1) + " where the first entries are numbers");
			out.add((Float) node);
			return;
		}
		if (!(node instanceof List)) throw new IllegalArgumentException("kernel lists are ragged: a number at depth "
			+ (depth + 1) + " where the first entries are lists");
		List<?> list = (List<?>) node;
		if (list.size() != shape.get(depth)) {
			throw new IllegalArgumentException("kernel lists are ragged: a list at depth " + (depth + 1) + " has "
				+ list.size() + " entries, the first has " + shape.get(depth));
		}
		for (Object child : list) flatten(child, depth + 1, shape, out);
	}

	/** A small recursive-descent reader of nested bracket lists of numbers. */
	private static final class Nested {

		private final String t;
		private int pos;

		Nested(String t) {
			this.t = t;
		}

		/** Deeper than any kernel ({@code [C_out, C_in/groups, kD, kH, kW]} in a batch of one): refused, never recursed into. */
		static final int MAX_DEPTH = 6;

		private int depth;

		List<Object> list() {
			if (++depth > MAX_DEPTH) {
				throw new IllegalArgumentException("kernel text nests its lists more than " + MAX_DEPTH + " deep; a kernel has at most 5"
					+ " axes [C_out, C_in/groups, kD, kH, kW]");
			}
			expect('[');
			List<Object> items = new ArrayList<>();
			skipSpace();
			if (peek() == ']') throw error("an empty list");
			while (true) {
				skipSpace();
				items.add(peek() == '[' ? list() : readNumber());
				skipSpace();
				char c = peek();
				pos++;
				if (c == ']') {
					depth--;
					return items;
				}
				if (c != ',') {
					pos--;
					throw error("'" + c + "' where ',' or ']' was expected");
				}
				skipSpace();
				if (peek() == ']') {
					pos++;
					return items;
				}
			}
		}

		Float readNumber() {
			int start = pos;
			while (pos < t.length() && ",[] \t\r\n".indexOf(t.charAt(pos)) < 0) pos++;
			String tok = t.substring(start, pos);
			if (tok.isEmpty()) throw error("nothing where a number was expected");
			return number(tok, "entry at character " + (start + 1));
		}

		void skipSpace() {
			while (pos < t.length() && Character.isWhitespace(t.charAt(pos))) pos++;
		}

		char peek() {
			if (pos >= t.length()) throw new IllegalArgumentException("kernel text ends before its lists are closed");
			return t.charAt(pos);
		}

		void expect(char c) {
			skipSpace();
			if (peek() != c) throw error("'" + peek() + "' where '" + c + "' was expected");
			pos++;
		}

		IllegalArgumentException error(String what) {
			return new IllegalArgumentException("kernel text has " + what + " at character " + (pos + 1));
		}
	}
}
