package convkit.engine;

import java.util.Locale;

/**
 * Padding per side — {@code left, right} (x), {@code top, bottom} (y), {@code front, back} (z) —
 * or {@code same} / {@code same_lower}, which are resolved per axis once the input size, kernel,
 * stride and dilation are known ({@link #resolve}). Where {@code same} pads an odd total, the extra
 * pixel goes after the data ({@code same}, also written {@code same_upper}: PyTorch, TensorFlow,
 * ONNX {@code SAME_UPPER}) or before it ({@code same_lower}: ONNX {@code SAME_LOWER}, and how scipy
 * and OpenCV centre an even kernel).
 * <p>
 * Forms accepted by {@link #parse}: {@code P} (every side), {@code PX,PY} and {@code L,R,T,B}
 * (2-D), {@code PX,PY,PZ} and {@code L,R,T,B,F,K} (3-D, the order of PyTorch's {@code F.pad} on a
 * 5-D tensor), {@code same}, {@code valid} (= 0). Example: {@code Padding.parse("1,1,2,0").top() == 2}.
 */
public final class Padding {

	private static final Padding SAME = new Padding(true, false, new int[6], 0);
	private static final Padding SAME_LOWER = new Padding(true, true, new int[6], 0);
	private static final String FORMS = "P, PX,PY, L,R,T,B (2-D), PX,PY,PZ, L,R,T,B,F,K (3-D), same, same_lower or valid";

	private final boolean same;
	private final boolean lower;
	private final int[] sides;
	private final int form;

	private Padding(boolean same, boolean lower, int[] sides, int form) {
		this.same = same;
		this.lower = lower;
		this.sides = sides;
		this.form = form;
	}

	/** {@code p} pixels on every side. */
	public static Padding of(int p) {
		return make(1, p, p, p, p, p, p);
	}

	/** {@code px} left and right, {@code py} top and bottom (2-D). */
	public static Padding of(int px, int py) {
		return make(2, px, px, py, py, 0, 0);
	}

	/** {@code px} left and right, {@code py} top and bottom, {@code pz} front and back (3-D). */
	public static Padding of(int px, int py, int pz) {
		return make(3, px, px, py, py, pz, pz);
	}

	/** Explicit padding per side (2-D). */
	public static Padding of(int left, int right, int top, int bottom) {
		return make(4, left, right, top, bottom, 0, 0);
	}

	/** Explicit padding per side (3-D), in the order of PyTorch's {@code F.pad} on a 5-D tensor. */
	public static Padding of(int left, int right, int top, int bottom, int front, int back) {
		return make(6, left, right, top, bottom, front, back);
	}

	private static Padding make(int form, int... v) {
		String[] names = { "left", "right", "top", "bottom", "front", "back" };
		for (int i = 0; i < 6; i++) {
			if (v[i] < 0) {
				throw new IllegalArgumentException("padding must not be negative: " + names[i] + " is " + v[i] + " (allowed 0 or more)");
			}
		}
		return new Padding(false, false, v, form);
	}

	/** No padding. */
	public static Padding valid() {
		return of(0);
	}

	/** Output as large as the input divided by the stride (PyTorch's rule at stride 1, TensorFlow's above). */
	public static Padding same() {
		return SAME;
	}

	/** As {@link #same()}, with the extra pixel of an odd total before the data (ONNX {@code SAME_LOWER}). */
	public static Padding sameLower() {
		return SAME_LOWER;
	}

	/** Parses {@code P}, {@code PX,PY}, {@code PX,PY,PZ}, {@code L,R,T,B}, {@code L,R,T,B,F,K}, {@code same}, {@code same_lower} or {@code valid}. */
	public static Padding parse(String text) {
		String t = text.trim().toLowerCase(Locale.ROOT);
		if (t.equals("same") || t.equals("same_upper")) return same();
		if (t.equals("same_lower")) return sameLower();
		if (t.equals("valid")) return valid();
		String[] parts = t.split("\\s*,\\s*", -1);
		int[] v = new int[parts.length];
		for (int i = 0; i < parts.length; i++) {
			try {
				v[i] = Integer.parseInt(parts[i].trim());
			}
			catch (NumberFormatException e) {
				String near = Suggestions.closest(t, java.util.Arrays.asList("same", "same_lower", "valid"));
				throw new IllegalArgumentException("padding '" + text + "' is not understood; " + (near == null ? ""
					: "did you mean " + near + "? ") + "allowed are " + FORMS + " (whole numbers)");
			}
		}
		switch (v.length) {
			case 1:
				return of(v[0]);
			case 2:
				return of(v[0], v[1]);
			case 3:
				return of(v[0], v[1], v[2]);
			case 4:
				return of(v[0], v[1], v[2], v[3]);
			case 6:
				return of(v[0], v[1], v[2], v[3], v[4], v[5]);
			default:
				throw new IllegalArgumentException("padding '" + text + "' has " + v.length + " numbers; allowed are " + FORMS);
		}
	}

	/**
	 * Refuses a form written for the other rank: {@code PX,PY} or {@code L,R,T,B} for a 3-D
	 * convolution, {@code PX,PY,PZ} or {@code L,R,T,B,F,K} for a 2-D one.
	 */
	public void checkRank(int rank) {
		if (rank == 3 && (form == 2 || form == 4)) {
			throw new IllegalArgumentException("padding '" + written() + "' has " + form + " numbers, a 2-D form; a 3-D convolution"
				+ " takes P, PX,PY,PZ or L,R,T,B,F,K (left, right, top, bottom, front, back), same, same_lower or valid");
		}
		if (rank == 2 && (form == 3 || form == 6)) {
			throw new IllegalArgumentException("padding '" + written() + "' has " + form + " numbers, a 3-D form; a 2-D convolution"
				+ " takes P, PX,PY or L,R,T,B (left, right, top, bottom), same, same_lower or valid");
		}
	}

	/**
	 * The number of axes this padding was written for: 3 for {@code PX,PY,PZ} and
	 * {@code L,R,T,B,F,K}, 2 for {@code PX,PY} and {@code L,R,T,B}, 0 for the forms that fit either.
	 */
	public int writtenRank() {
		return form == 3 || form == 6 ? 3 : form == 2 || form == 4 ? 2 : 0;
	}

	/** Whether this is {@code same} or {@code same_lower} padding, resolved per axis later. */
	public boolean isSame() {
		return same;
	}

	/** Whether this is {@code same_lower}: an odd total puts the extra pixel before the data. */
	public boolean isSameLower() {
		return same && lower;
	}

	/** Padding before the first pixel along {@code axis} (left, top, front); 0 for {@code same} until resolved. */
	public int lo(Axis axis) {
		return sides[2 * axis.ordinal()];
	}

	/** Padding after the last pixel along {@code axis} (right, bottom, back). */
	public int hi(Axis axis) {
		return sides[2 * axis.ordinal() + 1];
	}

	public int left() {
		return sides[0];
	}

	public int right() {
		return sides[1];
	}

	public int top() {
		return sides[2];
	}

	public int bottom() {
		return sides[3];
	}

	public int front() {
		return sides[4];
	}

	public int back() {
		return sides[5];
	}

	/** {@code {lo, hi}} along {@code axis} for an axis of {@code n} pixels. */
	public int[] resolve(Axis axis, int n, int k, int stride, int dilation) {
		if (!same) return new int[] { lo(axis), hi(axis) };
		try {
			int[] p = samePadding(n, k, stride, dilation);
			return lower ? new int[] { p[1], p[0] } : p;
		}
		catch (IllegalArgumentException e) {
			throw new IllegalArgumentException("along " + axis.label() + ": " + e.getMessage(), e);
		}
	}

	/**
	 * {@code {lo, hi}} for {@code padding=same}: at stride 1 PyTorch's rule ({@code total = d·(k−1)},
	 * {@code lo = floor(total/2)}, the extra pixel after the data), above it TensorFlow's
	 * ({@code out = ceil(n/s)}, {@code total = max((out−1)·s + d·(k−1) + 1 − n, 0)}). Refuses a
	 * total that does not fit an int.
	 */
	public static int[] samePadding(int n, int k, int stride, int dilation) {
		long total;
		if (stride == 1) {
			total = (long) dilation * (k - 1);
		}
		else {
			long out = (n + (long) stride - 1) / stride;
			total = Math.max((out - 1) * stride + (long) dilation * (k - 1) + 1 - n, 0);
		}
		if (total > Integer.MAX_VALUE) {
			throw new IllegalArgumentException("padding=same would pad " + total + " pixels (dilation " + dilation + ", kernel " + k
				+ "), more than " + Integer.MAX_VALUE);
		}
		int lo = (int) (total / 2);
		return new int[] { lo, (int) (total - lo) };
	}

	/** The values in the form they were given, e.g. {@code 1,1} for {@code PX,PY}. */
	private String written() {
		int[] order;
		switch (form) {
			case 2:
				order = new int[] { 0, 2 };
				break;
			case 3:
				order = new int[] { 0, 2, 4 };
				break;
			case 4:
				order = new int[] { 0, 1, 2, 3 };
				break;
			case 6:
				order = new int[] { 0, 1, 2, 3, 4, 5 };
				break;
			default:
				return toString();
		}
		StringBuilder sb = new StringBuilder();
		for (int i : order) sb.append(sb.length() == 0 ? "" : ",").append(sides[i]);
		return sb.toString();
	}

	/** The text form {@link #parse} reads back, as short as it can be. */
	@Override
	public String toString() {
		if (same) return lower ? "same_lower" : "same";
		int l = sides[0], r = sides[1], t = sides[2], b = sides[3], f = sides[4], k = sides[5];
		if (form == 3 || form == 6) {
			if (l == r && t == b && f == k) return l == t && t == f ? Integer.toString(l) : l + "," + t + "," + f;
			return l + "," + r + "," + t + "," + b + "," + f + "," + k;
		}
		if (form == 1) return Integer.toString(l);
		if (l == r && t == b) return l == t ? Integer.toString(l) : l + "," + t;
		return l + "," + r + "," + t + "," + b;
	}

	@Override
	public boolean equals(Object o) {
		if (!(o instanceof Padding)) return false;
		Padding p = (Padding) o;
		return same == p.same && lower == p.lower && java.util.Arrays.equals(sides, p.sides);
	}

	@Override
	public int hashCode() {
		return same ? (lower ? -2 : -1) : java.util.Arrays.hashCode(sides);
	}
}
