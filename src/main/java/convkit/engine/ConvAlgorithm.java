package convkit.engine;

/**
 * One way of computing a convolution. Every algorithm gives the same numbers (within float32
 * rounding); they differ in speed. An algorithm writes only the output values of the block it is
 * given, so blocks can run in parallel.
 */
public interface ConvAlgorithm {

	/** The name the report shows and {@code method=} takes. */
	String name();

	/**
	 * Computes the output values of {@code block} into {@code out}, laid out
	 * {@code [C_out, H_out, W_out]}, bias included.
	 */
	void compute(ConvPlan plan, Tensor input, OutputBlock block, float[] out);
}
