package convkit.engine;

import java.util.Arrays;

/**
 * The kernel-column samples ("taps") of padded input rows for one column tile of the output,
 * each row gathered once and kept while the output rows that read it are computed.
 * <p>
 * For padded input row {@code (pz, py)} and kernel column {@code kx}, tap array {@code kx} holds,
 * for each output column {@code ox} of the tile, the padded input value at
 * {@code (pz, py, ox·sx + kx·dx)} — the border filled by the padding mode. With the taps in arrays
 * of their own, the accumulation runs in {@link VectorLoops}' vectorised shape. Rows are kept in
 * one ring per kernel plane {@code kz}, of {@code (kH − 1)·dy + 1} slots each (every row one output
 * row reads from that kernel plane fits at once), so the workspace is
 * {@code kD · slots · kW · tileWidth} floats ({@link #workspaceFloats}). Reused from tile to tile by
 * one worker (not thread-safe).
 */
final class TapRing {

	private final ConvPlan plan;
	private final int capacity;
	private final PaddedRows rows;
	private final float[] padded;
	private final float[][][][] slots;
	private final long[][] slotKey;
	private final float[][] fillTaps;
	private final float fill;
	private int tileWidth;
	/** Whole padded rows, for the shifted form ({@link #row}): made on first use, one ring per kernel plane. */
	private float[][][] rowSlots;
	private long[][] rowKey;
	private float[] fillRow;

	/** {@code rings} rings (kernel planes) for column tiles of up to {@code capacity} output columns. */
	TapRing(ConvPlan plan, int capacity, int rings) {
		this.plan = plan;
		this.capacity = capacity;
		int kw = plan.kernelWidth();
		rows = new PaddedRows(plan);
		padded = new float[paddedSpan(plan, capacity)];
		int count = slotsPerPlane(plan);
		slots = new float[rings][count][kw][capacity];
		slotKey = new long[rings][count];
		fill = plan.fillValue();
		fillTaps = new float[kw][capacity];
		if (fill != 0) for (float[] t : fillTaps) Arrays.fill(t, fill);
	}

	/** Rows one kernel plane's ring keeps: {@code (kH − 1)·dy + 1}. */
	static int slotsPerPlane(ConvPlan plan) {
		return (plan.kernelHeight() - 1) * plan.y().dilation() + 1;
	}

	/** Workspace floats of {@code rings} rings for {@code tileWidth} columns: the slots, the fill taps, the whole rows and the padded row. */
	static long workspaceFloats(ConvPlan plan, int tileWidth, int rings) {
		long taps = ((long) rings * slotsPerPlane(plan) + 1) * plan.kernelWidth() * tileWidth;
		long rows = ((long) rings * slotsPerPlane(plan) + 1) * paddedSpan(plan, tileWidth); // the whole rows of the shifted form
		return taps + rows + 2L * paddedSpan(plan, tileWidth);
	}

	/** Padded columns a tile of {@code width} output columns reads. */
	private static int paddedSpan(ConvPlan plan, int width) {
		AxisGeometry gx = plan.x();
		return (width - 1) * gx.stride() + gx.effectiveKernel();
	}

	/** Switches to input {@code in}, its channel {@code c}, and output columns {@code [x0, x1)} (at most the capacity). */
	void start(float[] in, int c, int x0, int x1) {
		if (x1 - x0 > capacity) throw new IllegalArgumentException("tile of " + (x1 - x0) + " columns, capacity " + capacity);
		tileWidth = x1 - x0;
		rows.columns(x0 * plan.x().stride(), paddedSpan(plan, tileWidth));
		rows.input(in, c);
		for (long[] keys : slotKey) Arrays.fill(keys, Long.MIN_VALUE);
		if (rowKey != null) for (long[] keys : rowKey) Arrays.fill(keys, Long.MIN_VALUE);
	}

	/** The key a ring slot holding padded row {@code (pz, py)} carries. */
	static long key(int pz, int py) {
		return ((long) pz << 32) | (py & 0xffffffffL);
	}

	/** Whether the taps are shifted windows of one padded row (stride 1 along x), so {@link #row} may stand for them. */
	boolean shifted() {
		return plan.x().stride() == 1;
	}

	/**
	 * Padded input row {@code py} of padded plane {@code pz} over the current tile, whole: tap
	 * {@code kx} of output column {@code ox} is {@code row[ox + kx·dx]} (stride 1 only,
	 * {@link #shifted}), kept in kernel plane {@code kz}'s ring as {@link #taps} keeps its taps — one
	 * array instead of {@code kW} copies, for loops that read at an offset (the Vector API path).
	 */
	float[] row(int kz, int pz, int py) {
		if (rowSlots == null) {
			int span = paddedSpan(plan, capacity);
			rowSlots = new float[slotKey.length][slotKey[0].length][span];
			rowKey = new long[slotKey.length][slotKey[0].length];
			for (long[] keys : rowKey) Arrays.fill(keys, Long.MIN_VALUE);
			fillRow = new float[span];
			Arrays.fill(fillRow, fill);
		}
		int count = rowKey[kz].length;
		int slot = Math.floorMod(py, count);
		long key = key(pz, py);
		if (rowKey[kz][slot] == key) return rowSlots[kz][slot];
		int rowBase = rows.rowBase(pz, py);
		if (rowBase < 0) return fillRow;
		rows.read(rowBase, rowSlots[kz][slot]);
		rowKey[kz][slot] = key;
		return rowSlots[kz][slot];
	}

	/**
	 * The {@code kW} tap arrays (first {@code tileWidth} values meaningful) of padded input row
	 * {@code py} of padded plane {@code pz}, kept in kernel plane {@code kz}'s ring: shared arrays
	 * of the fill value when the row lies in zero or constant padding. The arrays stay valid until that ring is asked for
	 * a row {@code slots} rows further down, or for another plane.
	 */
	float[][] taps(int kz, int pz, int py) {
		int count = slotKey[kz].length;
		int slot = Math.floorMod(py, count);
		long key = key(pz, py);
		if (slotKey[kz][slot] == key) return slots[kz][slot];
		int rowBase = rows.rowBase(pz, py);
		if (rowBase < 0) return fillTaps;
		float[][] taps = slots[kz][slot];
		cut(rowBase, taps, 0, 0);
		slotKey[kz][slot] = key;
		return taps;
	}

	/**
	 * Writes the {@code kW} taps of padded row {@code (pz, py)} of the current channel into
	 * {@code dst[first + kx]} at {@code at}, without keeping them: for callers that gather the
	 * taps of many rows into arrays of their own.
	 */
	void copyTaps(int pz, int py, float[][] dst, int first, int at) {
		cut(rows.rowBase(pz, py), dst, first, at);
	}

	/** Cuts the padded row at {@code rowBase} ({@link PaddedRows#rowBase}) into its {@code kW} taps, written to {@code dst[first + kx]} from index {@code at}. */
	private void cut(int rowBase, float[][] dst, int first, int at) {
		int kw = plan.kernelWidth();
		int sx = plan.x().stride();
		int dx = plan.x().dilation();
		if (sx == 1) {
			// Each tap is a shifted window of the padded row: its interior copied straight from the input.
			for (int kx = 0; kx < kw; kx++) rows.window(rowBase, kx * dx, dst[first + kx], at, tileWidth);
			return;
		}
		rows.read(rowBase, padded);
		for (int kx = 0; kx < kw; kx++) {
			int off = kx * dx;
			float[] t = dst[first + kx];
			for (int ox = 0; ox < tileWidth; ox++) t[at + ox] = padded[off + ox * sx];
		}
	}
}
