package convkit.engine;

/**
 * One independent piece of a convolution's output: output channels {@code [c0, c1)} of one group,
 * output rows {@code [y0, y1)} and output columns {@code [x0, x1)}. Blocks never overlap, so they
 * run on any thread in any order, and an algorithm's workspace scales with a block, not the image.
 */
public final class OutputBlock {

	private final int group;
	private final int c0;
	private final int c1;
	private final int y0;
	private final int y1;
	private final int x0;
	private final int x1;

	OutputBlock(int group, int c0, int c1, int y0, int y1, int x0, int x1) {
		if (c1 <= c0 || y1 <= y0 || x1 <= x0) throw new IllegalArgumentException("empty block");
		this.group = group;
		this.c0 = c0;
		this.c1 = c1;
		this.y0 = y0;
		this.y1 = y1;
		this.x0 = x0;
		this.x1 = x1;
	}

	/** The group whose input channels the block reads. */
	public int group() {
		return group;
	}

	/** First output channel (absolute index). */
	public int firstChannel() {
		return c0;
	}

	/** One past the last output channel. */
	public int endChannel() {
		return c1;
	}

	/** First output row. */
	public int firstRow() {
		return y0;
	}

	/** One past the last output row. */
	public int endRow() {
		return y1;
	}

	/** First output column. */
	public int firstColumn() {
		return x0;
	}

	/** One past the last output column. */
	public int endColumn() {
		return x1;
	}

	/** Number of output channels. */
	public int channels() {
		return c1 - c0;
	}

	/** Number of output rows. */
	public int rows() {
		return y1 - y0;
	}

	/** Number of output columns. */
	public int columns() {
		return x1 - x0;
	}

	@Override
	public String toString() {
		return "block(group " + group + ", channels " + c0 + ".." + (c1 - 1) + ", rows " + y0 + ".." + (y1 - 1)
			+ ", columns " + x0 + ".." + (x1 - 1) + ")";
	}
}
