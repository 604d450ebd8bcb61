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
 * Keys: {@code k} (kernel, required except for element-wise layers; {@code w=FILE.npy} gives it
 * from a conv's or convt's weights), {@code s} (stride; conv 1, pooling = k), {@code p} (padding in
 * every form of {@link Padding#parse}; default 0), {@code d} (dilation, 1), {@code op} (a convt's
 * output padding), {@code ceil} (a pool's ceil mode). Kinds: conv, convt, maxpool, avgpool, bn,
 * relu, leakyrelu; the other settings of the stack that runs ({@link StackText}: bias, groups,
 * padding mode, statistics, slope) are accepted and do not change the geometry.
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
		int[] weights = null;
		int[] s = null;
		int[] d = { 1 };
		int[] op = { 0 };
		boolean ceil = false;
		Padding padding = Padding.valid();
		java.util.Set<String> given = new java.util.HashSet<>();
		for (int i = 1; i < tokens.length; i++) {
			String tok = tokens[i];
			int eq = tok.indexOf('=');
			String key = eq < 0 ? tok : tok.substring(0, eq).toLowerCase(Locale.ROOT);
			String value = eq < 0 ? "" : tok.substring(eq + 1);
			try {
				if (!given.add(key)) throw new IllegalArgumentException(key + " is given twice; give each setting once");
				List<String> allowed = KEYS.get(kind);
				if (!allowed.contains(key)) {
					throw new IllegalArgumentException(allowed.isEmpty() ? kind.label() + " takes no settings"
						: "unknown setting '" + key + "'; allowed are " + String.join(", ", allowed));
				}
				switch (key) {
					case "k":
						k = positivePair(value, "kernel size");
						break;
					case "w":
						if (kind == LayerKind.CONV || kind == LayerKind.CONVT) weights = kernelOf(value);
						break;
					case "s":
						s = positivePair(value, "stride");
						break;
					case "d":
						d = positivePair(value, "dilation");
						break;
					case "op":
						op = counts(value, "output padding");
						break;
					case "p":
						padding = Padding.parse(PyTorchTuple.padding(value, "p", 0));
						break;
					case "ceil":
						if (!value.matches("[01]")) throw new IllegalArgumentException("ceil takes 0 or 1");
						ceil = value.equals("1");
						break;
					default: // settings of the values, not the geometry (bias, groups, padding mode, batch-norm statistics, slope)
						break;
				}
			}
			catch (IllegalArgumentException e) {
				throw new IllegalArgumentException("layer " + index + ": '" + tok + "' \u2014 " + e.getMessage(), e);
			}
		}
		if (weights != null) {
			if (k != null) checkKernel(weights, k, index, text);
			k = weights;
		}
		if (kind.isElementWise()) return Layer.elementWise(kind);
		if (k == null) {
			throw new IllegalArgumentException("layer " + index + ": '" + text + "' \u2014 a " + kind.label()
				+ " layer needs a kernel size k=" + (kind == LayerKind.CONV || kind == LayerKind.CONVT ? " (or its weights, w=FILE.npy)" : ""));
		}
		if (s == null) s = kind.isPooling() ? k : new int[] { 1 };
		try {
			return Layer.of(kind, k, s, d, padding, op, ceil);
		}
		catch (IllegalArgumentException e) {
			throw new IllegalArgumentException("layer " + index + ": '" + text + "' \u2014 " + e.getMessage(), e);
		}
	}

	/** The settings each kind takes: those of the stack text that runs ({@link StackText}), so a stack pastes into the calculator as it is. */
	private static final java.util.Map<LayerKind, List<String>> KEYS = new java.util.EnumMap<>(LayerKind.class);

	static {
		KEYS.put(LayerKind.CONV, java.util.Arrays.asList("w", "b", "k", "s", "p", "d", "g", "mode", "value"));
		KEYS.put(LayerKind.CONVT, java.util.Arrays.asList("w", "b", "k", "s", "p", "op", "d", "g"));
		KEYS.put(LayerKind.MAXPOOL, java.util.Arrays.asList("k", "s", "p", "d", "ceil"));
		KEYS.put(LayerKind.AVGPOOL, java.util.Arrays.asList("k", "s", "p", "d", "ceil", "cip"));
		KEYS.put(LayerKind.BN, java.util.Arrays.asList("mean", "var", "w", "b", "eps"));
		KEYS.put(LayerKind.RELU, Collections.emptyList());
		KEYS.put(LayerKind.LEAKYRELU, Collections.singletonList("slope"));
	}

	/** The kernel size (x, y[, z]) of the weights in {@code file}: {@code [C_out, C_in/g, (kD,) kH, kW]} (conv) or {@code [C_in, C_out/g, ...]} (convt). */
	private static int[] kernelOf(String file) {
		String name = file.startsWith("[") && file.endsWith("]") ? file.substring(1, file.length() - 1).trim() : file;
		NdArray w = KernelSource.readFile(java.nio.file.Paths.get(name));
		if (w.rank() != 4 && w.rank() != 5) {
			throw new IllegalArgumentException("weights " + w.shapeString() + " must have 4 dimensions (2-D) or 5 (3-D)");
		}
		int[] k = new int[w.rank() - 2];
		for (int i = 0; i < k.length; i++) k[i] = w.dim(w.rank() - 1 - i);
		return k;
	}

	/** Refuses a {@code k=} that disagrees with the weights' kernel size. */
	private static void checkKernel(int[] fromWeights, int[] k, int index, String text) {
		for (int i = 0; i < fromWeights.length; i++) {
			if (k[k.length == 1 ? 0 : Math.min(i, k.length - 1)] != fromWeights[i]) {
				throw new IllegalArgumentException("layer " + index + ": '" + text + "' \u2014 k=" + convkit.engine.ConvSpec.perAxis(k)
					+ " disagrees with the weights' kernel " + convkit.engine.ConvSpec.perAxis(fromWeights) + (fromWeights.length == 3 ? " (x,y,z)" : " (x,y)")
					+ "; drop k= (the weights give it)");
			}
		}
	}

	/**
	 * The words of a layer line: split at white space outside parentheses and brackets, so a
	 * PyTorch tuple such as {@code s=(2, 1)} stays one word.
	 */
	static String[] tokens(String text) {
		return StackText.words(text);
	}

	/** One value, {@code x,y} or {@code x,y,z} as written, or a PyTorch tuple {@code (H, W)} / {@code (D, H, W)}; each at least 1. */
	private static int[] positivePair(String value, String what) {
		return perAxis(value, what, 1);
	}

	/** As {@link #positivePair}, each at least 0 (a convt's output padding). */
	private static int[] counts(String value, String what) {
		return perAxis(value, what, 0);
	}

	private static int[] perAxis(String value, String what, int least) {
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
			if (v[i] < least) throw new IllegalArgumentException(what + " must be at least " + least);
		}
		return v;
	}
}
