package convkit.command;

import convkit.engine.Execution;
import convkit.engine.Kernel;
import convkit.files.FileConvolution;
import convkit.files.TensorFiles;
import convkit.io.KernelSource;
import convkit.options.ConvOptions;
import convkit.options.OptionString;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

/**
 * Conv2D from file to file as a SciJava command, for Fiji scripts ({@code #@ CommandService})
 * and {@code ImageJ-linux64 --headless --run convkit.command.Conv2DCommand "input=...,output=...,kernel=..."}.
 * Parameter names are the macro keys; values take the same forms. The input is a {@code .npy} or
 * any image ImageJ opens; the output a {@code .npy} or {@code .tif}, written atomically.
 */
@Plugin(type = Command.class, name = "ConvKit Conv2D", label = "ConvKit Conv2D (file to file)", headless = true)
public class Conv2DCommand implements Command {

	// -- Parameters --

	@Parameter(label = "Input file", description = ".npy ([C,H,W] or [H,W]) or an image ImageJ opens", persist = false)
	private File input;

	@Parameter(label = "Output file", description = ".npy or .tif", style = FileWidget.SAVE_STYLE, persist = false)
	private File output;

	@Parameter(label = "Kernel", description = "a .npy/.csv/.txt file, a preset or kernel text", persist = false)
	private String kernel;

	@Parameter(label = "Bias", required = false, description = "a file or comma-separated numbers", persist = false)
	private String bias = "";

	@Parameter(label = "Stride", description = "N or X,Y", persist = false)
	private String stride = "1";

	@Parameter(label = "Padding", description = "P, PX,PY, L,R,T,B, same or valid", persist = false)
	private String padding = "0";

	@Parameter(label = "Padding mode", choices = { "zeros", "reflect", "symmetric", "replicate", "circular" }, persist = false)
	private String padding_mode = "zeros";

	@Parameter(label = "Dilation", description = "N or X,Y", persist = false)
	private String dilation = "1";

	@Parameter(label = "Groups", min = "1", persist = false)
	private int groups = 1;

	@Parameter(label = "Flip (true convolution)", required = false, persist = false)
	private boolean flip;

	@Parameter(label = "Normalize", required = false, persist = false)
	private boolean normalize;

	@Parameter(label = "Channels", choices = { "auto", "slices" }, persist = false)
	private String channels = "auto";

	@Parameter(label = "Method", choices = { "auto", "direct", "separable", "fft" }, persist = false)
	private String method = "auto";

	@Parameter(label = "Report", type = ItemIO.OUTPUT)
	private String report;

	// -- Command methods --

	@Override
	public void run() {
		Map<String, String> m = new LinkedHashMap<>();
		m.put(ConvOptions.KERNEL, kernel);
		if (bias != null && !bias.trim().isEmpty()) m.put(ConvOptions.BIAS, bias);
		m.put(ConvOptions.STRIDE, stride);
		m.put(ConvOptions.PADDING, padding);
		m.put(ConvOptions.PADDING_MODE, padding_mode);
		m.put(ConvOptions.DILATION, dilation);
		m.put(ConvOptions.GROUPS, Integer.toString(groups));
		m.put(ConvOptions.FLIP, Boolean.toString(flip));
		m.put(ConvOptions.NORMALIZE, Boolean.toString(normalize));
		m.put(ConvOptions.CHANNELS, channels);
		m.put(ConvOptions.METHOD, method);
		ConvOptions options = ConvOptions.from(OptionString.of(m));
		if (input == null || output == null) throw new IllegalArgumentException("input and output files are required");
		Path out = output.toPath();
		TensorFiles.checkOutput(out);
		Kernel k = options.kernel(KernelSource.NO_IMAGES);
		try {
			FileConvolution job = FileConvolution.prepare(input.toPath(), options, k, options.bias());
			job.checkOutput(out);
			job.run(Execution.defaults().withMethod(options.method()));
			job.write(out, out.toAbsolutePath().getParent());
			report = "ConvKit Conv2D " + input + " -> " + output + ": " + job.plan.outputShapeString() + "\nx: "
				+ job.plan.x().formula() + "\ny: " + job.plan.y().formula();
		}
		catch (IOException e) {
			throw new UncheckedIOException("ConvKit Conv2D could not read or write: " + e.getMessage(), e);
		}
	}

	/** The report of the last run: output shape and the size formulas. */
	public String report() {
		return report;
	}
}
