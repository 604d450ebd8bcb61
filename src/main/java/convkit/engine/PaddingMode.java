package convkit.engine;

/**
 * How the border is filled. For input {@code a b c d} and 2 pixels of padding:
 * <pre>
 * zeros      0 0|a b c d|0 0   (PyTorch zeros, OpenCV BORDER_CONSTANT)
 * reflect    c b|a b c d|c b   (PyTorch reflect, OpenCV BORDER_REFLECT_101), pad &lt; n
 * symmetric  b a|a b c d|d c   (OpenCV BORDER_REFLECT, scipy reflect), pad &le; n
 * replicate  a a|a b c d|d d   (PyTorch replicate, OpenCV BORDER_REPLICATE)
 * circular   c d|a b c d|a b   (PyTorch circular, OpenCV BORDER_WRAP), pad &le; n
 * constant   v v|a b c d|v v   (PyTorch F.pad value=v, scipy cval, OpenCV borderValue, ONNX Pad value)
 * </pre>
 * The fill value {@code v} of {@code constant} is the spec's ({@link ConvSpec#value()}); {@code zeros} is
 * {@code constant} with {@code v = 0}.
 */
public enum PaddingMode {
	ZEROS(Names.ZEROS), REFLECT(Names.REFLECT), SYMMETRIC(Names.SYMMETRIC), REPLICATE(Names.REPLICATE), CIRCULAR(Names.CIRCULAR),
	CONSTANT(Names.CONSTANT);

	/** The names users type, as constants (annotations, e.g. SciJava choices, need constants). */
	public static final class Names {
		public static final String ZEROS = "zeros";
		public static final String REFLECT = "reflect";
		public static final String SYMMETRIC = "symmetric";
		public static final String REPLICATE = "replicate";
		public static final String CIRCULAR = "circular";
		public static final String CONSTANT = "constant";

		private Names() {}
	}

	private final String label;

	PaddingMode(String label) {
		this.label = label;
	}

	/** The name users type, e.g. {@code "reflect"}. */
	public String label() {
		return label;
	}

	/** All names users may type, in menu order. */
	public static String[] getAllLabels() {
		return Labels.all(PaddingMode.class, PaddingMode::label);
	}

	/** Other libraries' names for the modes (the README's table), answered with the ConvKit name they mean. */
	private static final java.util.Map<String, String> OTHER_NAMES = otherNames();

	private static java.util.Map<String, String> otherNames() {
		java.util.Map<String, String> m = new java.util.HashMap<>();
		m.put("mirror", "reflect (mirror in scipy.ndimage)");
		m.put("reflect_101", "reflect (BORDER_REFLECT_101 in OpenCV)");
		m.put("border_reflect_101", "reflect (BORDER_REFLECT_101 in OpenCV)");
		m.put("border_reflect101", "reflect (BORDER_REFLECT101 in OpenCV)");
		m.put("border_reflect", "symmetric (BORDER_REFLECT in OpenCV)");
		m.put("border_replicate", "replicate (BORDER_REPLICATE in OpenCV)");
		m.put("border_wrap", "circular (BORDER_WRAP in OpenCV)");
		m.put("border_constant", "zeros or constant (BORDER_CONSTANT in OpenCV)");
		m.put("nearest", "replicate (nearest in scipy.ndimage)");
		m.put("edge", "replicate (edge in numpy.pad)");
		m.put("wrap", "circular (wrap in scipy.ndimage and numpy.pad)");
		m.put("periodic", "circular");
		m.put("grid-wrap", "circular (grid-wrap in scipy.ndimage)");
		m.put("grid-mirror", "symmetric (grid-mirror in scipy.ndimage)");
		m.put("zero", "zeros");
		return java.util.Collections.unmodifiableMap(m);
	}

	/** The mode named {@code label} (case-insensitive); another library's name is refused with the mode it means. */
	public static PaddingMode fromLabel(String label) {
		return Labels.parse(PaddingMode.class, label, PaddingMode::label, "padding_mode", OTHER_NAMES);
	}

	/**
	 * The source index that padded position {@code i} reads from, for an axis of {@code n} pixels
	 * ({@code i} may be negative or {@code >= n}); -1 means the fill value (0 for {@code zeros},
	 * the spec's value for {@code constant}). The caller has
	 * checked the limits with {@link #checkPadding}.
	 */
	public int sourceIndex(int i, int n) {
		return foldedIndex(i, n); // within the mode's limits one fold; the one rule of every padding
	}

	/**
	 * As {@link #sourceIndex}, folding as often as needed for a position any distance outside the
	 * image (a field composed over several layers may reach past one fold): the index a padded
	 * position shows, -1 for the fill. Within the mode's limits it equals {@link #sourceIndex}.
	 */
	public int foldedIndex(int i, int n) {
		if (i >= 0 && i < n) return i;
		if (this == ZEROS || this == CONSTANT) return -1;
		if (this == REPLICATE) return i < 0 ? 0 : n - 1;
		if (this == CIRCULAR || n == 1) return Math.floorMod(i, n);
		int period = this == REFLECT ? 2 * (n - 1) : 2 * n;
		int r = Math.floorMod(i, period);
		if (this == REFLECT) return r < n ? r : period - r;
		return r < n ? r : period - 1 - r;
	}

	/**
	 * Refuses a fill {@code value} this mode cannot take: not finite, or other than 0 for a mode
	 * other than {@code constant} (it would be ignored).
	 */
	public void checkValue(float value) {
		if (!Float.isFinite(value)) {
			throw new IllegalArgumentException("value " + value + " is not allowed: the fill value of padding_mode=constant must be a"
				+ " finite number");
		}
		if (value != 0 && this != CONSTANT) {
			throw new IllegalArgumentException("value=" + ConvSpec.valueText(value) + " is the fill of padding_mode=constant, but"
				+ " padding_mode is " + label + "; use padding_mode=constant value=" + ConvSpec.valueText(value) + ", or leave value out");
		}
	}

	/** The mode as reports name it: {@code reflect}, or {@code constant 2.5} with its fill. */
	public String describe(float value) {
		return this == CONSTANT ? label + " " + ConvSpec.valueText(value) : label;
	}

	/** The largest padding this mode allows on one side of an axis of {@code n} pixels. */
	public int maxPadding(int n) {
		switch (this) {
			case REFLECT:
				return n - 1;
			case SYMMETRIC:
			case CIRCULAR:
				return n;
			default:
				return Integer.MAX_VALUE;
		}
	}

	/**
	 * Refuses a padding past this mode's limit, as PyTorch does.
	 *
	 * @param side the side's name for the message, e.g. "left"
	 * @param axis the axis' name for the message, e.g. "width"
	 */
	public void checkPadding(int pad, int n, String side, String axis) {
		int max = maxPadding(n);
		if (pad <= max) return;
		String rule;
		switch (this) {
			case REFLECT:
				rule = "reflect padding must be smaller than the input size";
				break;
			case SYMMETRIC:
				rule = "symmetric padding must be at most the input size";
				break;
			default:
				rule = "circular padding must be at most the input size (it would wrap more than once)";
				break;
		}
		throw new IllegalArgumentException(rule + ": " + side + " padding " + pad + " with input "
			+ axis + " " + n + " (allowed 0.." + max + "); use a smaller kernel or padding, or padding_mode=replicate or constant,"
			+ " which allow any padding");
	}
}
