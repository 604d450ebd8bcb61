package convkit.engine;

/**
 * One independent piece of a convolution's output: output channels {@code [c0, c1)} of one group
 * and output rows {@code [y0, y1)}. Blocks never overlap, so they run on any thread in any order.
 */
public final class OutputBlock {

	private final int group;
	private final int c0;
	private final int c1;
	private final int y0;
	private final int y1;

	OutputBlock(int group, int c0, int c1, int y0, int y1) {
		this.group = group;
		this.c0 = c0;
		this.c1 = c1;
		this.y0 = y0;
		this.y1 = y1;
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

	@Override
	public String toString() {
		return "block(group " + group + ", channels " + c0 + ".." + (c1 - 1) + ", rows " + y0 + ".." + (y1 - 1) + ")";
	}
}
