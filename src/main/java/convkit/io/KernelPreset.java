package convkit.io;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Named kernels, written as a name with optional arguments in parentheses:
 * {@code identity}, {@code box(5)}, {@code gaussian(1.5)} (size {@code 2·ceil(3σ)+1}),
 * {@code sobel_x}, {@code sobel_y}, {@code prewitt_x}, {@code prewitt_y}, {@code laplacian},
 * {@code sharpen}, {@code random(5, 42)} (size, seed; uniform in [−1, 1)).
 * <p>
 * Example: {@code KernelPreset.parse("box(3)")} is 3×3 of 1/9.
 */
public enum KernelPreset {
	IDENTITY("identity", "identity or identity(size)"),
	BOX("box", "box(size), mean filter"),
	GAUSSIAN("gaussian", "gaussian(sigma), sums to 1"),
	SOBEL_X("sobel_x", "sobel_x"),
	SOBEL_Y("sobel_y", "sobel_y"),
	PREWITT_X("prewitt_x", "prewitt_x"),
	PREWITT_Y("prewitt_y", "prewitt_y"),
	LAPLACIAN("laplacian", "laplacian"),
	SHARPEN("sharpen", "sharpen"),
	RANDOM("random", "random(size, seed)");

	private static final Pattern CALL = Pattern.compile("([a-z_]+)\\s*(?:\\((.*)\\))?");

	private final String label;
	private final String usage;

	KernelPreset(String label, String usage) {
		this.label = label;
		this.usage = usage;
	}

	/** The name users type. */
	public String label() {
		return label;
	}

	/** How to write it, with its arguments. */
	public String usage() {
		return usage;
	}

	/** All names. */
	public static String[] getAllLabels() {
		return Arrays.stream(values()).map(KernelPreset::label).toArray(String[]::new);
	}

	/** Whether {@code text} names a preset (its arguments are checked by {@link #parse}). */
	public static boolean isPreset(String text) {
		Matcher m = CALL.matcher(text.trim().toLowerCase(Locale.ROOT));
		if (!m.matches()) return false;
		for (KernelPreset p : values()) {
			if (p.label.equals(m.group(1))) return true;
		}
		return false;
	}

	/** The kernel a preset text describes, as a 2-D array. */
	public static NdArray parse(String text) {
		Matcher m = CALL.matcher(text.trim().toLowerCase(Locale.ROOT));
		if (!m.matches() || !isPreset(text)) {
			throw new IllegalArgumentException("'" + text + "' is not a preset; allowed are " + usages());
		}
		KernelPreset p = valueOf(m.group(1).toUpperCase(Locale.ROOT));
		double[] args = arguments(m.group(2), text);
		return p.make(args, text);
	}

	/** Every preset's usage, comma-separated. */
	public static String usages() {
		StringBuilder sb = new StringBuilder();
		for (KernelPreset p : values()) sb.append(sb.length() == 0 ? "" : ", ").append(p.usage);
		return sb.toString();
	}

	private static double[] arguments(String inner, String text) {
		if (inner == null || inner.trim().isEmpty()) return new double[0];
		String[] parts = inner.split(",");
		double[] v = new double[parts.length];
		for (int i = 0; i < parts.length; i++) {
			String p = parts[i].trim();
			int eq = p.indexOf('=');
			if (eq >= 0) p = p.substring(eq + 1).trim();
			try {
				v[i] = Double.parseDouble(p);
			}
			catch (NumberFormatException e) {
				throw new IllegalArgumentException("preset '" + text + "': argument '" + parts[i].trim() + "' is not a number");
			}
		}
		return v;
	}

	private NdArray make(double[] a, String text) {
		switch (this) {
			case IDENTITY: {
				int n = oddSize(a, 0, 1, text);
				float[] d = new float[n * n];
				d[n * n / 2] = 1;
				return square(n, d);
			}
			case BOX: {
				int n = size(a, 0, 3, text);
				float[] d = new float[n * n];
				Arrays.fill(d, 1f / (n * n));
				return square(n, d);
			}
			case GAUSSIAN:
				return gaussian(a.length > 0 ? a[0] : 1.0, text);
			case SOBEL_X:
				return fixed(text, a, -1, 0, 1, -2, 0, 2, -1, 0, 1);
			case SOBEL_Y:
				return fixed(text, a, -1, -2, -1, 0, 0, 0, 1, 2, 1);
			case PREWITT_X:
				return fixed(text, a, -1, 0, 1, -1, 0, 1, -1, 0, 1);
			case PREWITT_Y:
				return fixed(text, a, -1, -1, -1, 0, 0, 0, 1, 1, 1);
			case LAPLACIAN:
				return fixed(text, a, 0, 1, 0, 1, -4, 1, 0, 1, 0);
			case SHARPEN:
				return fixed(text, a, 0, -1, 0, -1, 5, -1, 0, -1, 0);
			case RANDOM: {
				int n = size(a, 0, 3, text);
				long seed = a.length > 1 ? (long) a[1] : 0L;
				Random r = new Random(seed);
				float[] d = new float[n * n];
				for (int i = 0; i < d.length; i++) d[i] = r.nextFloat() * 2f - 1f;
				return square(n, d);
			}
			default:
				throw new AssertionError(this);
		}
	}

	private static NdArray gaussian(double sigma, String text) {
		if (!(sigma > 0) || sigma > 100) {
			throw new IllegalArgumentException("preset '" + text + "': sigma " + sigma + " is not allowed (0 < sigma <= 100)");
		}
		int r = (int) Math.ceil(3 * sigma);
		int n = 2 * r + 1;
		double[] g = new double[n];
		double sum = 0;
		for (int i = 0; i < n; i++) {
			g[i] = Math.exp(-(i - r) * (i - r) / (2 * sigma * sigma));
			sum += g[i];
		}
		float[] d = new float[n * n];
		for (int y = 0; y < n; y++) {
			for (int x = 0; x < n; x++) d[y * n + x] = (float) (g[y] * g[x] / (sum * sum));
		}
		return square(n, d);
	}

	private static NdArray fixed(String text, double[] a, float... v) {
		if (a.length > 0) throw new IllegalArgumentException("preset '" + text + "' takes no arguments");
		return square(3, v);
	}

	private static int size(double[] a, int i, int dflt, String text) {
		if (a.length <= i) return dflt;
		double v = a[i];
		if (v != Math.rint(v) || v < 1 || v > 255) {
			throw new IllegalArgumentException("preset '" + text + "': size " + v + " is not allowed (a whole number 1..255)");
		}
		return (int) v;
	}

	private static int oddSize(double[] a, int i, int dflt, String text) {
		int n = size(a, i, dflt, text);
		if (n % 2 == 0) throw new IllegalArgumentException("preset '" + text + "': size " + n + " must be odd");
		return n;
	}

	private static NdArray square(int n, float[] d) {
		return NdArray.wrap(new int[] { n, n }, d);
	}
}
