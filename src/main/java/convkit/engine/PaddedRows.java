package convkit.engine;

import java.util.Arrays;

/**
 * Reads padded input rows of one channel over a span of padded columns, the border made by the
 * padding mode ({@link PaddingMode#sourceIndex}) and the interior copied straight from the input.
 * Rows and columns past the padded input read as the fill value (callers read them only for
 * outputs they drop). Reused from block to block by one worker (not thread-safe).
 */
final class PaddedRows {

	private final ConvPlan plan;
	private final float fill;
	private int[] columnSource = new int[0];
	private int span;
	private int interiorFrom;
	private int interiorTo;
	private float[] in;
	private int channel;

	PaddedRows(ConvPlan plan) {
		this.plan = plan;
		this.fill = plan.fillValue();
	}

	/** Reads padded columns {@code [first, first + span)} from now on. */
	void columns(int first, int span) {
		AxisGeometry gx = plan.x();
		if (columnSource.length < span) columnSource = new int[span];
		this.span = span;
		int from = span;
		int to = 0;
		for (int i = 0; i < span; i++) {
			int px = first + i;
			int xi = px - gx.padLo();
			columnSource[i] = px >= gx.paddedSize() ? -1 : plan.mode().sourceIndex(xi, gx.inputSize());
			if (xi >= 0 && xi < gx.inputSize()) {
				from = Math.min(from, i);
				to = i + 1;
			}
		}
		interiorFrom = from;
		interiorTo = Math.max(from, to);
	}

	/** Reads channel {@code c} of input {@code in} ({@code [C_in, D, H, W]}) from now on. */
	void input(float[] in, int c) {
		this.in = in;
		this.channel = c;
	}

	/** Where padded row {@code (pz, py)} starts in the input, or -1 when it lies in zero or constant padding or past the padded input. */
	int rowBase(int pz, int py) {
		AxisGeometry gz = plan.z();
		AxisGeometry gy = plan.y();
		if (pz >= gz.paddedSize() || py >= gy.paddedSize()) return -1;
		int srcZ = plan.mode().sourceIndex(pz - gz.padLo(), gz.inputSize());
		int srcY = plan.mode().sourceIndex(py - gy.padLo(), gy.inputSize());
		if (srcZ < 0 || srcY < 0) return -1;
		return ((channel * gz.inputSize() + srcZ) * gy.inputSize() + srcY) * plan.x().inputSize();
	}

	/** {@code dst[0 .. span)} = the span of the row at {@code rowBase} ({@link #rowBase}; -1 fills it). */
	void read(int rowBase, float[] dst) {
		window(rowBase, 0, dst, 0, span);
	}

	/** {@code dst[at + i] = padded[off + i]} for {@code i < width}: the interior copied from the input. */
	void window(int rowBase, int off, float[] dst, int at, int width) {
		if (rowBase < 0) {
			Arrays.fill(dst, at, at + width, fill);
			return;
		}
		int from = Math.max(0, Math.min(width, interiorFrom - off));
		int to = Math.max(from, Math.min(width, interiorTo - off));
		for (int i = 0; i < from; i++) dst[at + i] = sample(rowBase, columnSource[off + i]);
		if (to > from) System.arraycopy(in, rowBase + columnSource[off + from], dst, at + from, to - from);
		for (int i = to; i < width; i++) dst[at + i] = sample(rowBase, columnSource[off + i]);
	}

	private float sample(int rowBase, int source) {
		return source < 0 ? fill : in[rowBase + source];
	}
}
