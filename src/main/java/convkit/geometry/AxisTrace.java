package convkit.geometry;

import convkit.engine.AxisStep;

/**
 * One axis of one layer in a traced stack: the layer's step (sizes, kernel, stride, dilation,
 * padding) and, after it, the receptive field {@code r}, jump {@code j} and {@code start} (centre of
 * output pixel 0's field, in input pixel coordinates), all relative to the stack's input — exact
 * fractions once a transposed layer divides the jump — and the chain that gives each output
 * pixel's exact field ({@link #reach}).
 */
public final class AxisTrace {

	private final AxisStep step;
	private final AxisChain chain;
	private final FieldMap map;
	private final int imageSize;

	AxisTrace(AxisStep step, AxisChain chain, int imageSize) {
		this.step = step;
		this.chain = chain;
		this.map = chain.map();
		this.imageSize = imageSize;
	}

	/** Size, kernel, stride, dilation, padding and output size of this layer along this axis. */
	public AxisStep geometry() {
		return step;
	}

	/** Where this layer's output pixels lie in the stack's input. */
	public FieldMap map() {
		return map;
	}

	/** The layers up to this one along this axis. */
	public AxisChain chain() {
		return chain;
	}

	/** Receptive field span in input pixels. */
	public Fraction field() {
		return map.field();
	}

	/** Distance in input pixels between neighbouring output pixels. */
	public Fraction jump() {
		return map.jump();
	}

	/** Centre of output pixel 0's field, in input pixel coordinates. */
	public Fraction start() {
		return map.start();
	}

	/**
	 * The first and last input pixel output pixel {@code o} of this layer depends on (inside the
	 * image: the gradient's extent), or null when none does.
	 */
	public int[] reach(int o) {
		return chain.reach(o);
	}

	/** Whether a tile halo applies: every layer so far is a window (no transposed layer). */
	public boolean hasHalo() {
		return !chain.hasTransposed();
	}

	/** Input pixels (or padding) a tile of this layer's output needs before its first pixel's {@code a·jump}: {@link FieldMap#haloBefore()}. */
	public int haloBefore() {
		return map.haloBefore();
	}

	/** Input pixels (or padding) a tile needs after its last pixel's {@code (b−1)·jump}: {@link FieldMap#haloAfter()}. */
	public int haloAfter() {
		return map.haloAfter();
	}

	/** Whether some output pixel's field span reaches beyond the stack's input image (into padding). */
	public boolean reachesPadding() {
		return map.first(0) < 0 || map.last(step.outputSize() - 1) > imageSize - 1;
	}
}
