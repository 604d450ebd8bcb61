package convkit.engine;

/**
 * Computes blocks of one plan on one thread, keeping its workspace (taps, accumulators) from
 * block to block so a run allocates per thread, not per block. Not thread-safe: one per thread.
 */
public interface BlockWorker {

	/**
	 * Computes the output values of {@code block} into {@code out}, laid out
	 * {@code [C_out, H_out, W_out]}, bias included; writes nothing outside the block.
	 */
	void compute(OutputBlock block, float[] out);
}
