package convkit.run;

import convkit.engine.ConvSpec;
import convkit.engine.Kernel;
import convkit.engine.Method;
import convkit.io.KernelSource;
import convkit.options.ConvOptions;
import convkit.options.OutputType;

/**
 * What to compute, whatever the data: the kernel, the bias, the spec (its rank says Conv2D or
 * Conv3D), the method, the output's pixel type, and the option string the user gave (recorded in every output's Info).
 * Immutable.
 * <p>
 * Example: {@code ConvJob.of(kernel, null, ConvSpec.builder(3).build(), Method.AUTO, "kernel=[box3d(3)]")}.
 */
public final class ConvJob {

	private final Kernel kernel;
	private final float[] bias;
	private final ConvSpec spec;
	private final Method method;
	private final OutputType output;
	private final String options;
	private final java.util.Map<String, java.nio.file.Path> reads;

	private ConvJob(Kernel kernel, float[] bias, ConvSpec spec, Method method, OutputType output, String options,
		java.util.Map<String, java.nio.file.Path> reads)
	{
		this.kernel = kernel;
		this.bias = bias;
		this.spec = spec;
		this.method = method;
		this.output = output;
		this.options = options;
		this.reads = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(reads));
	}

	/** A job with 32-bit float results; {@code bias} may be null (none). */
	public static ConvJob of(Kernel kernel, float[] bias, ConvSpec spec, Method method, String options) {
		return of(kernel, bias, spec, method, OutputType.FLOAT, options);
	}

	/** A job; {@code bias} may be null (none). */
	/**
	 * The job {@code options} describe where no image is open (the command line, a batch, a
	 * cluster): kernels and biases from presets, text and files.
	 */
	public static ConvJob of(ConvOptions options) {
		return of(options.kernel(KernelSource.NO_IMAGES), options.bias(), options.spec(), options.method(), options.output(),
			options.toOptionString()).reading(options.files());
	}

	public static ConvJob of(Kernel kernel, float[] bias, ConvSpec spec, Method method, OutputType output, String options) {
		if (kernel == null || spec == null || method == null || output == null) {
			throw new IllegalArgumentException("kernel, spec, method and output type must be given");
		}
		return new ConvJob(kernel, bias == null ? null : bias.clone(), spec, method, output, options == null ? "" : options,
			java.util.Collections.emptyMap());
	}

	/** This job, reading {@code files} (by role: kernel, bias) besides its input: no result is written over them. */
	public ConvJob reading(java.util.Map<String, java.nio.file.Path> files) {
		return new ConvJob(kernel, bias, spec, method, output, options, files);
	}

	/** The files the job reads besides its input, by role ({@code kernel}, {@code bias}). */
	public java.util.Map<String, java.nio.file.Path> reads() {
		return reads;
	}

	public Kernel kernel() {
		return kernel;
	}

	/** The bias values, or null. */
	public float[] bias() {
		return bias == null ? null : bias.clone();
	}

	public ConvSpec spec() {
		return spec;
	}

	/** Number of spatial axes: 2 (Conv2D) or 3 (Conv3D). */
	public int rank() {
		return spec.rank();
	}

	public Method method() {
		return method;
	}

	/** The result's pixel type. */
	public OutputType output() {
		return output;
	}

	/** The options as the user gave them (a macro option string). */
	public String options() {
		return options;
	}

	/** {@code "Conv2D"} or {@code "Conv3D"}. */
	public String commandName() {
		return "Conv" + rank() + "D";
	}
}
