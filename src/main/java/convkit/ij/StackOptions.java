package convkit.ij;

import convkit.io.StackText;
import convkit.options.OptionString;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The options of {@code Conv Stack...}: {@code layers=[...]} (the stack text, or {@code @FILE}),
 * {@code keep} (every layer's output as an image of its own) or {@code output=FILE} (the result to a
 * file instead, plane by plane for a virtual stack), unknown keys refused by name. Shared
 * by the menu command, {@code call("convkit.ij.MacroCalls.convStack", ...)} and {@code Ext.convStack}.
 */
final class StackOptions {

	/** The macro key of "keep every layer's output" (the dialog's checkbox, "Keep ..."). */
	static final String KEEP = "keep";

	/** The macro key of the file the last layer's output is written to instead of an image (a virtual stack's, plane by plane). */
	static final String OUTPUT = convkit.options.OptionKey.OUTPUT.key();

	static final Set<String> KEYS = new LinkedHashSet<>(Arrays.asList(StackText.OPTION, KEEP, OUTPUT));

	private final StackText.Parsed parsed;
	private final boolean keep;
	private final String output;

	StackOptions(StackText.Parsed parsed, boolean keep, String output) {
		if (keep && output != null) {
			throw new IllegalArgumentException("keep makes an image of every layer's output, output= writes the last layer's to a file; give one of them");
		}
		this.parsed = parsed;
		this.keep = keep;
		this.output = output;
	}

	/** The stack and the keep choice of macro options; refused with the reason (a bad layer as {@code layer N (kind): ...}). */
	static StackOptions from(String macroOptions) {
		OptionString o = OptionString.parse(macroOptions == null ? "" : macroOptions);
		o.checkKeys(KEYS);
		String layers = o.get(StackText.OPTION);
		if (layers == null || layers.trim().isEmpty()) {
			throw new IllegalArgumentException("option 'layers' is required: the stack text, e.g. layers=[conv w=[/path/w.npy] p=1; relu;"
				+ " maxpool k=2], or layers=[@/path/stack.txt]");
		}
		String keep = o.get(KEEP, "false");
		if (!keep.equals("true") && !keep.equals("false")) {
			throw new IllegalArgumentException("keep=" + keep + " is not allowed; write keep (every layer's output) or leave it out");
		}
		String output = o.get(OUTPUT);
		if (output != null && output.trim().isEmpty()) throw new IllegalArgumentException("output= is empty; give a .tif or .npy file");
		return new StackOptions(StackText.fromOption(layers), keep.equals("true"), output == null ? null : output.trim());
	}

	/** The stack and the files it reads. */
	StackText.Parsed parsed() {
		return parsed;
	}

	/** Whether every layer's output is kept. */
	boolean keep() {
		return keep;
	}

	/** The file the result is written to instead of an image, or null. */
	String output() {
		return output;
	}
}
