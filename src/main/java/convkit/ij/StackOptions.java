package convkit.ij;

import convkit.io.StackText;
import convkit.options.OptionString;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The options of {@code Conv Stack...}: {@code layers=[...]} (the stack text, or {@code @FILE}) and
 * {@code keep} (every layer's output as an image of its own), unknown keys refused by name. Shared
 * by the menu command, {@code call("convkit.ij.MacroCalls.convStack", ...)} and {@code Ext.convStack}.
 */
final class StackOptions {

	/** The macro key of "keep every layer's output" (the dialog's checkbox, "Keep ..."). */
	static final String KEEP = "keep";

	static final Set<String> KEYS = new LinkedHashSet<>(Arrays.asList(StackText.OPTION, KEEP));

	private final StackText.Parsed parsed;
	private final boolean keep;

	private StackOptions(StackText.Parsed parsed, boolean keep) {
		this.parsed = parsed;
		this.keep = keep;
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
		return new StackOptions(StackText.fromOption(layers), keep.equals("true"));
	}

	/** The stack and the files it reads. */
	StackText.Parsed parsed() {
		return parsed;
	}

	/** Whether every layer's output is kept. */
	boolean keep() {
		return keep;
	}
}
