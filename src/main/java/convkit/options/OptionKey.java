package convkit.options;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The one table of the keys a convolution takes — the key users type, its default, the form of its
 * value and its help line — read by the option parser ({@link ConvOptions}), the command line's
 * help, the SciJava commands' defaults, the batch and the Spark job, and checked against the
 * README's table of defaults. Adding a key is a row here and its use where it acts.
 */
public enum OptionKey {

	/** The file read (command line, batch, file-to-file calls). */
	INPUT("input", null, "FILE", ".npy ([H,W], [C,H,W], a batch [N,C,H,W]) or any image ImageJ opens (TIFF, ...)"),
	/** The file written. */
	OUTPUT("output", null, "FILE", ".npy or .tif; written whole or not at all; without it nothing is written"),
	KERNEL("kernel", null, "K", ".npy/.csv/.txt file, preset or inline text; weights [C_out, C_in/groups, kH, kW],\n"
		+ "[kH, kW] (each channel on its own) or [C_in, kH, kW] (one output channel)"),
	BIAS("bias", null, "B", ".npy/.csv/.txt file or comma-separated numbers, one per output channel"),
	STRIDE("stride", "1", "S|SX,SY", "N, X,Y (X,Y,Z), or PyTorch's (H, W) / (D, H, W) in parentheses"),
	PADDING("padding", "0", "P", "P, PX,PY, L,R,T,B (3-D: PX,PY,PZ, L,R,T,B,F,K), same, same_lower, valid,\n"
		+ "or a PyTorch tuple: (H, W) per axis, or F.pad's 4 or 6 values"),
	PADDING_MODE("padding_mode", "zeros", "M", "zeros, reflect (c b|a b c d|c b), symmetric (b a|a b c d|d c),\n"
		+ "replicate (a a|a b c d|d d), circular (c d|a b c d|a b), constant (v v|a b c d|v v)"),
	VALUE("value", "0", "V", "the fill of padding_mode=constant (any finite number)"),
	DILATION("dilation", "1", "D|DX,DY", "as stride"),
	GROUPS("groups", "1", "G", "a whole number dividing the input and output channels"),
	FLIP("flip", "false", "", "true convolution (kernel rotated 180 degrees); default: correlation, as PyTorch"),
	NORMALIZE("normalize", "false", "", "divide each output channel's kernel by its sum when it is not 0"),
	CHANNELS("channels", "auto", "auto|slices", "slices: a plain stack's slices are the input channels (Conv2D)"),
	METHOD("method", "auto", "M", "auto, direct, separable (rank-1 kernels), fft (stride 1) or\n"
		+ "winograd (3x3 / 3x3x3, stride 1, dilation 1); the same numbers"),
	OUTPUT_TYPE("output_type", "float", "T", "float (32-bit) or same (the input's bit depth: 8-bit, 16-bit; RGB gives 8-bit)"),
	CONVERT("convert", "clamp", "C", "with output_type=same: clamp (round and clamp, as ImageJ's Convolve),\n"
		+ "abs (absolute value, then clamp) or rescale (the result's range onto 0..255 or 0..65535)"),
	/** Runs of a timed run (command line). */
	REPEAT("repeat", "1", "N", "run N times and print 'timing: median_ms=... min_ms=... runs=N'"),
	THREADS("threads", null, "N", "worker threads (default: every core; a Spark task 1)"),
	STREAM("stream", "auto", "auto|yes|no", "read and write a TIFF stack plane by plane: auto when its floats would take\n"
		+ "over a quarter of the free heap, yes always, no never"),
	/** The command line's warm-up of the hot loops while the input is read (conv, conv3d). */
	WARMUP("warmup", "yes", "yes|no", "compile the convolution's loops on a small made-up input while the input file is read\n"
		+ "(a fresh JVM's first call is then about as fast as the next); no: skip it (a busy machine, a cold-start measurement)");

	private final String key;
	private final String dflt;
	private final String form;
	private final String help;

	OptionKey(String key, String dflt, String form, String help) {
		this.key = key;
		this.dflt = dflt;
		this.form = form;
		this.help = help;
	}

	/** The key users type. */
	public String key() {
		return key;
	}

	/** The default value as text, or null when the key has none (required, or absent means none). */
	public String dflt() {
		return dflt;
	}

	/**
	 * The value of this key in {@code o}, or its default; one pair of quotes around it dropped, as
	 * PyTorch writes its strings ({@code padding_mode='reflect'}, {@code padding='same'}).
	 */
	public String in(OptionString o) {
		return unquoted(o.get(key, dflt));
	}

	/** {@code v} without one pair of matching quotes around it (null stays null). */
	public static String unquoted(String v) {
		if (v == null) return null;
		String t = v.trim();
		if (t.length() >= 2 && (t.charAt(0) == '\'' || t.charAt(0) == '"') && t.charAt(t.length() - 1) == t.charAt(0)) {
			return t.substring(1, t.length() - 1);
		}
		return v;
	}

	/** The keys of the convolution itself (kernel to convert), in the order a recorded line lists them. */
	public static Set<String> convolution() {
		return keys(KERNEL, CONVERT);
	}

	/** The keys from {@code first} to {@code last} in table order. */
	public static Set<String> keys(OptionKey first, OptionKey last) {
		Set<String> s = new LinkedHashSet<>();
		for (OptionKey k : Arrays.copyOfRange(values(), first.ordinal(), last.ordinal() + 1)) s.add(k.key);
		return Collections.unmodifiableSet(s);
	}

	/** The keys {@code ks}, in the order given. */
	public static Set<String> keys(OptionKey... ks) {
		Set<String> s = new LinkedHashSet<>();
		for (OptionKey k : ks) s.add(k.key);
		return s;
	}

	/**
	 * The help lines of {@code --help}: {@code key=FORM}, the help text (continued lines indented)
	 * and the default.
	 */
	public String helpLines(String nl) {
		String head = form.isEmpty() ? key : key + "=" + form;
		String text = help + (dflt == null || this == FLIP || this == NORMALIZE ? "" : "; default " + dflt);
		String[] lines = text.split("\n");
		StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  %-17s %s", head, lines[0])).append(nl);
		for (int i = 1; i < lines.length; i++) sb.append(String.format(Locale.ROOT, "  %-17s %s", "", lines[i])).append(nl);
		return sb.toString();
	}

	/** Every key's help lines, from {@code first} to {@code last}. */
	public static String helpLines(OptionKey first, OptionKey last, String nl) {
		StringBuilder sb = new StringBuilder();
		for (OptionKey k : Arrays.copyOfRange(values(), first.ordinal(), last.ordinal() + 1)) sb.append(k.helpLines(nl));
		return sb.toString();
	}
}
