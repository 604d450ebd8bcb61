package convkit.options;

import convkit.engine.Labels;

/**
 * How an image's planes become input channels (the {@code channels} key): {@code auto} takes a
 * hyperstack's channels (RGB gives 3) and treats a plain stack as independent planes;
 * {@code slices} takes a plain stack's slices as the channels of one tensor.
 */
public enum ChannelMapping {
	AUTO(Names.AUTO), SLICES(Names.SLICES);

	/** The names users type, as constants (annotations, e.g. SciJava choices, need constants). */
	public static final class Names {
		public static final String AUTO = "auto";
		public static final String SLICES = "slices";

		private Names() {}
	}

	private final String label;

	ChannelMapping(String label) {
		this.label = label;
	}

	/** The name users type. */
	public String label() {
		return label;
	}

	/** All names. */
	public static String[] getAllLabels() {
		return Labels.all(ChannelMapping.class, ChannelMapping::label);
	}

	/** The mapping named {@code label}. */
	public static ChannelMapping fromLabel(String label) {
		return Labels.parse(ChannelMapping.class, label, ChannelMapping::label, "channels");
	}
}
