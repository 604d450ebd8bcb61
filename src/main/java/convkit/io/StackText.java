package convkit.io;

import convkit.engine.ActivationLayer;
import convkit.engine.BatchNormLayer;
import convkit.engine.ConvLayer;
import convkit.engine.ConvSpec;
import convkit.engine.Kernel;
import convkit.engine.LayerStack;
import convkit.engine.Padding;
import convkit.engine.PaddingMode;
import convkit.engine.PoolLayer;
import convkit.engine.PoolSpec;
import convkit.engine.StackLayer;
import convkit.engine.TransposedConvLayer;
import convkit.engine.TransposedSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The layer-stack text that runs (shared/DESIGN.md §6): one layer a line or {@code ;}-separated,
 * each a kind and {@code key=value} settings, per-axis values as {@code x,y(,z)} or PyTorch's
 * {@code (D, H, W)} tuple; a file name with spaces in brackets:
 * <pre>
 * conv w=c1.npy b=c1.bias.npy p=1; bn mean=m.npy var=v.npy; relu; maxpool k=2
 * </pre>
 * Kinds and keys: {@code conv} (w, b, s, p, d, g, mode, value, k), {@code convt} (w, b, s, p, op,
 * d, g, k), {@code maxpool} (k, s, p, d, ceil), {@code avgpool} (k, s, p, ceil, cip), {@code bn}
 * (mean, var, w, b, eps), {@code relu}, {@code leakyrelu} (slope). The rank comes from the weights
 * (4-D: 2-D, 5-D: 3-D), else from the number of per-axis values, else 2-D. Every refusal starts
 * with the layer: {@code layer 2 (convt): output padding 2 must be smaller than stride 2 or dilation 1}.
 */
public final class StackText {

	/** The key of the stack text on every route: {@code layers=[...]} or {@code layers=@FILE}. */
	public static final String OPTION = "layers";

	/** The settings that name files (pools have none). */
	private static final List<String> FILE_KEYS = Arrays.asList("w", "b", "mean", "var");

	/** The settings each layer kind takes, kinds in the order messages list them. */
	private static final Map<String, List<String>> KEYS;

	static {
		Map<String, List<String>> keys = new LinkedHashMap<>();
		keys.put("conv", Arrays.asList("w", "b", "k", "s", "p", "d", "g", "mode", "value"));
		keys.put("convt", Arrays.asList("w", "b", "k", "s", "p", "op", "d", "g"));
		keys.put("maxpool", Arrays.asList("k", "s", "p", "d", "ceil"));
		keys.put("avgpool", Arrays.asList("k", "s", "p", "ceil", "cip"));
		keys.put("bn", Arrays.asList("mean", "var", "w", "b", "eps"));
		keys.put("relu", Arrays.asList());
		keys.put("leakyrelu", Arrays.asList("slope"));
		KEYS = java.util.Collections.unmodifiableMap(keys);
	}

	private StackText() {}

	/**
	 * The stack a {@code layers=} value describes: {@code @FILE} reads the text from FILE (file
	 * names in it relative to its folder), anything else is the text itself (names relative to the
	 * working directory).
	 */
	public static Parsed fromOption(String value) {
		String v = value == null ? "" : value.trim();
		if (v.startsWith("@")) {
			Path file = Paths.get(v.substring(1).trim());
			if (!Files.isRegularFile(file)) throw new IllegalArgumentException("layers file '" + file + "' does not exist");
			String text;
			try {
				text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
			}
			catch (IOException e) {
				throw new IllegalArgumentException("cannot read layers file '" + file + "': " + e.getMessage(), e);
			}
			Path dir = file.toAbsolutePath().getParent();
			return parse(text, dir);
		}
		return parse(v, Paths.get(""));
	}

	/**
	 * {@code value} as ImageJ records it, so the line replays from any folder: {@code @FILE} with
	 * FILE absolute, or the text on one line ({@code ;} between layers, comments dropped) with every
	 * file name absolute (resolved against the working directory, as {@link #fromOption} reads it),
	 * in brackets when it has spaces.
	 */
	public static String recordable(String value) {
		String v = value == null ? "" : value.trim();
		if (v.startsWith("@")) return "@" + Paths.get(v.substring(1).trim()).toAbsolutePath().normalize();
		StringBuilder out = new StringBuilder();
		for (Line l : lines(v)) {
			StringBuilder line = new StringBuilder(l.kind);
			for (Map.Entry<String, String> e : l.keys.entrySet()) {
				String x = e.getValue();
				if (FILE_KEYS.contains(e.getKey()) && !l.kind.endsWith("pool")) x = Paths.get(x).toAbsolutePath().normalize().toString();
				boolean bracket = x.matches(".*[\\s;\\[\\]].*") && !x.startsWith("(");
				line.append(' ').append(e.getKey()).append('=').append(bracket ? "[" + x + "]" : x);
			}
			out.append(out.length() == 0 ? "" : "; ").append(line);
		}
		return out.toString();
	}

	/** A parsed stack and the files its layers read (named by what they are), so nothing written overwrites them. */
	public static final class Parsed {
		private final LayerStack stack;
		private final Map<String, Path> reads;

		private Parsed(LayerStack stack, Map<String, Path> reads) {
			this.stack = stack;
			this.reads = java.util.Collections.unmodifiableMap(reads);
		}

		public LayerStack stack() {
			return stack;
		}

		/** Every file a layer reads, keyed by {@code layer N (kind) w} and the like. */
		public Map<String, Path> reads() {
			return reads;
		}
	}

	/** Parses {@code text}; relative file names resolve against {@code dir}. */
	public static Parsed parse(String text, Path dir) {
		List<Line> lines = lines(text);
		if (lines.isEmpty()) {
			throw new IllegalArgumentException("the layer stack is empty; write layers such as 'conv w=weights.npy p=1; relu; maxpool k=2'");
		}
		int rank = 0;
		for (Line l : lines) rank = l.rank(rank, dir);
		int r = rank == 0 ? 2 : rank;
		List<StackLayer> layers = new ArrayList<>();
		Map<String, Path> reads = new LinkedHashMap<>();
		for (Line l : lines) {
			layers.add(l.build(r, dir));
			for (String k : FILE_KEYS) {
				if (l.keys.containsKey(k) && !l.kind.endsWith("pool")) reads.put(l.name() + " " + k, dir.resolve(l.keys.get(k)));
			}
		}
		return new Parsed(LayerStack.of(r, layers), reads);
	}

	/** The layers of {@code text}: split at new lines and at ';' outside brackets; blank lines and {@code #} comments skipped. */
	static List<Line> lines(String text) {
		List<Line> out = new ArrayList<>();
		StringBuilder cur = new StringBuilder();
		int depth = 0;
		for (int i = 0; i <= text.length(); i++) {
			char c = i < text.length() ? text.charAt(i) : '\n';
			if (c == '[' || c == '(') depth++;
			else if ((c == ']' || c == ')') && depth > 0) depth--;
			if (c == '\n' || c == '\r' || (c == ';' && depth == 0)) {
				String s = cur.toString().trim();
				cur.setLength(0);
				depth = 0;
				if (!s.isEmpty() && !s.startsWith("#")) out.add(Line.of(s, out.size() + 1));
			}
			else cur.append(c);
		}
		return out;
	}

	/** One layer as written: its number, kind and settings. */
	static final class Line {
		final int index;
		final String kind;
		final Map<String, String> keys;
		/** The arrays read so far, by key: a file is read once though the rank and the layer both need it. */
		private final Map<String, NdArray> read = new java.util.HashMap<>();

		private Line(int index, String kind, Map<String, String> keys) {
			this.index = index;
			this.kind = kind;
			this.keys = keys;
		}

		static Line of(String text, int index) {
			String[] tokens = words(text);
			String kind = tokens[0].toLowerCase(Locale.ROOT);
			if (!KEYS.containsKey(kind)) {
				String near = convkit.engine.Suggestions.closest(kind, KEYS.keySet());
				throw new IllegalArgumentException("layer " + index + ": unknown layer kind '" + Texts.shorten(tokens[0]) + "'; "
					+ (near == null ? "" : "did you mean " + near + "? ") + "allowed are " + String.join(", ", KEYS.keySet()));
			}
			Map<String, String> keys = new LinkedHashMap<>();
			for (int i = 1; i < tokens.length; i++) {
				String tok = tokens[i];
				int eq = tok.indexOf('=');
				String key = (eq < 0 ? tok : tok.substring(0, eq)).toLowerCase(Locale.ROOT);
				String value = eq < 0 ? "" : tok.substring(eq + 1).trim();
				if (value.startsWith("[") && value.endsWith("]")) value = value.substring(1, value.length() - 1).trim();
				String name = "layer " + index + " (" + kind + ")";
				if (!KEYS.get(kind).contains(key)) {
					throw new IllegalArgumentException(name + ": unknown setting '" + Texts.shorten(tok) + "'; " + (KEYS.get(kind).isEmpty()
						? kind + " takes no settings" : "allowed are " + String.join(", ", KEYS.get(kind))));
				}
				if (eq < 0 || value.isEmpty()) throw new IllegalArgumentException(name + ": '" + Texts.shorten(tok) + "' has no value; write " + key + "=...");
				if (keys.put(key, value) != null) throw new IllegalArgumentException(name + ": " + key + " is given twice; give each setting once");
			}
			return new Line(index, kind, keys);
		}

		String name() {
			return "layer " + index + " (" + kind + ")";
		}

		IllegalArgumentException refusal(String message, Throwable cause) {
			return new IllegalArgumentException(name() + ": " + message, cause);
		}

		/** The rank so far joined with what this layer says (0: either). */
		int rank(int sofar, Path dir) {
			int r = sofar;
			try {
				if ((kind.equals("conv") || kind.equals("convt")) && keys.containsKey("w")) {
					NdArray w = array("w", dir);
					if (w.rank() != 4 && w.rank() != 5) {
						throw new IllegalArgumentException("weights " + w.shapeString() + " must have 4 dimensions (2-D: " + (kind.equals("conv")
							? "[C_out, C_in/groups, kH, kW]" : "[C_in, C_out/groups, kH, kW]") + ") or 5 (3-D, with kD before kH)");
					}
					r = join(r, w.rank() - 2, "its weights " + w.shapeString());
				}
				for (String k : new String[] { "k", "s", "d", "op", "p" }) {
					String v = keys.get(k);
					if (v == null || (k.equals("p") && kind.equals("conv"))) continue;
					int n = PyTorchTuple.perAxis(v, k, 0).split(",", -1).length;
					if (n == 2 || n == 3) r = join(r, n, k + "=" + v);
				}
			}
			catch (IllegalArgumentException e) {
				throw refusal(e.getMessage(), e);
			}
			return r;
		}

		private int join(int sofar, int r, String what) {
			if (sofar != 0 && sofar != r) {
				throw new IllegalArgumentException(what + " is " + r + "-D, but the layers before make a " + sofar + "-D stack; every layer of a stack has the same rank");
			}
			return r;
		}

		StackLayer build(int rank, Path dir) {
			try {
				switch (kind) {
					case "conv":
						return conv(rank, dir);
					case "convt":
						return convt(rank, dir);
					case "maxpool":
						if (keys.containsKey("cip")) throw new IllegalArgumentException("cip= is for avgpool");
						return PoolLayer.of(PoolSpec.max(rank, ints("k", rank, 1, null), ints("s", rank, 1, null), pad(rank),
							ints("d", rank, 1, new int[] { 1 }), flag("ceil", false)));
					case "avgpool":
						return PoolLayer.of(PoolSpec.avg(rank, ints("k", rank, 1, null), ints("s", rank, 1, null), pad(rank), flag("ceil", false),
							flag("cip", true)));
					case "bn":
						return BatchNormLayer.of(rank, vector("mean", dir, true), vector("var", dir, true), vector("w", dir, false), vector("b", dir, false),
							number("eps", 1e-5));
					case "leakyrelu":
						return ActivationLayer.leaky((float) number("slope", 0.01));
					default:
						return ActivationLayer.relu();
				}
			}
			catch (IllegalArgumentException e) {
				if (e.getMessage() != null && e.getMessage().startsWith(name())) throw e;
				throw refusal(e.getMessage(), e);
			}
		}

		private StackLayer conv(int rank, Path dir) {
			Kernel w = weights(rank, dir);
			ConvSpec.Builder b = ConvSpec.builder(rank).stride(ints("s", rank, 1, new int[] { 1 })).dilation(ints("d", rank, 1, new int[] { 1 }))
				.groups(whole("g", 1));
			if (keys.containsKey("p")) b.padding(Padding.parse(PyTorchTuple.padding(keys.get("p"), "p", rank)));
			if (keys.containsKey("mode")) b.mode(PaddingMode.fromLabel(keys.get("mode")));
			if (keys.containsKey("value")) {
				if (!"constant".equalsIgnoreCase(keys.getOrDefault("mode", ""))) throw new IllegalArgumentException("value= is the fill of mode=constant; add mode=constant or drop it");
				b.value((float) number("value", 0));
			}
			return ConvLayer.of(w, floats("b", dir), b.build());
		}

		private StackLayer convt(int rank, Path dir) {
			Kernel w = weights(rank, dir);
			return TransposedConvLayer.of(w, floats("b", dir), TransposedSpec.of(rank, ints("s", rank, 1, new int[] { 1 }), pad(rank),
				ints("op", rank, 0, new int[] { 0 }), ints("d", rank, 1, new int[] { 1 }), whole("g", 1)));
		}

		/** The weights, whose kernel size a {@code k=} must repeat; running needs them. */
		private Kernel weights(int rank, Path dir) {
			if (!keys.containsKey("w")) {
				throw new IllegalArgumentException("running a " + kind + " layer needs its weights, w=FILE.npy (" + (kind.equals("conv")
					? "[C_out, C_in/groups, kH, kW]" : "[C_in, C_out/groups, kH, kW]") + "); k= alone describes its geometry, which the calculator"
					+ " (calc, Conv Calculator) shows");
			}
			NdArray a = array("w", dir);
			Kernel w = Kernel.of(a.toArray(), a.shape());
			if (keys.containsKey("k")) {
				int[] k = ints("k", rank, 1, null);
				for (int i = 0; i < rank; i++) {
					int fromWeights = a.dim(a.rank() - 1 - i);
					int given = k[k.length == 1 ? 0 : i];
					if (given != fromWeights) {
						throw new IllegalArgumentException("k=" + keys.get("k") + " disagrees with the weights " + a.shapeString()
							+ ", whose kernel is " + a.dim(a.rank() - 1) + " wide and " + a.dim(a.rank() - 2) + " high; drop k= (the weights give it)");
					}
				}
			}
			return w;
		}

		private NdArray array(String key, Path dir) {
			NdArray known = read.get(key);
			if (known != null) return known;
			NdArray a = readArray(key, dir);
			read.put(key, a);
			return a;
		}

		private NdArray readArray(String key, Path dir) {
			String name = keys.get(key);
			Path p = dir.resolve(name);
			if (Files.isDirectory(p)) throw new IllegalArgumentException(key + "='" + Texts.shorten(name) + "' is a folder, not a file");
			if (!Files.isRegularFile(p)) throw new IllegalArgumentException(key + " file '" + p + "' does not exist");
			return KernelSource.readFile(p);
		}

		private float[] floats(String key, Path dir) {
			return keys.containsKey(key) ? vector(key, dir, true) : null;
		}

		private float[] vector(String key, Path dir, boolean required) {
			if (!keys.containsKey(key)) {
				if (required) throw new IllegalArgumentException("batch norm needs " + key + "=FILE.npy (one value per channel)");
				return null;
			}
			NdArray a = array(key, dir);
			if (a.rank() != 1) throw new IllegalArgumentException(key + " " + a.shapeString() + " must be one value per channel, a 1-D array");
			float[] v = a.toArray();
			for (float x : v) {
				if (!Float.isFinite(x)) throw new IllegalArgumentException(key + " holds " + x + "; every value must be a finite number");
			}
			return v;
		}

		/** Pools and transposed layers: padding per axis, the same on both sides. */
		private int[] pad(int rank) {
			String v = keys.get("p");
			if (v == null) return new int[] { 0 };
			String t = PyTorchTuple.padding(v, "p", rank);
			int n = t.split(",", -1).length;
			if (!t.matches("[0-9 ,]+") || (n != 1 && n != rank)) {
				throw new IllegalArgumentException("p=" + v + " is not allowed here: PyTorch pads a " + kind + " layer the same on both sides, so it"
					+ " takes p=P or one value per axis; per-side and same padding stay in the calculator");
			}
			return ints("p", rank, 0, null);
		}

		private int[] ints(String key, int rank, int least, int[] dflt) {
			String v = keys.get(key);
			if (v == null) {
				if (dflt == null && key.equals("k")) throw new IllegalArgumentException("a " + kind + " layer needs its kernel size, k=");
				return dflt;
			}
			String[] p = PyTorchTuple.perAxis(v, key, rank).split(",", -1);
			if (p.length != 1 && p.length != rank) {
				throw new IllegalArgumentException(key + "=" + v + " has " + p.length + " values; a " + rank + "-D stack takes one or " + rank
					+ (rank == 3 ? " (x,y,z)" : " (x,y)"));
			}
			int[] out = new int[p.length];
			for (int i = 0; i < p.length; i++) {
				try {
					out[i] = Integer.parseInt(p[i].trim());
				}
				catch (NumberFormatException e) {
					throw new IllegalArgumentException(key + "=" + Texts.shorten(v) + " is not a whole number (or one per axis)");
				}
				if (out[i] < least) throw new IllegalArgumentException(key + "=" + v + " must be at least " + least);
			}
			return out;
		}

		private int whole(String key, int dflt) {
			int[] v = ints(key, 1, 1, new int[] { dflt });
			return v[0];
		}

		private boolean flag(String key, boolean dflt) {
			String v = keys.get(key);
			if (v == null) return dflt;
			switch (v.toLowerCase(Locale.ROOT)) {
				case "1":
				case "true":
					return true;
				case "0":
				case "false":
					return false;
				default:
					throw new IllegalArgumentException(key + "=" + Texts.shorten(v) + " is not allowed; write " + key + "=0 or " + key + "=1");
			}
		}

		private double number(String key, double dflt) {
			String v = keys.get(key);
			if (v == null) return dflt;
			try {
				double d = Double.parseDouble(v);
				if (!Double.isFinite(d)) throw new NumberFormatException();
				return d;
			}
			catch (NumberFormatException e) {
				throw new IllegalArgumentException(key + "=" + Texts.shorten(v) + " is not a finite number");
			}
		}
	}

	/** The words of a layer: split at white space outside brackets and parentheses. */
	static String[] words(String text) {
		List<String> out = new ArrayList<>();
		StringBuilder word = new StringBuilder();
		int depth = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '(' || c == '[') depth++;
			else if ((c == ')' || c == ']') && depth > 0) depth--;
			if (Character.isWhitespace(c) && depth == 0) {
				if (word.length() > 0) out.add(word.toString());
				word.setLength(0);
			}
			else word.append(c);
		}
		if (word.length() > 0) out.add(word.toString());
		return out.toArray(new String[0]);
	}
}
