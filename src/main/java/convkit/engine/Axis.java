package convkit.engine;

/**
 * A spatial axis, in ImageJ's order: x (width), y (height), z (depth). PyTorch writes them the
 * other way round ({@code (…, D, H, W)}).
 */
public enum Axis {
	X("x", "width", "left", "right"), Y("y", "height", "top", "bottom"), Z("z", "depth", "front", "back");

	private final String label;
	private final String sizeName;
	private final String lowSide;
	private final String highSide;

	Axis(String label, String sizeName, String lowSide, String highSide) {
		this.label = label;
		this.sizeName = sizeName;
		this.lowSide = lowSide;
		this.highSide = highSide;
	}

	/** {@code "x"}, {@code "y"} or {@code "z"}. */
	public String label() {
		return label;
	}

	/** {@code "width"}, {@code "height"} or {@code "depth"}, for messages. */
	public String sizeName() {
		return sizeName;
	}

	/** The side before the first pixel: left, top or front. */
	public String lowSide() {
		return lowSide;
	}

	/** The side after the last pixel: right, bottom or back. */
	public String highSide() {
		return highSide;
	}

	/** The axes of a convolution with {@code rank} spatial axes (2 or 3), in x, y, z order. */
	public static Axis[] of(int rank) {
		return rank == 3 ? new Axis[] { X, Y, Z } : new Axis[] { X, Y };
	}

	/** The axis named {@code label} (x, y or z). */
	public static Axis fromLabel(String label) {
		return Labels.parse(Axis.class, label, Axis::label, "axis");
	}
}
