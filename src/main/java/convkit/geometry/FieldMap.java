package convkit.geometry;

import convkit.engine.AxisGeometry;
import convkit.engine.AxisStep;

/**
 * Where the output pixels of a chain of layers lie in the first input, along one axis: output
 * pixel {@code i} is centred on input position {@code start + i·jump} and its field spans
 * {@code field} input pixels around it. Immutable; {@link #then} composes one more layer, so maps
 * can follow an image through several layers in a row. A window layer multiplies the jump by its
 * stride; a transposed layer divides it, so the values are exact fractions ({@link Fraction}):
 * after a stride-2 transposed layer neighbouring outputs are 1/2 input pixel apart. The field
 * here is the span of the layer's taps; which input pixels a given output pixel really reaches
 * (fewer behind a transposed layer, fewer at a border with dilation) is {@link AxisChain#reach}.
 * <p>
 * Example: {@code FieldMap.identity().then(g1, 0).then(g2, 0).field()} is 5 for two 3-wide layers.
 */
public final class FieldMap {

	private static final FieldMap IDENTITY = new FieldMap(Fraction.ONE, Fraction.ONE, Fraction.ZERO);

	private final Fraction field;
	private final Fraction jump;
	private final Fraction start;

	private FieldMap(Fraction field, Fraction jump, Fraction start) {
		this.field = field;
		this.jump = jump;
		this.start = start;
	}

	/** The map of an image onto itself: field 1, jump 1, start 0. */
	public static FieldMap identity() {
		return IDENTITY;
	}

	/** A map with whole field and jump (as a chain of window layers has) and a start on the half-pixel grid. */
	public static FieldMap of(int field, int jump, double start) {
		return of(Fraction.of(field), Fraction.of(jump), Fraction.nearest(start, 2));
	}

	/** A map with the given values (as read back from an image's properties); field and jump must be positive. */
	public static FieldMap of(Fraction field, Fraction jump, Fraction start) {
		if (field.compareTo(Fraction.ZERO) <= 0 || jump.compareTo(Fraction.ZERO) <= 0) {
			throw new IllegalArgumentException("field " + field + " and jump " + jump + " must be positive");
		}
		return new FieldMap(field, jump, start);
	}

	/**
	 * This map followed by a window layer applied to the region of this map's output that starts
	 * at pixel {@code offset} (the selection's corner, 0 for the whole image):
	 * {@code r += (k_eff−1)·j}, {@code start += (offset + (k_eff−1)/2 − p_lo)·j}, {@code j *= s}.
	 */
	public FieldMap then(AxisGeometry layer, int offset) {
		return then(AxisStep.window(layer).at(offset));
	}

	/**
	 * This map followed by {@code step}. A window: as {@link #then(AxisGeometry, int)}. A transposed
	 * layer, whose output {@code o} is reached from inputs {@code (o + p − t·d)/s}:
	 * {@code r += (k_eff−1)·j/s}, {@code start += (offset + (p − (k_eff−1)/2)/s)·j}, {@code j /= s}.
	 */
	public FieldMap then(AxisStep step) {
		int keff = step.effectiveKernel();
		Fraction half = Fraction.of(keff - 1, 2);
		Fraction f;
		Fraction s;
		Fraction j;
		if (step.isTransposed()) {
			f = field.plus(jump.times(keff - 1).dividedBy(step.stride()));
			s = start.plus(jump.times(Fraction.of(step.offset()).plus(Fraction.of(step.padLo()).minus(half).dividedBy(step.stride()))));
			j = jump.dividedBy(step.stride());
		}
		else {
			f = field.plus(jump.times(keff - 1));
			s = start.plus(jump.times(Fraction.of(step.offset()).plus(half).minus(Fraction.of(step.padLo()))));
			j = jump.times(step.stride());
		}
		if (f.compareTo(Fraction.of(Integer.MAX_VALUE)) > 0 || j.compareTo(Fraction.of(Integer.MAX_VALUE)) > 0) {
			throw new IllegalArgumentException("the receptive field along " + step.axis().label() + " would be " + f + " pixels with jump " + j
				+ ", more than " + Integer.MAX_VALUE);
		}
		return new FieldMap(f, j, s);
	}

	/** Span of an output pixel's field, in first-input pixels (a fraction behind a transposed layer). */
	public Fraction field() {
		return field;
	}

	/** Distance between neighbouring output pixels, in first-input pixels. */
	public Fraction jump() {
		return jump;
	}

	/** Centre of output pixel 0's field, in first-input pixel coordinates. */
	public Fraction start() {
		return start;
	}

	/** Whether field and jump are whole numbers (no transposed layer divided them). */
	public boolean isWhole() {
		return field.isWhole() && jump.isWhole();
	}

	/** Centre of output pixel {@code i}'s field. */
	public double centre(double i) {
		return start.doubleValue() + i * jump.doubleValue();
	}

	/** First input position of output pixel {@code i}'s field span (may be negative: in the padding). */
	public double first(int i) {
		return centre(i) - (field.doubleValue() - 1) / 2.0;
	}

	/** Last input position of output pixel {@code i}'s field span (may be past the image: in the padding). */
	public double last(int i) {
		return centre(i) + (field.doubleValue() - 1) / 2.0;
	}

	/**
	 * The halo an output tile needs before its data, for a chain of window layers: output pixels
	 * {@code [a, b)} read input pixels {@code [a·jump − haloBefore, (b−1)·jump + haloAfter]}, so a
	 * tile needs this many pixels (or padding) before {@code a·jump}. Refused after a transposed layer.
	 */
	public int haloBefore() {
		if (!isWhole()) throw new IllegalStateException("a tile halo needs whole jumps; this map has jump " + jump);
		return (int) Math.round((field.doubleValue() - 1) / 2.0 - start.doubleValue());
	}

	/** Input pixels a tile needs after {@code (b−1)·jump}: {@code field − 1 − haloBefore}; see {@link #haloBefore()}. */
	public int haloAfter() {
		return field.intValue() - 1 - haloBefore();
	}

	@Override
	public String toString() {
		return "field " + field + ", jump " + jump + ", start " + start;
	}
}
