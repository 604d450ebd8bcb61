package convkit.command;

import convkit.engine.Execution;
import convkit.engine.Method;
import convkit.engine.PaddingMode;
import convkit.files.FileConvolution;
import convkit.image.ImageConvolution;
import convkit.options.ChannelMapping;
import convkit.options.ConvOptions;
import convkit.options.OptionKey;
import convkit.options.Conversion;
import convkit.options.OptionString;
import convkit.options.OutputType;
import convkit.run.ConvJob;
import convkit.run.ConvRunner;
import convkit.run.RunReport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.widget.FileWidget;

/**
 * File-to-file convolution as a SciJava command, shared by {@link Conv2DCommand} and
 * {@link Conv3DCommand}: parameters named exactly as the macro keys, values in the same forms,
 * choices the enums' own name constants; the input a {@code .npy} or any image ImageJ opens, the output a
 * {@code .npy} or {@code .tif} written atomically — all through the same runner as every route.
 */
public abstract class FileConvolutionCommand implements Command {

	// -- Parameters --

	@Parameter(label = "Input file", description = ".npy or an image ImageJ opens", persist = false)
	private File input;

	@Parameter(label = "Output file", description = ".npy or .tif", style = FileWidget.SAVE_STYLE, persist = false)
	private File output;

	@Parameter(label = "Kernel", description = "a .npy/.csv/.txt file, a preset or kernel text", persist = false)
	private String kernel;

	@Parameter(label = "Bias", required = false, description = "a file or comma-separated numbers", persist = false)
	private String bias = "";

	@Parameter(label = "Stride", description = "N, or one value per axis (x,y or x,y,z)", persist = false)
	private String stride = OptionKey.STRIDE.dflt();

	@Parameter(label = "Padding", description = "P, per axis, per side, same, same_lower or valid", persist = false)
	private String padding = OptionKey.PADDING.dflt();

	@Parameter(label = "Padding mode", choices = { PaddingMode.Names.ZEROS, PaddingMode.Names.REFLECT, PaddingMode.Names.SYMMETRIC,
		PaddingMode.Names.REPLICATE, PaddingMode.Names.CIRCULAR, PaddingMode.Names.CONSTANT }, persist = false)
	private String padding_mode = OptionKey.PADDING_MODE.dflt();

	@Parameter(label = "Value", description = "the fill of padding mode constant", persist = false)
	private double value = Double.parseDouble(OptionKey.VALUE.dflt());

	@Parameter(label = "Dilation", description = "N, or one value per axis (x,y or x,y,z)", persist = false)
	private String dilation = OptionKey.DILATION.dflt();

	@Parameter(label = "Groups", min = "1", persist = false)
	private int groups = Integer.parseInt(OptionKey.GROUPS.dflt());

	@Parameter(label = "Flip (true convolution)", required = false, persist = false)
	private boolean flip;

	@Parameter(label = "Normalize", required = false, persist = false)
	private boolean normalize;

	@Parameter(label = "Channels", choices = { ChannelMapping.Names.AUTO, ChannelMapping.Names.SLICES }, persist = false)
	private String channels = OptionKey.CHANNELS.dflt();

	@Parameter(label = "Method", choices = { Method.Names.AUTO, Method.Names.DIRECT, Method.Names.SEPARABLE, Method.Names.FFT, Method.Names.WINOGRAD },
		persist = false)
	private String method = OptionKey.METHOD.dflt();

	@Parameter(label = "Output type", description = "float, or same: the input's bit depth", choices = { OutputType.FLOAT_NAME,
		OutputType.SAME_NAME }, persist = false)
	private String output_type = OptionKey.OUTPUT_TYPE.dflt();

	@Parameter(label = "Convert", description = "how output type same makes 8/16-bit values", choices = { Conversion.Names.CLAMP,
		Conversion.Names.ABS, Conversion.Names.RESCALE }, persist = false)
	private String convert = OptionKey.CONVERT.dflt();

	@Parameter(label = "Report", type = ItemIO.OUTPUT)
	private String report;

	// -- Subclass methods --

	/** 2 (Conv2D) or 3 (Conv3D). */
	protected abstract int rank();

	// -- Command methods --

	@Override
	public void run() {
		Map<String, String> m = new LinkedHashMap<>();
		m.put(ConvOptions.KERNEL, kernel);
		if (bias != null && !bias.trim().isEmpty()) m.put(ConvOptions.BIAS, bias);
		m.put(ConvOptions.STRIDE, stride);
		m.put(ConvOptions.PADDING, padding);
		m.put(ConvOptions.PADDING_MODE, padding_mode);
		m.put(ConvOptions.VALUE, Double.toString(value));
		m.put(ConvOptions.DILATION, dilation);
		m.put(ConvOptions.GROUPS, Integer.toString(groups));
		m.put(ConvOptions.FLIP, Boolean.toString(flip));
		m.put(ConvOptions.NORMALIZE, Boolean.toString(normalize));
		m.put(ConvOptions.CHANNELS, channels);
		m.put(ConvOptions.METHOD, method);
		m.put(ConvOptions.OUTPUT_TYPE, output_type);
		m.put(ConvOptions.CONVERT, convert);
		ConvOptions options = ConvOptions.from(OptionString.of(m), rank());
		if (input == null || output == null) throw new IllegalArgumentException("input and output files are required");
		ConvJob job = ConvJob.of(options);
		try {
			RunReport r = new FileConvolution(new ConvRunner(job, ImageConvolution.IMAGEJ_MEMORY), options.channels(), rank(),
				convkit.options.Streaming.AUTO).run(input.toPath(), output.toPath(), Execution.defaults());
			StringBuilder sb = new StringBuilder("ConvKit ").append(job.commandName()).append(' ').append(input).append(" -> ")
				.append(output).append(": ").append(r.plan().outputShape()).append(" (").append(r.method()).append(')');
			r.plan().axes().forEach(g -> sb.append('\n').append(g.axis().label()).append(": ").append(g.formula()));
			report = sb.toString();
		}
		catch (IOException e) {
			throw new UncheckedIOException("ConvKit " + job.commandName() + " could not read or write: " + e.getMessage(), e);
		}
	}

	/** The report of the last run: output shape, method and the size formulas. */
	public String report() {
		return report;
	}
}
