package convkit.options;

import convkit.engine.Labels;

/**
 * How a 32-bit result becomes an 8- or 16-bit one ({@code output_type=same}, the {@code convert}
 * key), applied after the float result is computed:
 * <ul>
 * <li>{@code clamp}: round to the nearest whole number and clamp to the type's range, as ImageJ's
 * Process › Filters › Convolve does (NaN becomes 0);</li>
 * <li>{@code abs}: the absolute value, then as {@code clamp} (edge filters: both signs of an edge);</li>
 * <li>{@code rescale}: the whole result's range (every channel, plane and frame; NaN and
 * infinities left out) mapped linearly onto the type's range, then rounded; a constant result
 * becomes 0.</li>
 * </ul>
 */
public enum Conversion {
	CLAMP(Names.CLAMP), ABS(Names.ABS), RESCALE(Names.RESCALE);

	/** The names users type, as constants (annotations, e.g. SciJava choices, need constants). */
	public static final class Names {
		public static final String CLAMP = "clamp";
		public static final String ABS = "abs";
		public static final String RESCALE = "rescale";

		private Names() {}
	}

	private final String label;

	Conversion(String label) {
		this.label = label;
	}

	/** The name users type. */
	public String label() {
		return label;
	}

	/** All names, in menu order. */
	public static String[] getAllLabels() {
		return Labels.all(Conversion.class, Conversion::label);
	}

	/** The conversion named {@code label}. */
	public static Conversion fromLabel(String label) {
		return Labels.parse(Conversion.class, label, Conversion::label, "convert");
	}
}
