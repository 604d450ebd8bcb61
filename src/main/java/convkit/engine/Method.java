package convkit.engine;

import java.util.Arrays;
import java.util.Locale;

/**
 * Which algorithm computes a convolution (the {@code method} option): {@code auto} picks per
 * call; experts may force one. Every method gives the same numbers within float32 rounding.
 */
public enum Method {
	AUTO(Names.AUTO), DIRECT(Names.DIRECT), SEPARABLE(Names.SEPARABLE), FFT(Names.FFT);

	/** The names users type, as constants (annotations, e.g. SciJava choices, need constants). */
	public static final class Names {
		public static final String AUTO = "auto";
		public static final String DIRECT = "direct";
		public static final String SEPARABLE = "separable";
		public static final String FFT = "fft";

		private Names() {}
	}

	private final String label;

	Method(String label) {
		this.label = label;
	}

	/** The name users type. */
	public String label() {
		return label;
	}

	/** All names. */
	public static String[] getAllLabels() {
		return Arrays.stream(values()).map(Method::label).toArray(String[]::new);
	}

	/** The method named {@code label}. */
	public static Method fromLabel(String label) {
		String l = label.trim().toLowerCase(Locale.ROOT);
		for (Method m : values()) {
			if (m.label.equals(l)) return m;
		}
		throw new IllegalArgumentException("method '" + label + "' is not known; allowed are " + String.join(", ", getAllLabels()));
	}
}
