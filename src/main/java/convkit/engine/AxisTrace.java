package convkit.engine;

/**
 * One axis of one layer in a traced stack: the layer's geometry and, after it, the receptive
 * field size {@code r}, jump {@code j} and {@code start} (centre of output pixel 0's field, in
 * input pixel coordinates), all relative to the stack's input.
 */
public final class AxisTrace {

	private final AxisGeometry geometry;
	private final int field;
	private final int jump;
	private final double start;
	private final int imageSize;

	AxisTrace(AxisGeometry geometry, int field, int jump, double start, int imageSize) {
		this.geometry = geometry;
		this.field = field;
		this.jump = jump;
		this.start = start;
		this.imageSize = imageSize;
	}

	/** Size, kernel, stride, dilation, padding and output size of this layer along this axis. */
	public AxisGeometry geometry() {
		return geometry;
	}

	/** Receptive field size in input pixels. */
	public int field() {
		return field;
	}

	/** Distance in input pixels between neighbouring output pixels. */
	public int jump() {
		return jump;
	}

	/** Centre of output pixel 0's field, in input pixel coordinates. */
	public double start() {
		return start;
	}

	/** First input pixel (possibly negative, in the padding) seen by output pixel {@code i}. */
	public double fieldFirst(int i) {
		return start + (double) i * jump - (field - 1) / 2.0;
	}

	/** Last input pixel (possibly past the image, in the padding) seen by output pixel {@code i}. */
	public double fieldLast(int i) {
		return start + (double) i * jump + (field - 1) / 2.0;
	}

	/** Whether some output pixel's field reaches beyond the stack's input image (into padding). */
	public boolean reachesPadding() {
		return fieldFirst(0) < 0 || fieldLast(geometry.outputSize() - 1) > imageSize - 1;
	}
}
