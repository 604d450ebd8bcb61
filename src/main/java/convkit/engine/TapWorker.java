package convkit.engine;

/**
 * What the tap-based workers ({@link DirectConvolution}, {@link SeparableConvolution}) share:
 * the plan, a {@link TapRing} as wide as the algorithm's widest column tile, the block's
 * {@link Accumulators}.
 */
abstract class TapWorker implements BlockWorker {

	final ConvPlan plan;
	final TapRing ring;
	final Accumulators acc;

	TapWorker(ConvPlan plan, Tensor input, ConvAlgorithm algorithm) {
		this.plan = plan;
		this.ring = new TapRing(plan, input, algorithm.tileCapacity(plan));
		this.acc = new Accumulators(plan);
	}

	/**
	 * Floats one tap worker holds for {@code plan}: its ring ({@link TapRing#workspace}) and
	 * accumulators (at most {@link Accumulators#BUDGET}, or one row per channel of the widest block).
	 */
	static long workspaceFloats(ConvPlan plan, ConvAlgorithm algorithm) {
		int tile = algorithm.tileCapacity(plan);
		long padded = (tile - 1L) * plan.x().stride() + plan.x().dilation() * (plan.kernelWidth() - 1L) + 1;
		long accumulators = Math.max(Accumulators.BUDGET, (long) plan.outChannelsPerGroup() * tile);
		return TapRing.workspace(plan, tile) + plan.kernelWidth() * (long) tile + 2 * padded + accumulators;
	}
}
