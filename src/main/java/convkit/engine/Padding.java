package convkit.engine;

import java.util.Locale;

/**
 * Padding per side ({@code left, right, top, bottom}), or {@code same}, which is resolved per axis
 * once the input size, kernel, stride and dilation are known.
 * <p>
 * Forms accepted by {@link #parse}: {@code P} (all sides), {@code PX,PY}, {@code L,R,T,B},
 * {@code same}, {@code valid} (= 0). Example: {@code Padding.parse("1,1,2,0").top() == 2}.
 */
public final class Padding {

	private static final Padding SAME = new Padding(true, 0, 0, 0, 0);

	private final boolean same;
	private final int left;
	private final int right;
	private final int top;
	private final int bottom;

	private Padding(boolean same, int left, int right, int top, int bottom) {
		this.same = same;
		this.left = left;
		this.right = right;
		this.top = top;
		this.bottom = bottom;
	}

	/** {@code p} pixels on every side. */
	public static Padding of(int p) {
		return of(p, p, p, p);
	}

	/** {@code px} left and right, {@code py} top and bottom. */
	public static Padding of(int px, int py) {
		return of(px, px, py, py);
	}

	/** Explicit padding per side. */
	public static Padding of(int left, int right, int top, int bottom) {
		int[] v = { left, right, top, bottom };
		String[] names = { "left", "right", "top", "bottom" };
		for (int i = 0; i < 4; i++) {
			if (v[i] < 0) {
				throw new IllegalArgumentException("padding must not be negative: " + names[i] + " is "
					+ v[i] + " (allowed 0 or more)");
			}
		}
		return new Padding(false, left, right, top, bottom);
	}

	/** No padding. */
	public static Padding valid() {
		return of(0);
	}

	/** Output as large as the input divided by the stride (PyTorch's rule at stride 1, TensorFlow's above). */
	public static Padding same() {
		return SAME;
	}

	/** Parses {@code P}, {@code PX,PY}, {@code L,R,T,B}, {@code same} or {@code valid}. */
	public static Padding parse(String text) {
		String t = text.trim().toLowerCase(Locale.ROOT);
		if (t.equals("same")) return same();
		if (t.equals("valid")) return valid();
		String[] parts = t.split("\\s*,\\s*", -1);
		int[] v = new int[parts.length];
		for (int i = 0; i < parts.length; i++) {
			try {
				v[i] = Integer.parseInt(parts[i].trim());
			}
			catch (NumberFormatException e) {
				throw new IllegalArgumentException("padding '" + text + "' is not understood; allowed are"
					+ " P, PX,PY, L,R,T,B (whole numbers), same or valid");
			}
		}
		switch (v.length) {
			case 1:
				return of(v[0]);
			case 2:
				return of(v[0], v[1]);
			case 4:
				return of(v[0], v[1], v[2], v[3]);
			default:
				throw new IllegalArgumentException("padding '" + text + "' has " + v.length
					+ " numbers; allowed are P, PX,PY or L,R,T,B (1, 2 or 4 numbers), same or valid");
		}
	}

	/** Whether this is {@code same} padding, resolved per axis later. */
	public boolean isSame() {
		return same;
	}

	public int left() {
		return left;
	}

	public int right() {
		return right;
	}

	public int top() {
		return top;
	}

	public int bottom() {
		return bottom;
	}

	/** {@code {lo, hi}} along x for an axis of size {@code n}. */
	public int[] resolveX(int n, int k, int stride, int dilation) {
		return same ? Geometry.samePadding(n, k, stride, dilation) : new int[] { left, right };
	}

	/** {@code {lo, hi}} along y for an axis of size {@code n}. */
	public int[] resolveY(int n, int k, int stride, int dilation) {
		return same ? Geometry.samePadding(n, k, stride, dilation) : new int[] { top, bottom };
	}

	/** The text form {@link #parse} reads back: {@code same}, {@code P}, {@code PX,PY} or {@code L,R,T,B}. */
	@Override
	public String toString() {
		if (same) return "same";
		if (left == right && top == bottom) return left == top ? Integer.toString(left) : left + "," + top;
		return left + "," + right + "," + top + "," + bottom;
	}

	@Override
	public boolean equals(Object o) {
		if (!(o instanceof Padding)) return false;
		Padding p = (Padding) o;
		return same == p.same && left == p.left && right == p.right && top == p.top && bottom == p.bottom;
	}

	@Override
	public int hashCode() {
		return same ? -1 : ((left * 31 + right) * 31 + top) * 31 + bottom;
	}
}
