package convkit.io;

import convkit.engine.Labels;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Named kernels, written as a name with optional arguments in parentheses:
 * {@code identity}, {@code box(5)}, {@code gaussian(1.5)} (size {@code 2·ceil(3σ)+1}),
 * {@code sobel_x}, {@code sobel_y}, {@code prewitt_x}, {@code prewitt_y}, {@code laplacian},
 * {@code sharpen}, {@code random(5, 42)} (size, seed; uniform in [−1, 1)); for Conv3D
 * {@code box3d(3)} or {@code box3d(5,5,3)} (x, y, z sizes) and {@code gaussian3d(1.5)} or
 * {@code gaussian3d(2,2,0.7)} (σ per axis, x, y, z: isotropic smoothing on anisotropic voxels),
 * shaped {@code [kD, kH, kW]}.
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
	RANDOM("random", "random(size, seed)"),
	BOX3D("box3d", "box3d(size) or box3d(x,y,z), 3-D mean filter"),
	GAUSSIAN3D("gaussian3d", "gaussian3d(sigma) or gaussian3d(sx,sy,sz), 3-D, sums to 1");

	private static final Pattern CALL = Pattern.compile("([a-z_0-9]+)\\s*(?:\\((.*)\\))?");

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
		return Labels.all(KernelPreset.class, KernelPreset::label);
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
			case BOX3D: {
				int[] n = perAxis(a, text, 3);
				float[] d = new float[n[0] * n[1] * n[2]];
				Arrays.fill(d, 1f / d.length);
				return NdArray.wrap(new int[] { n[2], n[1], n[0] }, d);
			}
			case GAUSSIAN3D: {
				double[] sigma = a.length == 0 ? new double[] { 1, 1, 1 } : a.length == 1 ? new double[] { a[0], a[0], a[0] } : a;
				if (sigma.length != 3) {
					throw new IllegalArgumentException("preset '" + text + "' takes one sigma or three (x, y, z), not " + sigma.length);
				}
				double[] gx = gaussian1d(sigma[0], text);
				double[] gy = gaussian1d(sigma[1], text);
				double[] gz = gaussian1d(sigma[2], text);
				float[] d = new float[gz.length * gy.length * gx.length];
				for (int z = 0; z < gz.length; z++) {
					for (int y = 0; y < gy.length; y++) {
						for (int x = 0; x < gx.length; x++) d[(z * gy.length + y) * gx.length + x] = (float) (gz[z] * gy[y] * gx[x]);
					}
				}
				return NdArray.wrap(new int[] { gz.length, gy.length, gx.length }, d);
			}
			default:
				throw new AssertionError(this);
		}
	}

	/** Whether the preset is a 3-D kernel ({@code [kD, kH, kW]}). */
	public boolean isVolume() {
		return this == BOX3D || this == GAUSSIAN3D;
	}

	private static NdArray gaussian(double sigma, String text) {
		double[] g = gaussian1d(sigma, text);
		int n = g.length;
		float[] d = new float[n * n];
		for (int y = 0; y < n; y++) {
			for (int x = 0; x < n; x++) d[y * n + x] = (float) (g[y] * g[x]);
		}
		return square(n, d);
	}

	/** The normalised 1-D gaussian of {@code sigma}, {@code 2·ceil(3σ)+1} values summing to 1. */
	private static double[] gaussian1d(double sigma, String text) {
		if (!(sigma >= 0.01) || sigma > 100) {
			throw new IllegalArgumentException("preset '" + text + "': sigma " + sigma + " is not allowed (0.01 <= sigma <= 100; below"
				+ " 0.01 the kernel is the identity: use identity)");
		}
		int r = (int) Math.ceil(3 * sigma);
		int n = 2 * r + 1;
		double[] g = new double[n];
		double sum = 0;
		for (int i = 0; i < n; i++) {
			g[i] = Math.exp(-(i - r) * (i - r) / (2 * sigma * sigma));
			sum += g[i];
		}
		for (int i = 0; i < n; i++) g[i] /= sum;
		return g;
	}

	/** One size for every axis or one per axis ({@code axes} values), each a whole number 1..255. */
	private static int[] perAxis(double[] a, String text, int axes) {
		if (a.length == 0) return new int[] { 3, 3, 3 };
		if (a.length != 1 && a.length != axes) {
			throw new IllegalArgumentException("preset '" + text + "' takes one size or " + axes + " (x, y, z), not " + a.length);
		}
		int[] n = new int[axes];
		for (int i = 0; i < axes; i++) n[i] = size(a, a.length == 1 ? 0 : i, 3, text);
		return n;
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
