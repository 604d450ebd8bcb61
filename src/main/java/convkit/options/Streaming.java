package convkit.options;

import convkit.engine.Labels;

/**
 * Whether a file route reads and writes a TIFF stack plane by plane (the {@code stream} key of
 * {@code conv}, {@code conv3d} and {@code batch}): {@code auto} when its planes as floats would take
 * more than a quarter of the free heap, {@code yes} always (stacks laid out as ImageJ writes them;
 * other files are read whole), {@code no} never (the whole stack in memory).
 */
public enum Streaming {
	AUTO("auto"), YES("yes"), NO("no");

	/** The key users type. */
	public static final String KEY = OptionKey.STREAM.key();

	private final String label;

	Streaming(String label) {
		this.label = label;
	}

	/** The name users type. */
	public String label() {
		return label;
	}

	/** The setting named {@code label}. */
	public static Streaming fromLabel(String label) {
		return Labels.parse(Streaming.class, label, Streaming::label, KEY);
	}

	/** The setting of {@code o}'s {@code stream} key, {@code auto} when it is not given. */
	public static Streaming of(OptionString o) {
		return fromLabel(OptionKey.STREAM.in(o));
	}
}
