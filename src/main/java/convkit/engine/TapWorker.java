package convkit.engine;

/**
 * What the tap-based workers ({@link DirectConvolution}, {@link SeparableConvolution}) share:
 * the plan, a {@link TapRing} as wide as the widest column tile, the block's
 * {@link Accumulators}, and scratch arrays for the non-zero weights of one accumulation.
 */
abstract class TapWorker implements BlockWorker {

	final ConvPlan plan;
	final TapRing ring;
	final Accumulators acc;
	final float[][] picked;
	final float[] pickedW;

	TapWorker(ConvPlan plan, Tensor input, int tileCapacity, int maxTaps) {
		this.plan = plan;
		this.ring = new TapRing(plan, input, tileCapacity);
		this.acc = new Accumulators(plan);
		this.picked = new float[maxTaps][];
		this.pickedW = new float[maxTaps];
	}

	/**
	 * Floats one tap worker holds for {@code plan}: its ring ({@link TapRing#workspace}) and
	 * accumulators (at most {@link Accumulators#BUDGET}, or one row per channel of the widest block).
	 */
	static long workspaceFloats(ConvPlan plan, ConvAlgorithm algorithm) {
		int tile = Math.min(plan.outputWidth(), algorithm.maxTileWidth(plan));
		long padded = (tile - 1L) * plan.x().stride() + plan.x().dilation() * (plan.kernelWidth() - 1L) + 1;
		long accumulators = Math.max(Accumulators.BUDGET, (long) plan.outChannelsPerGroup() * tile);
		return TapRing.workspace(plan, tile) + plan.kernelWidth() * (long) tile + 2 * padded + accumulators;
	}

	/** Adds {@code Σ w[offset + m]·arrays[m]} (non-zero weights only) to {@code a} over {@code n} values. */
	final void addWeighted(float[] a, float[] w, int offset, float[][] arrays, int count, int n) {
		int nonZero = VectorLoops.pick(w, offset, arrays, count, pickedW, picked);
		VectorLoops.addTaps(a, pickedW, picked, nonZero, n);
	}

	/** Sets {@code a} to {@code c + Σ w[offset + m]·arrays[m]} (non-zero weights only) over {@code n} values. */
	final void setWeighted(float[] a, float c, float[] w, int offset, float[][] arrays, int count, int n) {
		int nonZero = VectorLoops.pick(w, offset, arrays, count, pickedW, picked);
		VectorLoops.setTaps(a, c, pickedW, picked, nonZero, n);
	}
}
