package convkit.engine;

import java.util.Arrays;

/**
 * The row work the algorithms share: gathering a padded input row (the mode's values in the
 * border), taking the kernel tap's strided, dilated samples out of it, and starting and storing
 * output rows. Tap samples land in their own array so the accumulation loops keep the form
 * {@code a[i] += w * b[i]}, which HotSpot vectorises. One instance per block (not thread-safe).
 */
final class PaddedRows {

	private final ConvPlan plan;
	private final float[] in;
	private final int[] colSource;
	private final float[] bias;

	/** Padded width the block reads: {@code (outW − 1)·sx + dx·(kW − 1) + 1}. */
	final int width;

	PaddedRows(ConvPlan plan, Tensor input) {
		this.plan = plan;
		this.in = input.data();
		this.bias = plan.biasInternal();
		AxisGeometry gx = plan.x();
		width = (gx.outputSize() - 1) * gx.stride() + gx.dilation() * (plan.kernelWidth() - 1) + 1;
		colSource = new int[width];
		for (int xp = 0; xp < width; xp++) colSource[xp] = plan.mode().sourceIndex(xp - gx.padLo(), gx.inputSize());
	}

	/**
	 * Fills {@code row} with channel {@code channel}'s padded row read by output row {@code oy}
	 * at kernel row {@code ky}; false (row untouched) when that row lies in zero padding.
	 */
	boolean gather(int channel, int oy, int ky, float[] row) {
		AxisGeometry gy = plan.y();
		int inH = gy.inputSize();
		int inW = plan.x().inputSize();
		int srcY = plan.mode().sourceIndex(oy * gy.stride() + ky * gy.dilation() - gy.padLo(), inH);
		if (srcY < 0) return false;
		int rowBase = (channel * inH + srcY) * inW;
		for (int xp = 0; xp < width; xp++) {
			int s = colSource[xp];
			row[xp] = s < 0 ? 0f : in[rowBase + s];
		}
		return true;
	}

	/** The samples of kernel column {@code kx} for every output column, from a padded row. */
	void tap(float[] row, int kx, float[] tap) {
		AxisGeometry gx = plan.x();
		int off = kx * gx.dilation();
		int outW = gx.outputSize();
		int sx = gx.stride();
		if (sx == 1) System.arraycopy(row, off, tap, 0, outW);
		else for (int ox = 0; ox < outW; ox++) tap[ox] = row[off + ox * sx];
	}

	/** Sets each accumulator row to its output channel's bias (or 0); {@code acc[j]} is channel {@code c0 + j}. */
	void start(float[][] acc, int c0) {
		for (int j = 0; j < acc.length; j++) Arrays.fill(acc[j], bias == null ? 0f : bias[c0 + j]);
	}

	/** Stores the accumulator rows as output row {@code oy} of channels {@code c0 ...}. */
	void store(float[][] acc, int c0, int oy, float[] out) {
		int outW = plan.outputWidth();
		int outH = plan.outputHeight();
		for (int j = 0; j < acc.length; j++) System.arraycopy(acc[j], 0, out, ((c0 + j) * outH + oy) * outW, outW);
	}

	/** {@code a[i] += w * b[i]} for {@code i < n}: the loop shape HotSpot vectorises. */
	static void axpy(float[] a, float w, float[] b, int n) {
		for (int i = 0; i < n; i++) a[i] += w * b[i];
	}
}
