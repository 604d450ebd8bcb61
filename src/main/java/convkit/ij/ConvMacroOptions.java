package convkit.ij;

import convkit.options.ConvOptions;
import convkit.options.OptionString;

/**
 * The macro options of {@code Conv2D...} and {@code Conv3D...}: the convolution's keys and
 * {@code output} (the file a result is written to instead of a new image), unknown keys refused by
 * name. Shared by the menu commands and the {@code call(...)}/{@code Ext} entries.
 */
final class ConvMacroOptions {

	/** The macro key of the file a result is written to (a virtual stack's, plane by plane). */
	static final String OUTPUT = convkit.options.OptionKey.OUTPUT.key();

	private ConvMacroOptions() {}

	/** The options of a macro call for a convolution of {@code rank} axes; unknown keys are refused by name. */
	static ConvOptions from(String macroOptions, int rank) {
		return from(OptionString.parse(macroOptions), rank);
	}

	static ConvOptions from(OptionString o, int rank) {
		java.util.Set<String> keys = new java.util.LinkedHashSet<>(ConvOptions.KEYS);
		keys.add(OUTPUT);
		o.checkKeys(keys);
		return ConvOptions.from(o, rank);
	}
}
