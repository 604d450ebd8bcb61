package convkit.geometry;

import convkit.engine.AxisGeometry;

/**
 * One axis of one layer in a traced stack: the layer's geometry and, after it, the receptive
 * field size {@code r}, jump {@code j} and {@code start} (centre of output pixel 0's field, in
 * input pixel coordinates), all relative to the stack's input.
 */
public final class AxisTrace {

	private final AxisGeometry geometry;
	private final FieldMap map;
	private final int imageSize;

	AxisTrace(AxisGeometry geometry, FieldMap map, int imageSize) {
		this.geometry = geometry;
		this.map = map;
		this.imageSize = imageSize;
	}

	/** Size, kernel, stride, dilation, padding and output size of this layer along this axis. */
	public AxisGeometry geometry() {
		return geometry;
	}

	/** Where this layer's output pixels lie in the stack's input. */
	public FieldMap map() {
		return map;
	}

	/** Receptive field size in input pixels. */
	public int field() {
		return map.field();
	}

	/** Distance in input pixels between neighbouring output pixels. */
	public int jump() {
		return map.jump();
	}

	/** Centre of output pixel 0's field, in input pixel coordinates. */
	public double start() {
		return map.start();
	}

	/** Input pixels (or padding) a tile of this layer's output needs before its first pixel's {@code a·jump}: {@link FieldMap#haloBefore()}. */
	public int haloBefore() {
		return map.haloBefore();
	}

	/** Input pixels (or padding) a tile needs after its last pixel's {@code (b−1)·jump}: {@link FieldMap#haloAfter()}. */
	public int haloAfter() {
		return map.haloAfter();
	}

	/** Whether some output pixel's field reaches beyond the stack's input image (into padding). */
	public boolean reachesPadding() {
		return map.first(0) < 0 || map.last(geometry.outputSize() - 1) > imageSize - 1;
	}
}
