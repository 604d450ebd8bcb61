package convkit.engine;

/**
 * One way of computing a convolution. Every algorithm gives the same numbers (within float32
 * rounding); they differ in speed. The work is cut into {@link OutputBlock}s that a
 * {@link BlockWorker} per thread computes; the algorithm says how large a block it works best on.
 */
public interface ConvAlgorithm {

	/** The name the report shows and {@code method=} takes. */
	String name();

	/** A worker for one thread, computing blocks of {@code plan} from {@code input}. */
	BlockWorker worker(ConvPlan plan, Tensor input);

	/**
	 * The most bytes a run on {@code threads} threads allocates besides the input and the output
	 * (workers' tap rings, accumulators, spectra...): the stated memory bound of the algorithm.
	 */
	long workspaceBytes(ConvPlan plan, int threads);

	/** The widest column tile a block should have (the workspace grows with it). */
	default int maxTileWidth(ConvPlan plan) {
		return 2048;
	}

	/** The widest column tile any block of {@code plan} gets: the output width, at most {@link #maxTileWidth}. */
	default int tileCapacity(ConvPlan plan) {
		return Math.min(plan.outputWidth(), maxTileWidth(plan));
	}

	/** The most output rows a block of {@code channels × tileWidth} should have. */
	default int maxBandRows(ConvPlan plan, int channels, int tileWidth) {
		return (int) Math.max(1, Math.min(64, Accumulators.BUDGET / ((long) channels * tileWidth)));
	}
}
