package convkit.engine;

import java.util.Arrays;

/**
 * The kernel-column samples ("taps") of padded input rows for one column tile of the output,
 * each row gathered once and kept while the output rows that read it are computed.
 * <p>
 * For padded input row {@code py} and kernel column {@code kx}, tap array {@code kx} holds, for
 * each output column {@code ox} of the tile, the padded input value at
 * {@code (py, ox·sx + kx·dx)} — the border filled by the padding mode. With the taps in arrays of
 * their own, the accumulation runs in {@link VectorLoops}' vectorised shape. Rows are kept in a
 * ring of {@code (kH − 1)·dy + 1} slots (every row one output row reads fits at once), so the
 * workspace is {@code slots · kW · tileWidth} floats ({@link #workspace}). Reused from tile to
 * tile by one worker (not thread-safe).
 */
final class TapRing {

	private final ConvPlan plan;
	private final float[] in;
	private final int capacity;
	private final float[] padded;
	private final int[] columnSource;
	private final float[][][] slots;
	private final int[] slotRow;
	private final float[][] zeroTaps;
	private int tileWidth;
	private int span;
	private int interiorFrom;
	private int interiorTo;
	private int channel = -1;

	/** A ring for column tiles of up to {@code capacity} output columns. */
	TapRing(ConvPlan plan, Tensor input, int capacity) {
		this.plan = plan;
		this.in = input.data();
		this.capacity = capacity;
		int kw = plan.kernelWidth();
		int maxSpan = paddedSpan(capacity);
		padded = new float[maxSpan];
		columnSource = new int[maxSpan];
		int count = (plan.kernelHeight() - 1) * plan.y().dilation() + 1;
		slots = new float[count][kw][capacity];
		slotRow = new int[count];
		zeroTaps = new float[kw][capacity];
	}

	/** Workspace floats of a ring for {@code tileWidth} columns. */
	static long workspace(ConvPlan plan, int tileWidth) {
		long slots = (plan.kernelHeight() - 1) * (long) plan.y().dilation() + 1;
		return slots * plan.kernelWidth() * tileWidth;
	}

	/** Padded columns a tile of {@code width} output columns reads. */
	private int paddedSpan(int width) {
		AxisGeometry gx = plan.x();
		return (width - 1) * gx.stride() + gx.dilation() * (plan.kernelWidth() - 1) + 1;
	}

	/** Switches to output columns {@code [x0, x1)} (at most the capacity) and input channel {@code c}. */
	void start(int x0, int x1, int c) {
		if (x1 - x0 > capacity) throw new IllegalArgumentException("tile of " + (x1 - x0) + " columns, capacity " + capacity);
		AxisGeometry gx = plan.x();
		tileWidth = x1 - x0;
		span = paddedSpan(tileWidth);
		int from = span;
		int to = 0;
		for (int i = 0; i < span; i++) {
			int xp = x0 * gx.stride() + i - gx.padLo();
			columnSource[i] = plan.mode().sourceIndex(xp, gx.inputSize());
			if (xp >= 0 && xp < gx.inputSize()) {
				from = Math.min(from, i);
				to = i + 1;
			}
		}
		interiorFrom = from;
		interiorTo = Math.max(from, to);
		channel = c;
		Arrays.fill(slotRow, Integer.MIN_VALUE);
	}

	/**
	 * The {@code kW} tap arrays (first {@code tileWidth} values meaningful) of padded input row
	 * {@code py} of the current channel: shared zero arrays when the row lies in zero padding.
	 * The arrays stay valid until a row {@code slots} rows further down is asked for.
	 */
	float[][] taps(int py) {
		int slot = Math.floorMod(py, slots.length);
		if (slotRow[slot] == py) return slots[slot];
		AxisGeometry gy = plan.y();
		int srcY = plan.mode().sourceIndex(py - gy.padLo(), gy.inputSize());
		if (srcY < 0) return zeroTaps;
		int rowBase = (channel * gy.inputSize() + srcY) * plan.x().inputSize();
		float[][] taps = slots[slot];
		int sx = plan.x().stride();
		int dx = plan.x().dilation();
		if (sx == 1) {
			// Each tap is a shifted window of the padded row: copy its interior straight from the input.
			for (int kx = 0; kx < taps.length; kx++) shiftedWindow(rowBase, kx * dx, taps[kx]);
		}
		else {
			gather(rowBase);
			for (int kx = 0; kx < taps.length; kx++) {
				int off = kx * dx;
				float[] t = taps[kx];
				for (int ox = 0; ox < tileWidth; ox++) t[ox] = padded[off + ox * sx];
			}
		}
		slotRow[slot] = py;
		return taps;
	}

	/** {@code t[ox] = padded[off + ox]} for the tile's columns, the interior copied from the input row. */
	private void shiftedWindow(int rowBase, int off, float[] t) {
		int from = Math.max(0, Math.min(tileWidth, interiorFrom - off));
		int to = Math.max(from, Math.min(tileWidth, interiorTo - off));
		for (int ox = 0; ox < from; ox++) t[ox] = sample(rowBase, columnSource[off + ox]);
		if (to > from) System.arraycopy(in, rowBase + columnSource[off + from], t, from, to - from);
		for (int ox = to; ox < tileWidth; ox++) t[ox] = sample(rowBase, columnSource[off + ox]);
	}

	/** Fills {@code padded} with the input row starting at {@code rowBase}, borders by the mode. */
	private void gather(int rowBase) {
		for (int i = 0; i < interiorFrom; i++) padded[i] = sample(rowBase, columnSource[i]);
		if (interiorTo > interiorFrom) {
			System.arraycopy(in, rowBase + columnSource[interiorFrom], padded, interiorFrom, interiorTo - interiorFrom);
		}
		for (int i = interiorTo; i < span; i++) padded[i] = sample(rowBase, columnSource[i]);
	}

	private float sample(int rowBase, int source) {
		return source < 0 ? 0f : in[rowBase + source];
	}
}
