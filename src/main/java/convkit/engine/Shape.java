package convkit.engine;

/**
 * The shape of a tensor: channels and two spatial axes ({@code [C, H, W]}) or three
 * ({@code [C, D, H, W]}). Immutable; every size is at least 1 and the whole fits a Java array.
 * <p>
 * Example: {@code Shape.of(3, 16, 64, 64).depth() == 16}; {@code Shape.of(3, 64, 64).rank() == 2}.
 */
public final class Shape {

	/** The most values a tensor may hold (a Java array's limit). */
	public static final long MAX_VALUES = Integer.MAX_VALUE - 8;

	private final int rank;
	private final int channels;
	private final int depth;
	private final int height;
	private final int width;

	private Shape(int rank, int channels, int depth, int height, int width) {
		this.rank = rank;
		this.channels = channels;
		this.depth = depth;
		this.height = height;
		this.width = width;
	}

	/** {@code [C, H, W]}. */
	public static Shape of(int channels, int height, int width) {
		check(2, channels, 1, height, width);
		return new Shape(2, channels, 1, height, width);
	}

	/** {@code [C, D, H, W]}. */
	public static Shape of(int channels, int depth, int height, int width) {
		check(3, channels, depth, height, width);
		return new Shape(3, channels, depth, height, width);
	}

	/** A shape of {@code rank} spatial axes (2 or 3); {@code depth} must be 1 for rank 2. */
	public static Shape of(int rank, int channels, int depth, int height, int width) {
		if (rank == 2) {
			if (depth != 1) throw new IllegalArgumentException("a 2-D shape has no depth, got depth " + depth);
			return of(channels, height, width);
		}
		if (rank == 3) return of(channels, depth, height, width);
		throw new IllegalArgumentException("spatial rank " + rank + " is not allowed (2 or 3)");
	}

	private static void check(int rank, int c, int d, int h, int w) {
		if (c < 1 || d < 1 || h < 1 || w < 1) {
			throw new IllegalArgumentException("shape " + text(rank, c, d, h, w) + " is not allowed: every dimension must be at least 1");
		}
		// each factor is below 2^31, so every partial product below checks before it can wrap
		long cd = (long) c * d;
		long cdh = cd > MAX_VALUES ? Long.MAX_VALUE : cd * h;
		long n = cdh > MAX_VALUES ? Long.MAX_VALUE : cdh * w;
		if (n > MAX_VALUES) {
			java.math.BigInteger exact = java.math.BigInteger.valueOf(c).multiply(java.math.BigInteger.valueOf(d))
				.multiply(java.math.BigInteger.valueOf(h)).multiply(java.math.BigInteger.valueOf(w));
			throw new IllegalArgumentException("shape " + text(rank, c, d, h, w) + " has " + exact + " values, more than a Java array"
				+ " holds (" + MAX_VALUES + ")");
		}
	}

	private static String text(int rank, int c, int d, int h, int w) {
		return rank == 3 ? "[" + c + ", " + d + ", " + h + ", " + w + "]" : "[" + c + ", " + h + ", " + w + "]";
	}

	/** Number of spatial axes: 2 or 3. */
	public int rank() {
		return rank;
	}

	public int channels() {
		return channels;
	}

	/** Depth (slices); 1 for a 2-D shape. */
	public int depth() {
		return depth;
	}

	public int height() {
		return height;
	}

	public int width() {
		return width;
	}

	/** The size along {@code axis} (z is 1 for a 2-D shape). */
	public int size(Axis axis) {
		switch (axis) {
			case X:
				return width;
			case Y:
				return height;
			default:
				return depth;
		}
	}

	/** Values of one channel: {@code D·H·W}. */
	public int voxels() {
		return depth * height * width;
	}

	/** All values: {@code C·D·H·W}. */
	public int values() {
		return channels * voxels();
	}

	/** The same spatial sizes with {@code c} channels. */
	public Shape withChannels(int c) {
		return of(rank, c, depth, height, width);
	}

	/** {@code [C, H, W]} or {@code [C, D, H, W]}; PyTorch's order. */
	@Override
	public String toString() {
		return text(rank, channels, depth, height, width);
	}

	@Override
	public boolean equals(Object o) {
		if (!(o instanceof Shape)) return false;
		Shape s = (Shape) o;
		return rank == s.rank && channels == s.channels && depth == s.depth && height == s.height && width == s.width;
	}

	@Override
	public int hashCode() {
		return (((rank * 31 + channels) * 31 + depth) * 31 + height) * 31 + width;
	}
}
