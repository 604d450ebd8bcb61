package convkit.engine;

/**
 * One layer of a stack for the size and receptive-field calculator: kind, kernel, stride and
 * dilation per axis, and padding. Immutable, validated when made.
 * <p>
 * Example: {@code Layer.of(LayerKind.CONV, 3, 3, 1, 1, 1, 1, Padding.of(1))}.
 */
public final class Layer {

	private final LayerKind kind;
	private final int kx;
	private final int ky;
	private final int sx;
	private final int sy;
	private final int dx;
	private final int dy;
	private final Padding padding;

	private Layer(LayerKind kind, int kx, int ky, int sx, int sy, int dx, int dy, Padding padding) {
		this.kind = kind;
		this.kx = kx;
		this.ky = ky;
		this.sx = sx;
		this.sy = sy;
		this.dx = dx;
		this.dy = dy;
		this.padding = padding;
	}

	/** A layer with per-axis kernel, stride and dilation (x then y). */
	public static Layer of(LayerKind kind, int kx, int ky, int sx, int sy, int dx, int dy, Padding padding) {
		if (kind == null) throw new IllegalArgumentException("layer kind must be given");
		if (kx < 1 || ky < 1) throw new IllegalArgumentException("kernel size must be at least 1, not " + pair(kx, ky));
		if (sx < 1 || sy < 1) throw new IllegalArgumentException("stride must be at least 1, not " + pair(sx, sy));
		if (dx < 1 || dy < 1) throw new IllegalArgumentException("dilation must be at least 1, not " + pair(dx, dy));
		if (padding == null) throw new IllegalArgumentException("padding must be given");
		if (kind == LayerKind.RELU && (kx != 1 || ky != 1 || sx != 1 || sy != 1 || !padding.equals(Padding.valid()))) {
			throw new IllegalArgumentException("relu is element-wise: it takes no kernel, stride or padding");
		}
		return new Layer(kind, kx, ky, sx, sy, dx, dy, padding);
	}

	/** An element-wise layer (k = 1). */
	public static Layer relu() {
		return of(LayerKind.RELU, 1, 1, 1, 1, 1, 1, Padding.valid());
	}

	private static String pair(int x, int y) {
		return x == y ? Integer.toString(x) : x + "," + y;
	}

	public LayerKind kind() {
		return kind;
	}

	public int kernelX() {
		return kx;
	}

	public int kernelY() {
		return ky;
	}

	public int strideX() {
		return sx;
	}

	public int strideY() {
		return sy;
	}

	public int dilationX() {
		return dx;
	}

	public int dilationY() {
		return dy;
	}

	public Padding padding() {
		return padding;
	}

	@Override
	public String toString() {
		if (kind == LayerKind.RELU) return "relu";
		return kind.label() + " k=" + pair(kx, ky) + " s=" + pair(sx, sy) + " p=" + padding
			+ (dx == 1 && dy == 1 ? "" : " d=" + pair(dx, dy));
	}
}
