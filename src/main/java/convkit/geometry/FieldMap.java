package convkit.geometry;

import convkit.engine.AxisGeometry;

/**
 * Where the output pixels of a chain of layers lie in the first input, along one axis: output
 * pixel {@code i} is centred on input position {@code start + i·jump} and sees {@code field}
 * input pixels around it. Immutable; {@link #then} composes one more layer, so maps can follow
 * an image through several convolutions in a row. A field or jump that no longer fits an int is
 * refused with the numbers.
 * <p>
 * Example: {@code FieldMap.identity().then(g1, 0).then(g2, 0).field()} is 5 for two 3-wide layers.
 */
public final class FieldMap {

	private static final FieldMap IDENTITY = new FieldMap(1, 1, 0);

	private final int field;
	private final int jump;
	private final double start;

	private FieldMap(int field, int jump, double start) {
		this.field = field;
		this.jump = jump;
		this.start = start;
	}

	/** The map of an image onto itself: field 1, jump 1, start 0. */
	public static FieldMap identity() {
		return IDENTITY;
	}

	/** A map with the given values (as read back from an image's properties). */
	public static FieldMap of(int field, int jump, double start) {
		if (field < 1 || jump < 1) {
			throw new IllegalArgumentException("field " + field + " and jump " + jump + " must be at least 1");
		}
		return new FieldMap(field, jump, start);
	}

	/**
	 * This map followed by a layer applied to the region of this map's output that starts at
	 * pixel {@code offset} (the selection's corner, 0 for the whole image):
	 * {@code r += (k_eff−1)·j}, {@code start += (offset + (k_eff−1)/2 − p_lo)·j}, {@code j *= s}.
	 */
	public FieldMap then(AxisGeometry layer, int offset) {
		long f = field + (long) (layer.effectiveKernel() - 1) * jump;
		long j = (long) jump * layer.stride();
		if (f > Integer.MAX_VALUE || j > Integer.MAX_VALUE) {
			throw new IllegalArgumentException("the receptive field along " + layer.axis().label() + " would be " + f + " pixels with jump "
				+ j + ", more than " + Integer.MAX_VALUE);
		}
		double layerStart = offset + (layer.effectiveKernel() - 1) / 2.0 - layer.padLo();
		return new FieldMap((int) f, (int) j, start + layerStart * jump);
	}

	/** Receptive field size, in first-input pixels. */
	public int field() {
		return field;
	}

	/** Distance between neighbouring output pixels, in first-input pixels. */
	public int jump() {
		return jump;
	}

	/** Centre of output pixel 0's field, in first-input pixel coordinates. */
	public double start() {
		return start;
	}

	/** Centre of output pixel {@code i}'s field. */
	public double centre(double i) {
		return start + i * jump;
	}

	/** First input pixel of output pixel {@code i}'s field (may be negative: in the padding). */
	public double first(int i) {
		return centre(i) - (field - 1) / 2.0;
	}

	/** Last input pixel of output pixel {@code i}'s field (may be past the image: in the padding). */
	public double last(int i) {
		return centre(i) + (field - 1) / 2.0;
	}

	/**
	 * The halo an output tile needs before its data: output pixels
	 * {@code [a, b)} read input pixels {@code [a·jump − haloBefore, (b−1)·jump + haloAfter]}, so a
	 * tile needs this many pixels (or padding) before {@code a·jump}.
	 */
	public int haloBefore() {
		return (int) Math.round((field - 1) / 2.0 - start);
	}

	/** Input pixels a tile needs after {@code (b−1)·jump}: {@code field − 1 − haloBefore}; see {@link #haloBefore()}. */
	public int haloAfter() {
		return field - 1 - haloBefore();
	}

	@Override
	public String toString() {
		return "field " + field + ", jump " + jump + ", start " + start;
	}
}
