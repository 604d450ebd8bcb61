package convkit.options;

import convkit.io.Texts;

import convkit.engine.ConvSpec;
import convkit.engine.Kernel;
import convkit.engine.Method;
import convkit.engine.Padding;
import convkit.engine.PaddingMode;
import convkit.io.KernelSource;
import convkit.io.NdArray;
import convkit.io.PyTorchTuple;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The keys of {@code Conv2D...} and {@code Conv3D...} and their values, checked when made.
 * <ul>
 * <li>{@code kernel} (text): a .npy/.csv/.txt path, an open image's title, a preset or kernel text; required</li>
 * <li>{@code bias} (text): a path or comma-separated numbers, one per output channel</li>
 * <li>{@code stride} (pixels): {@code S}, or {@code SX,SY} (Conv2D), {@code SX,SY,SZ} (Conv3D); default 1</li>
 * <li>{@code padding} (pixels): {@code P}, {@code PX,PY}, {@code L,R,T,B} (Conv2D), {@code PX,PY,PZ},
 * {@code L,R,T,B,F,K} (Conv3D), {@code same} (= {@code same_upper}), {@code same_lower}, {@code valid}; default 0</li>
 * <li>{@code padding_mode}: zeros, reflect, symmetric, replicate, circular, constant; default zeros</li>
 * <li>{@code value} (number): the fill of {@code padding_mode=constant}; default 0</li>
 * <li>{@code dilation} (pixels): as stride; default 1</li>
 * <li>{@code groups} (count): default 1</li>
 * <li>{@code flip}, {@code normalize} (flags)</li>
 * <li>{@code channels}: auto or slices (Conv2D only); default auto</li>
 * <li>{@code method}: auto, direct, separable, fft or winograd (the algorithm; same numbers); default auto</li>
 * <li>{@code output_type}: float or same (the input's bit depth); default float; {@code convert}: clamp, abs
 * or rescale (with {@code same}); default clamp</li>
 * </ul>
 * The spec's rank (2 for Conv2D, 3 for Conv3D) is the command's; per-axis values are written
 * x, y[, z]. Example: {@code ConvOptions.from(OptionString.parse("kernel=box(3) stride=2"), 2).spec()}.
 */
public final class ConvOptions {

	public static final String KERNEL = OptionKey.KERNEL.key();
	public static final String BIAS = OptionKey.BIAS.key();
	public static final String STRIDE = OptionKey.STRIDE.key();
	public static final String PADDING = OptionKey.PADDING.key();
	public static final String PADDING_MODE = OptionKey.PADDING_MODE.key();
	public static final String DILATION = OptionKey.DILATION.key();
	public static final String GROUPS = OptionKey.GROUPS.key();
	public static final String FLIP = OptionKey.FLIP.key();
	public static final String NORMALIZE = OptionKey.NORMALIZE.key();
	public static final String CHANNELS = OptionKey.CHANNELS.key();
	public static final String METHOD = OptionKey.METHOD.key();
	public static final String VALUE = OptionKey.VALUE.key();
	public static final String OUTPUT_TYPE = OptionKey.OUTPUT_TYPE.key();
	public static final String CONVERT = OptionKey.CONVERT.key();

	/** Every key of the convolution, in the order a recorded line lists them ({@link OptionKey}'s table). */
	public static final Set<String> KEYS = OptionKey.convolution();

	private final String kernel;
	private final String bias;
	private final ConvSpec spec;
	private final ChannelMapping channels;
	private final Method method;
	private final OutputType output;

	private ConvOptions(String kernel, String bias, ConvSpec spec, ChannelMapping channels, Method method, OutputType output) {
		this.kernel = kernel;
		this.bias = bias;
		this.spec = spec;
		this.channels = channels;
		this.method = method;
		this.output = output;
	}

	/** Reads the Conv2D keys of {@code o} (other keys are the caller's to check). */
	public static ConvOptions from(OptionString o) {
		return from(o, 2);
	}

	/** Reads the convolution keys of {@code o} for a convolution of {@code rank} spatial axes (2 or 3). */
	public static ConvOptions from(OptionString o, int rank) {
		String kernel = OptionKey.KERNEL.in(o);
		if (kernel == null || kernel.trim().isEmpty()) {
			throw new IllegalArgumentException("option 'kernel' is required: a .npy/.csv/.txt file, an open image's title,"
				+ " a preset or kernel text");
		}
		String bias = OptionKey.BIAS.in(o);
		if (bias != null && (bias.trim().isEmpty() || bias.trim().equalsIgnoreCase("none"))) bias = null;
		if (bias != null && (bias.trim().equalsIgnoreCase("true") || bias.trim().equalsIgnoreCase("false"))) {
			throw new IllegalArgumentException("bias '" + bias.trim() + "' is PyTorch's switch; ConvKit takes the bias values: a file"
				+ " (bias=b.npy, as np.save(layer.bias.detach().numpy()) writes it) or numbers (bias=0.1,0.2); leave bias out for no bias");
		}
		int[] stride = perAxis(OptionKey.STRIDE.in(o), STRIDE, rank);
		int[] dilation = perAxis(OptionKey.DILATION.in(o), DILATION, rank);
		Padding padding = padding(OptionKey.PADDING.in(o), rank);
		PaddingMode mode = PaddingMode.fromLabel(OptionKey.PADDING_MODE.in(o));
		int groups = integer(OptionKey.GROUPS.in(o), GROUPS);
		float value = number(OptionKey.VALUE.in(o), VALUE);
		ConvSpec spec = ConvSpec.builder(rank).stride(stride).dilation(dilation).padding(padding).mode(mode).value(value)
			.groups(groups).flip(flag(o, FLIP)).normalize(flag(o, NORMALIZE)).build();
		ChannelMapping channels = ChannelMapping.fromLabel(OptionKey.CHANNELS.in(o));
		if (rank == 3 && channels == ChannelMapping.SLICES) {
			throw new IllegalArgumentException("channels=slices is for Conv2D; Conv3D reads a stack's slices as depth and its"
				+ " channels as channels (use channels=auto)");
		}
		Method method = Method.fromLabel(OptionKey.METHOD.in(o));
		OutputType output = OutputType.parse(OptionKey.OUTPUT_TYPE.in(o), OptionKey.CONVERT.in(o));
		return new ConvOptions(kernel.trim(), bias == null ? null : bias.trim(), spec, channels, method, output);
	}

	/**
	 * {@code "2"} (every axis), or one value per axis of a {@code rank}-axis convolution
	 * ({@code "2,1"} x,y; {@code "2,2,1"} x,y,z); refuses another count, naming the key.
	 */
	public static int[] perAxis(String value, String key, int rank) {
		String[] p = PyTorchTuple.perAxis(value, key, rank).trim().split("\\s*,\\s*", -1);
		if (p.length != 1 && p.length != rank) {
			throw new IllegalArgumentException(key + " '" + Texts.shorten(value) + "' has " + p.length + " values; " + (rank == 3
				? "Conv3D takes N, X,Y,Z or PyTorch (D, H, W)" : "Conv2D takes N, X,Y or PyTorch (H, W)") + " (whole numbers)");
		}
		int[] v = new int[p.length];
		for (int i = 0; i < p.length; i++) v[i] = integer(p[i], key);
		return v;
	}

	/**
	 * A padding of a {@code rank}-axis convolution in every form of {@link Padding#parse}, or as a
	 * PyTorch tuple ({@code (H, W)}, {@code (D, H, W)}, or {@code F.pad}'s 4 or 6 values).
	 */
	public static Padding padding(String value, int rank) {
		return Padding.parse(PyTorchTuple.padding(value, PADDING, rank));
	}

	/** {@code "2"} or {@code "2,1"} (x,y) as {@code {x, y}}; refuses anything else. */
	public static int[] pair(String value, String key) {
		String[] p = PyTorchTuple.perAxis(value, key, 2).trim().split("\\s*,\\s*", -1);
		if (p.length == 1) {
			int v = integer(p[0], key);
			return new int[] { v, v };
		}
		if (p.length == 2) return new int[] { integer(p[0], key), integer(p[1], key) };
		throw new IllegalArgumentException(key + " '" + Texts.shorten(value) + "' is not understood; expected N, X,Y or PyTorch (H, W)"
			+ " (whole numbers)");
	}

	/** {@code threads=N} of {@code o}: at least 1, or {@code otherwise} when absent (the one place threads are read). */
	public static int threads(OptionString o, int otherwise) {
		String v = o.get(OptionKey.THREADS.key());
		if (v == null) return otherwise;
		int n = integer(v, OptionKey.THREADS.key());
		if (n < 1) throw new IllegalArgumentException("threads must be at least 1, not " + n);
		return n;
	}

	/** A whole number, or a refusal that names the key and the value. */
	public static int integer(String value, String key) {
		try {
			return Integer.parseInt(value.trim());
		}
		catch (NumberFormatException e) {
			if (value.trim().matches("[-+]?\\d+")) {
				throw new IllegalArgumentException(key + " '" + Texts.shorten(value) + "' is too large (allowed up to " + Integer.MAX_VALUE + ")");
			}
			throw new IllegalArgumentException(key + " '" + Texts.shorten(value) + "' is not a whole number");
		}
	}

	/** A finite number, or a refusal that names the key and the value. */
	public static float number(String value, String key) {
		float v;
		try {
			v = Float.parseFloat(value.trim());
		}
		catch (NumberFormatException e) {
			throw new IllegalArgumentException(key + " '" + Texts.shorten(value) + "' is not a number");
		}
		if (!Float.isFinite(v)) throw new IllegalArgumentException(key + " '" + Texts.shorten(value) + "' is not a finite number");
		return v;
	}

	/** {@code yes} or {@code no} (also true/false), or a refusal that names the key and the value. */
	public static boolean yesNo(String value, String key) {
		String l = value.trim().toLowerCase(Locale.ROOT);
		if (l.equals("yes") || l.equals("true")) return true;
		if (l.equals("no") || l.equals("false")) return false;
		throw new IllegalArgumentException(key + " '" + Texts.shorten(value) + "' is not understood; allowed are yes and no");
	}

	/** A bare flag, or {@code key=true|false}. */
	public static boolean flag(OptionString o, String key) {
		String v = o.get(key);
		if (v == null) return false;
		String l = v.trim().toLowerCase(Locale.ROOT);
		if (l.equals("true") || l.isEmpty()) return true;
		if (l.equals("false")) return false;
		throw new IllegalArgumentException(key + " '" + Texts.shorten(v) + "' is not understood; expected the bare word " + key
			+ " or " + key + "=true/false");
	}

	/** The kernel value as typed. */
	public String kernelText() {
		return kernel;
	}

	/** The bias value as typed, or null. */
	public String biasText() {
		return bias;
	}

	public ConvSpec spec() {
		return spec;
	}

	public ChannelMapping channels() {
		return channels;
	}

	/** The requested algorithm ({@code auto} unless forced). */
	public Method method() {
		return method;
	}

	/** The result's pixel type ({@code output_type}, {@code convert}). */
	public OutputType output() {
		return output;
	}

	/** Number of spatial axes: 2 (Conv2D) or 3 (Conv3D). */
	public int rank() {
		return spec.rank();
	}

	/** The kernel, looking up open images with {@code images}. */
	public Kernel kernel(Function<String, Optional<NdArray>> images) {
		return KernelSource.kernel(kernel, images);
	}

	/**
	 * The files these options read besides the input, by role ({@code kernel}, {@code bias}): a
	 * run must not write its result over any of them.
	 */
	public java.util.Map<String, java.nio.file.Path> files() {
		java.util.Map<String, java.nio.file.Path> m = new java.util.LinkedHashMap<>();
		KernelSource.file(kernel).ifPresent(p -> m.put(KERNEL, p));
		KernelSource.file(bias).ifPresent(p -> m.put(BIAS, p));
		return m;
	}

	/** The bias values, or null when there is none. */
	public float[] bias() {
		return bias == null ? null : KernelSource.bias(bias);
	}

	/** The options as a macro option string, as the recorder writes them. */
	public String toOptionString() {
		ConvSpec s = spec;
		StringBuilder sb = new StringBuilder();
		sb.append("kernel=[").append(kernel).append(']');
		if (bias != null) sb.append(" bias=[").append(bias).append(']');
		sb.append(" stride=").append(ConvSpec.perAxis(s.strides()));
		sb.append(" padding=").append(s.padding());
		sb.append(" padding_mode=").append(s.mode().label());
		if (s.mode() == PaddingMode.CONSTANT) sb.append(" value=").append(ConvSpec.valueText(s.value()));
		sb.append(" dilation=").append(ConvSpec.perAxis(s.dilations()));
		sb.append(" groups=").append(s.groups());
		if (s.flip()) sb.append(" flip");
		if (s.normalize()) sb.append(" normalize");
		if (channels != ChannelMapping.AUTO) sb.append(" channels=").append(channels.label());
		if (method != Method.AUTO) sb.append(" method=").append(method.label());
		if (output.keepsInputDepth()) sb.append(' ').append(output.toOptionString());
		return sb.toString();
	}
}
