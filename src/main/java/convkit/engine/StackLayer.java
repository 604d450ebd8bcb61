package convkit.engine;

/**
 * One layer of a {@link LayerStack}, PyTorch's module semantics: a convolution, a transposed
 * convolution, a pool, batch norm in eval mode, or an activation. Immutable; {@link #prepare}
 * resolves it against the shape it receives and refuses what cannot run on that shape (the stack
 * adds which layer).
 */
public interface StackLayer {

	/** The layer's name in the stack text: {@code conv}, {@code convt}, {@code maxpool}, {@code avgpool}, {@code bn}, {@code relu}, {@code leakyrelu}. */
	String label();

	/** The layer resolved against an input of {@code input}; refused with the reason when it cannot run on it. */
	Prepared prepare(Shape input);

	/** A layer ready for inputs of one shape. */
	interface Prepared {

		/** The shape of its output. */
		Shape outputShape();

		/** The layer applied to {@code in} (of the prepared shape). */
		Tensor run(Tensor in, Execution exec);

		/** The PyTorch module (or padding step and module) that computes the same, in PyTorch's order. */
		java.util.List<String> pytorch();

		/** The algorithm that computes it, for reports ({@code direct}, {@code fft}, {@code element-wise}, ...). */
		String method();

		/**
		 * Per axis (x, y[, z]), the window of this layer's input that each output pixel reads —
		 * kernel, stride, dilation and padding before it — from which receptive fields compose; a
		 * one-pixel window for element-wise layers. Empty for a transposed layer, whose output
		 * pixels are not windows over its input.
		 */
		java.util.Optional<AxisGeometry[]> window();
	}
}
