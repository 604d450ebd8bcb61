package convkit.engine;

/** PyTorch's way of writing per-axis values: a tuple in {@code (D, H, W)} order from ConvKit's x, y, z. */
final class TorchText {

	private TorchText() {}

	/** {@code values} (x first) as {@code (H, W)} or {@code (D, H, W)}. */
	static String tuple(int[] values) {
		StringBuilder sb = new StringBuilder("(");
		for (int i = values.length - 1; i >= 0; i--) sb.append(i == values.length - 1 ? "" : ", ").append(values[i]);
		return sb.append(')').toString();
	}

	/** A float as Python writes it: {@code 0.2}, {@code 1e-05}. */
	static String number(double v) {
		if (v == Math.rint(v) && Math.abs(v) < 1e9) return Long.toString((long) v) + ".0";
		String t = Double.toString(v); // Java: 1.0E-5, Python: 1e-05
		int e = t.indexOf('E');
		if (e < 0) return t;
		String mantissa = t.substring(0, e).replaceFirst("\\.0$", "");
		int exp = Integer.parseInt(t.substring(e + 1));
		return mantissa + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
	}
}
