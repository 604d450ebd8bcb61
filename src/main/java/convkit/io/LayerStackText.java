package convkit.io;

import convkit.engine.Padding;
import convkit.geometry.Layer;
import convkit.geometry.LayerKind;
import convkit.geometry.ReceptiveField;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The calculator's layer-stack text: one layer a line or {@code ;}-separated, each a kind and
 * {@code key=value} settings, per-axis values as {@code x,y} (or {@code x,y,z} for a 3-D stack):
 * <pre>
 * conv k=3 s=1 p=1 d=1; conv k=5,3 s=2 p=same; maxpool k=2 s=2; avgpool k=3 s=1 p=1; relu
 * </pre>
 * Keys: {@code k} (kernel, required except for relu), {@code s} (stride; conv 1, pooling = k),
 * {@code p} (padding in every form of {@link Padding#parse}; default 0), {@code d} (dilation, 1).
 * A refusal names the layer and the token: {@code layer 3: 'k=0' — kernel size must be at least 1}.
 */
public final class LayerStackText {

	private LayerStackText() {}

	/** Parses a stack; refuses an empty one. */
	public static List<Layer> parse(String text) {
		List<Layer> layers = new ArrayList<>();
		String[] parts = text.split("\\r?\\n|\\r|;");
		int n = 0;
		for (String part : parts) {
			String p = part.trim();
			if (p.isEmpty() || p.startsWith("#")) continue;
			n++;
			layers.add(layer(p, n));
		}
		if (layers.isEmpty()) {
			throw new IllegalArgumentException("the layer stack is empty; write layers such as 'conv k=3 s=1 p=1; maxpool k=2'");
		}
		return Collections.unmodifiableList(layers);
	}

	/**
	 * The input size of a trace: {@code N} (every axis; three axes when a layer is written for
	 * 3-D), {@code W,H} or {@code W,H,D}.
	 */
	public static int[] inputSize(String text, List<Layer> layers) {
		String[] p = text.trim().split("\\s*,\\s*", -1);
		if (p.length < 1 || p.length > 3) throw new IllegalArgumentException("size '" + text + "' is not understood; expected N, W,H or W,H,D");
		int rank = ReceptiveField.rankOf(layers, p.length);
		int[] v = new int[rank];
		for (int i = 0; i < rank; i++) {
			String t = p[p.length == 1 ? 0 : i].trim();
			try {
				v[i] = Integer.parseInt(t);
			}
			catch (NumberFormatException e) {
				throw new IllegalArgumentException("size '" + text + "' is not understood; expected N, W,H or W,H,D (whole numbers)");
			}
		}
		return v;
	}

	private static Layer layer(String text, int index) {
		String[] tokens = tokens(text);
		LayerKind kind;
		try {
			kind = LayerKind.fromLabel(tokens[0]);
		}
		catch (IllegalArgumentException e) {
			throw new IllegalArgumentException("layer " + index + ": '" + tokens[0] + "' \u2014 " + e.getMessage(), e);
		}
		int[] k = null;
		int[] s = null;
		int[] d = { 1 };
		Padding padding = Padding.valid();
		java.util.Set<String> given = new java.util.HashSet<>();
		for (int i = 1; i < tokens.length; i++) {
			String tok = tokens[i];
			int eq = tok.indexOf('=');
			String key = eq < 0 ? tok : tok.substring(0, eq).toLowerCase(Locale.ROOT);
			String value = eq < 0 ? "" : tok.substring(eq + 1);
			try {
				if (!given.add(key)) throw new IllegalArgumentException(key + " is given twice; give each setting once");
				if (kind == LayerKind.RELU) throw new IllegalArgumentException("relu takes no settings");
				switch (key) {
					case "k":
						k = positivePair(value, "kernel size");
						break;
					case "s":
						s = positivePair(value, "stride");
						break;
					case "d":
						d = positivePair(value, "dilation");
						break;
					case "p":
						padding = Padding.parse(PyTorchTuple.padding(value, "p", 0));
						break;
					default:
						throw new IllegalArgumentException("unknown setting '" + key + "'; allowed are k, s, p, d");
				}
			}
			catch (IllegalArgumentException e) {
				throw new IllegalArgumentException("layer " + index + ": '" + tok + "' \u2014 " + e.getMessage(), e);
			}
		}
		if (kind == LayerKind.RELU) return Layer.relu();
		if (k == null) {
			throw new IllegalArgumentException("layer " + index + ": '" + text + "' \u2014 a " + kind.label()
				+ " layer needs a kernel size k=");
		}
		if (s == null) s = kind.isPooling() ? k : new int[] { 1 };
		try {
			return Layer.of(kind, k, s, d, padding);
		}
		catch (IllegalArgumentException e) {
			throw new IllegalArgumentException("layer " + index + ": '" + text + "' \u2014 " + e.getMessage(), e);
		}
	}

	/**
	 * The words of a layer line: split at white space outside parentheses and brackets, so a
	 * PyTorch tuple such as {@code s=(2, 1)} stays one word.
	 */
	static String[] tokens(String text) {
		return StackText.words(text);
	}

	/** One value, {@code x,y} or {@code x,y,z} as written, or a PyTorch tuple {@code (H, W)} / {@code (D, H, W)}. */
	private static int[] positivePair(String value, String what) {
		String[] p = PyTorchTuple.perAxis(value, what, 0).split(",", -1);
		if (p.length < 1 || p.length > 3) {
			throw new IllegalArgumentException(what + " takes one number, x,y or x,y,z, not '" + Texts.shorten(value) + "'");
		}
		int[] v = new int[p.length];
		for (int i = 0; i < p.length; i++) {
			try {
				v[i] = Integer.parseInt(p[i].trim());
			}
			catch (NumberFormatException e) {
				throw new IllegalArgumentException(what + " '" + Texts.shorten(value) + "' is not a whole number (or x,y or x,y,z)");
			}
			if (v[i] < 1) throw new IllegalArgumentException(what + " must be at least 1");
		}
		return v;
	}
}
