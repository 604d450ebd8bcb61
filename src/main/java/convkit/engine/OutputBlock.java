package convkit.engine;

/**
 * One independent piece of a run's output: for input position {@code position} of the run, output
 * channels {@code [c0, c1)} of one group, and the box of output planes {@code [z0, z1)}, rows
 * {@code [y0, y1)} and columns {@code [x0, x1)}. Blocks never overlap, so they run on any thread in
 * any order, and an algorithm's workspace scales with a block, not the image. A block's "rows" are
 * its (plane, row) pairs, plane-major: row {@code r} is plane {@code z0 + r / (y1 − y0)}.
 */
final class OutputBlock {

	private final int position;
	private final int group;
	private final int c0;
	private final int c1;
	private final int z0;
	private final int z1;
	private final int y0;
	private final int y1;
	private final int x0;
	private final int x1;

	OutputBlock(int position, int group, int c0, int c1, int z0, int z1, int y0, int y1, int x0, int x1) {
		if (c1 <= c0 || z1 <= z0 || y1 <= y0 || x1 <= x0) throw new IllegalArgumentException("empty block");
		this.position = position;
		this.group = group;
		this.c0 = c0;
		this.c1 = c1;
		this.z0 = z0;
		this.z1 = z1;
		this.y0 = y0;
		this.y1 = y1;
		this.x0 = x0;
		this.x1 = x1;
	}

	/** Index of the input (and output) tensor of the run. */
	int position() {
		return position;
	}

	/** The group whose input channels the block reads. */
	int group() {
		return group;
	}

	/** First output channel (absolute index). */
	int firstChannel() {
		return c0;
	}

	/** One past the last output channel. */
	int endChannel() {
		return c1;
	}

	int firstPlane() {
		return z0;
	}

	int endPlane() {
		return z1;
	}

	int firstRow() {
		return y0;
	}

	int endRow() {
		return y1;
	}

	int firstColumn() {
		return x0;
	}

	int endColumn() {
		return x1;
	}

	/** Number of output channels. */
	int channels() {
		return c1 - c0;
	}

	/** Number of output planes. */
	int planes() {
		return z1 - z0;
	}

	/** Number of output rows of each plane. */
	int rowsPerPlane() {
		return y1 - y0;
	}

	/** Number of (plane, row) pairs: planes × rows per plane. */
	int rows() {
		return planes() * rowsPerPlane();
	}

	/** Number of output columns. */
	int columns() {
		return x1 - x0;
	}

	@Override
	public String toString() {
		return "block(position " + position + ", group " + group + ", channels " + c0 + ".." + (c1 - 1) + ", planes " + z0 + ".."
			+ (z1 - 1) + ", rows " + y0 + ".." + (y1 - 1) + ", columns " + x0 + ".." + (x1 - 1) + ")";
	}
}
