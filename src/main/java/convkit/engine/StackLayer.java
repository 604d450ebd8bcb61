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
		 * Per axis (x, y[, z]), how each output pixel connects to the layer's input — a window
		 * (kernel, stride, dilation, padding; one pixel for element-wise layers) or a transposed
		 * convolution's spread — from which receptive fields compose.
		 */
		AxisStep[] axisSteps();

		/** How the layer pads its input, for pictures of the padding: a mode name, or {@code constant V}. */
		default String padding() {
			return PaddingMode.ZEROS.describe(0f);
		}
	}
}
