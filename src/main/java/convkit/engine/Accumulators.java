package convkit.engine;

import java.util.Arrays;

/**
 * A worker's accumulators for the block at hand: one array per output channel and (plane, row)
 * of the block, started at the channel's bias and copied into the output at the end. Separate
 * arrays keep the accumulation loops in {@link VectorLoops}' vectorised shape; they are reused
 * (grown when a block is larger) from block to block.
 */
final class Accumulators {

	/** Floats of accumulators a block aims to stay within (256 KiB, about a core's L2 share). */
	static final long BUDGET = 64 * 1024;

	private final ConvPlan plan;
	private float[][][] rows = new float[0][0][0];
	private OutputBlock block;

	Accumulators(ConvPlan plan) {
		this.plan = plan;
	}

	/** The most output rows per block that keep {@code channels × tileWidth}-wide accumulators within the budget (1 to 64). */
	static int rowsWithinBudget(int channels, int tileWidth) {
		return (int) Math.max(1, Math.min(64, BUDGET / ((long) channels * tileWidth)));
	}

	/** {@code {planes, rows}} of a block of at most {@code rows} output rows: whole planes when a plane is shorter. */
	static int[] band(ConvPlan plan, int rows) {
		int outH = plan.outputHeight();
		return outH >= rows ? new int[] { 1, rows } : new int[] { Math.max(1, rows / outH), outH };
	}

	/** Floats the accumulators of one worker may grow to for {@code plan} with tiles of {@code tileWidth} columns. */
	static long workspaceFloats(ConvPlan plan, int tileWidth) {
		return Math.max(BUDGET, (long) plan.outChannelsPerGroup() * tileWidth);
	}

	/** Makes room for {@code block} and sets every value to its channel's bias (or 0). */
	void start(OutputBlock block) {
		prepare(block);
		for (int j = 0; j < block.channels(); j++) {
			float b = bias(j);
			for (int r = 0; r < block.rows(); r++) Arrays.fill(rows[j][r], 0, block.columns(), b);
		}
	}

	/** The bias of block channel {@code j} (0 without bias). */
	float bias(int j) {
		float[] bias = plan.biasInternal();
		return bias == null ? 0f : bias[block.firstChannel() + j];
	}

	/** Makes room for {@code block}, leaving the values to be set by the caller's first pass. */
	void prepare(OutputBlock block) {
		this.block = block;
		int c = rows.length;
		int r = c == 0 ? 0 : rows[0].length;
		int w = r == 0 ? 0 : rows[0][0].length;
		if (c < block.channels() || r < block.rows() || w < block.columns()) {
			rows = new float[Math.max(c, block.channels())][Math.max(r, block.rows())][Math.max(w, block.columns())];
		}
	}

	/** The accumulator of block channel {@code j} (0-based) and block row {@code r} (plane-major). */
	float[] row(int j, int r) {
		return rows[j][r];
	}

	/** Copies the block's values into their places in {@code out} ({@code [C_out, D_out, H_out, W_out]}). */
	void store(float[] out) {
		int outW = plan.outputWidth();
		int outH = plan.outputHeight();
		int outD = plan.outputDepth();
		int perPlane = block.rowsPerPlane();
		for (int j = 0; j < block.channels(); j++) {
			for (int r = 0; r < block.rows(); r++) {
				int oz = block.firstPlane() + r / perPlane;
				int oy = block.firstRow() + r % perPlane;
				int at = (((block.firstChannel() + j) * outD + oz) * outH + oy) * outW + block.firstColumn();
				System.arraycopy(rows[j][r], 0, out, at, block.columns());
			}
		}
	}
}
