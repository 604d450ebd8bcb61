package convkit.geometry;

import convkit.engine.Axis;
import convkit.engine.ConvSpec;
import convkit.engine.Padding;

/**
 * One layer of a stack for the size and receptive-field calculator: kind, kernel, stride and
 * dilation per axis, and padding. Per-axis values are kept as written — one value for every
 * axis, or {@code x,y}, or {@code x,y,z} — so a layer says whether it was written for 2-D or 3-D
 * ({@link #rank}). Immutable, validated when made.
 * <p>
 * Example: {@code Layer.of(LayerKind.CONV, new int[] {3}, new int[] {1}, new int[] {1}, Padding.of(1))}.
 */
public final class Layer {

	private final LayerKind kind;
	private final int[] k;
	private final int[] s;
	private final int[] d;
	private final Padding padding;
	private final int[] op;
	private final boolean ceil;

	private Layer(LayerKind kind, int[] k, int[] s, int[] d, Padding padding, int[] op, boolean ceil) {
		this.kind = kind;
		this.k = k;
		this.s = s;
		this.d = d;
		this.padding = padding;
		this.op = op;
		this.ceil = ceil;
	}

	/** A layer with kernel, stride and dilation each given as one value or one per axis (x, y[, z]). */
	public static Layer of(LayerKind kind, int[] kernel, int[] stride, int[] dilation, Padding padding) {
		return of(kind, kernel, stride, dilation, padding, new int[] { 0 }, false);
	}

	/**
	 * A layer with, besides, a transposed layer's output padding {@code op} (one value or one per
	 * axis; 0 for other kinds) and a pool's ceil mode.
	 */
	public static Layer of(LayerKind kind, int[] kernel, int[] stride, int[] dilation, Padding padding, int[] op, boolean ceil) {
		if (kind == null) throw new IllegalArgumentException("layer kind must be given");
		check("kernel size", kernel);
		check("stride", stride);
		check("dilation", dilation);
		if (padding == null) throw new IllegalArgumentException("padding must be given");
		if (op == null || op.length < 1 || op.length > 3) throw new IllegalArgumentException("output padding takes one value, x,y or x,y,z");
		for (int x : op) {
			if (x < 0 || (x > 0 && kind != LayerKind.CONVT)) {
				throw new IllegalArgumentException("output padding " + ConvSpec.perAxis(op) + " is for convt layers, and never negative");
			}
		}
		if (ceil && !kind.isPooling()) throw new IllegalArgumentException("ceil mode is for pools");
		Layer l = new Layer(kind, kernel.clone(), stride.clone(), dilation.clone(), padding, op.clone(), ceil);
		if (kind.isElementWise() && (!ones(kernel) || !ones(stride) || !ones(dilation) || !padding.equals(Padding.valid()))) {
			throw new IllegalArgumentException(kind.label() + " is element-wise: it takes no kernel, stride or padding");
		}
		l.rank(); // refuses values written for 2-D next to values written for 3-D
		return l;
	}

	/** A 2-D layer with per-axis kernel, stride and dilation (x then y). */
	public static Layer of(LayerKind kind, int kx, int ky, int sx, int sy, int dx, int dy, Padding padding) {
		return of(kind, new int[] { kx, ky }, new int[] { sx, sy }, new int[] { dx, dy }, padding);
	}

	/** ReLU, an element-wise layer (k = 1). */
	public static Layer relu() {
		return elementWise(LayerKind.RELU);
	}

	/** An element-wise layer of {@code kind} (batch norm, an activation): k = 1. */
	public static Layer elementWise(LayerKind kind) {
		if (!kind.isElementWise()) throw new IllegalArgumentException(kind.label() + " is not element-wise");
		return of(kind, new int[] { 1 }, new int[] { 1 }, new int[] { 1 }, Padding.valid());
	}

	private static boolean ones(int[] v) {
		for (int x : v) {
			if (x != 1) return false;
		}
		return true;
	}

	private static boolean zeros(int[] v) {
		for (int x : v) {
			if (x != 0) return false;
		}
		return true;
	}

	private static void check(String name, int[] v) {
		if (v.length < 1 || v.length > 3) throw new IllegalArgumentException(name + " takes one value, x,y or x,y,z");
		for (int x : v) {
			if (x < 1) throw new IllegalArgumentException(name + " must be at least 1, not " + ConvSpec.perAxis(v));
		}
	}

	public LayerKind kind() {
		return kind;
	}

	/**
	 * The number of axes the layer was written for: 3 when a value has three parts or the padding
	 * a 3-D form, 2 when one has two parts or the padding a 2-D form, 0 when it fits either.
	 */
	public int rank() {
		int r = 0;
		for (int[] v : new int[][] { k, s, d, op }) r = join(r, v.length == 1 ? 0 : v.length);
		return join(r, padding.writtenRank());
	}

	private int join(int r, int v) {
		if (v == 0 || v == r) return r;
		if (r == 0) return v;
		throw new IllegalArgumentException("layer '" + this + "' mixes 2-D values (x,y) with 3-D values (x,y,z)");
	}

	/** Kernel size along {@code axis}. */
	public int kernel(Axis axis) {
		return value(k, axis);
	}

	/** Stride along {@code axis}. */
	public int stride(Axis axis) {
		return value(s, axis);
	}

	/** Dilation along {@code axis}. */
	public int dilation(Axis axis) {
		return value(d, axis);
	}

	/** A transposed layer's output padding along {@code axis} (0 for other kinds). */
	public int outputPadding(Axis axis) {
		return value(op, axis);
	}

	/** Whether a pool rounds its output size up (PyTorch's ceil_mode). */
	public boolean ceil() {
		return ceil;
	}

	private static int value(int[] v, Axis axis) {
		if (v.length == 1) return v[0];
		return axis.ordinal() < v.length ? v[axis.ordinal()] : 1;
	}

	public int kernelX() {
		return kernel(Axis.X);
	}

	public int kernelY() {
		return kernel(Axis.Y);
	}

	public int strideX() {
		return stride(Axis.X);
	}

	public int strideY() {
		return stride(Axis.Y);
	}

	public int dilationX() {
		return dilation(Axis.X);
	}

	public int dilationY() {
		return dilation(Axis.Y);
	}

	public Padding padding() {
		return padding;
	}

	@Override
	public String toString() {
		if (kind.isElementWise()) return kind.label();
		return kind.label() + " k=" + ConvSpec.perAxis(k) + " s=" + ConvSpec.perAxis(s) + " p=" + padding
			+ (ones(d) ? "" : " d=" + ConvSpec.perAxis(d)) + (kind == LayerKind.CONVT && !zeros(op) ? " op=" + ConvSpec.perAxis(op) : "")
			+ (ceil ? " ceil=1" : "");
	}
}
