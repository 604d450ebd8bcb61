package convkit.engine;

/**
 * Which algorithm computes a convolution (the {@code method} option): {@code auto} picks per
 * call; experts may force one. Every method gives the same numbers within float32 rounding.
 */
public enum Method {
	AUTO(Names.AUTO), DIRECT(Names.DIRECT), SEPARABLE(Names.SEPARABLE), FFT(Names.FFT), WINOGRAD(Names.WINOGRAD);

	/** The names users type, as constants (annotations, e.g. SciJava choices, need constants). */
	public static final class Names {
		public static final String AUTO = "auto";
		public static final String DIRECT = "direct";
		public static final String SEPARABLE = "separable";
		public static final String FFT = "fft";
		public static final String WINOGRAD = "winograd";

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
		return Labels.all(Method.class, Method::label);
	}

	/** The method named {@code label}. */
	public static Method fromLabel(String label) {
		return Labels.parse(Method.class, label, Method::label, "method");
	}
}
