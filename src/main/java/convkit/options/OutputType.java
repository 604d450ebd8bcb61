package convkit.options;

import java.util.Locale;

/**
 * The pixel type of a result (the {@code output_type} and {@code convert} keys): {@code float}
 * (32-bit, the default: the convolution's own values) or {@code same} (the input's bit depth:
 * 8-bit, 16-bit or RGB inputs give 8- or 16-bit results, made from the float result by a
 * {@link Conversion}; 32-bit inputs stay 32-bit). Immutable.
 * <p>
 * Example: {@code OutputType.parse("same", "abs").conversion() == Conversion.ABS}.
 */
public final class OutputType {

	public static final String FLOAT_NAME = "float";
	public static final String SAME_NAME = "same";

	/** The default: 32-bit float results. */
	public static final OutputType FLOAT = new OutputType(false, Conversion.CLAMP);

	private final boolean same;
	private final Conversion conversion;

	private OutputType(boolean same, Conversion conversion) {
		this.same = same;
		this.conversion = conversion;
	}

	/** The input's bit depth, converted by {@code conversion}. */
	public static OutputType same(Conversion conversion) {
		if (conversion == null) throw new IllegalArgumentException("convert must be given");
		return new OutputType(true, conversion);
	}

	/**
	 * Reads {@code output_type} ({@code float} or {@code same}; null means float) and {@code convert}
	 * ({@code clamp}, {@code abs}, {@code rescale}; null means clamp). {@code convert=abs} or
	 * {@code rescale} with {@code output_type=float} is refused: it would do nothing
	 * ({@code convert=clamp}, the default a recorded dialog writes, is let be).
	 */
	public static OutputType parse(String outputType, String convert) {
		String t = outputType == null ? FLOAT_NAME : outputType.trim().toLowerCase(Locale.ROOT);
		if (t.equals(FLOAT_NAME)) {
			if (convert != null && !convert.trim().isEmpty() && Conversion.fromLabel(convert) != Conversion.CLAMP) {
				throw new IllegalArgumentException("convert=" + convert.trim() + " applies to output_type=same (8- or 16-bit results);"
					+ " output_type is float, whose values are not converted");
			}
			return FLOAT;
		}
		if (t.equals(SAME_NAME)) {
			return same(convert == null || convert.trim().isEmpty() ? Conversion.CLAMP : Conversion.fromLabel(convert));
		}
		String near = convkit.engine.Suggestions.closest(t, java.util.Arrays.asList(FLOAT_NAME, SAME_NAME));
		throw new IllegalArgumentException("output_type '" + outputType + "' is not known; " + (near == null ? "" : "did you mean " + near
			+ "? ") + "allowed are float, same");
	}

	/** All {@code output_type} names, in menu order. */
	public static String[] getAllLabels() {
		return new String[] { FLOAT_NAME, SAME_NAME };
	}

	/** Whether the result takes the input's bit depth. */
	public boolean keepsInputDepth() {
		return same;
	}

	/** How the float result is converted when the input is 8- or 16-bit. */
	public Conversion conversion() {
		return conversion;
	}

	/** {@code float} or {@code same}. */
	public String label() {
		return same ? SAME_NAME : FLOAT_NAME;
	}

	/** The keys as a recorded line writes them: empty for the default, else {@code output_type=same convert=...}. */
	public String toOptionString() {
		return same ? "output_type=same convert=" + conversion.label() : "";
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof OutputType && ((OutputType) o).same == same && ((OutputType) o).conversion == conversion;
	}

	@Override
	public int hashCode() {
		return same ? conversion.hashCode() : 0;
	}

	@Override
	public String toString() {
		return same ? "output_type=same convert=" + conversion.label() : "output_type=float";
	}
}
