package convkit.engine;

/**
 * Computes blocks of one prepared convolution on one thread, keeping its workspace (taps,
 * accumulators, transforms) from block to block so a run allocates per thread, not per block.
 * Not thread-safe: one per thread.
 */
interface BlockWorker {

	/**
	 * Computes the output values of {@code block} from {@code in} (the block's input position,
	 * {@code [C_in, D, H, W]}) into {@code out} (its output position, {@code [C_out, D_out, H_out, W_out]}),
	 * bias included; writes nothing outside the block.
	 */
	void compute(OutputBlock block, float[] in, float[] out);
}
