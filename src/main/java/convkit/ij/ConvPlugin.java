package convkit.ij;

import convkit.engine.Execution;
import convkit.files.FileSink;
import convkit.image.ImageConvolution;
import convkit.image.ImageSource;
import convkit.run.ConvRunner;
import convkit.run.PositionSource;
import convkit.run.RunReport;
import convkit.options.ConvOptions;
import convkit.options.OptionString;
import convkit.run.Failures;
import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.plugin.PlugIn;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.CancellationException;

/**
 * Plugins &gt; ConvKit &gt; Conv2D... and Conv3D... (the argument of plugins.config, {@code 2d} or
 * {@code 3d}, picks which): check the image, ask (dialog, or the macro's options), convolve
 * through the runner, show the new image and the report. In a macro,
 * {@code run("Conv2D...", "kernel=[w.npy] stride=2 padding=same padding_mode=reflect")} or
 * {@code run("Conv3D...", "kernel=[gaussian3d(2,2,0.7)] padding=same padding_mode=reflect")}.
 * With {@code output=FILE} (the dialog asks for it when the image is a virtual stack) the result is
 * written to that TIFF instead of a new image: a virtual stack is read and written plane by plane.
 */
public class ConvPlugin implements PlugIn {

	/** The macro key of the file a virtual stack's result is written to (plane by plane). */
	static final String OUTPUT = "output";

	/** Settings of the last interactive run of each command, offered again next time. */
	private static final String[] LAST_OPTIONS = { "kernel=laplacian", "kernel=[box3d(3)]" }; // PyTorch's defaults otherwise

	@Override
	public void run(String arg) {
		int rank = "3d".equals(arg) ? 3 : 2;
		ImagePlus imp = WindowManager.getCurrentImage();
		if (imp == null) {
			IJ.noImage();
			return;
		}
		String macroOptions = Macro.getOptions();
		String name = "Conv" + rank + "D";
		try {
			ConvOptions options;
			String output;
			if (macroOptions != null) {
				OptionString o = OptionString.parse(macroOptions);
				options = fromMacro(o, rank);
				output = o.get(OUTPUT);
			}
			else {
				ConvDialog dialog = new ConvDialog(imp, rank);
				options = dialog.show(ConvOptions.from(OptionString.parse(LAST_OPTIONS[rank - 2]), rank));
				if (options == null) return;
				LAST_OPTIONS[rank - 2] = options.toOptionString();
				output = dialog.output();
			}
			IJ.resetEscape();
			Execution exec = Execution.defaults().withProgress((done, total) -> IJ.showProgress((double) done / total))
				.withCancellation(IJ::escapePressed);
			IJ.showStatus(name + "...");
			if (output != null) {
				toFile(imp, options, Paths.get(output), exec, name);
				return;
			}
			ImageConvolution.Result result = ImageConvolution.process(imp, options, exec);
			IJ.showProgress(1.0);
			result.image().show();
			ConvReport.show(result, imp.getTitle());
			IJ.showStatus("");
		}
		catch (CancellationException e) {
			IJ.showProgress(1.0);
			IJ.showStatus(name + " cancelled (Esc); no image was made");
			if (macroOptions != null) Macro.abort();
		}
		catch (Throwable t) { // a refusal, or out of memory and the like: the same one line as on every route
			MacroCalls.rethrowIfMacroCancelled(t);
			IJ.showProgress(1.0);
			IJ.error(name, Failures.describe(t));
			if (macroOptions != null) Macro.abort();
		}
	}

	/** The options of a macro call for a convolution of {@code rank} axes; unknown keys are refused by name. */
	static ConvOptions fromMacro(String macroOptions, int rank) {
		return fromMacro(OptionString.parse(macroOptions), rank);
	}

	static ConvOptions fromMacro(OptionString o, int rank) {
		java.util.Set<String> keys = new java.util.LinkedHashSet<>(ConvOptions.KEYS);
		keys.add(OUTPUT);
		o.checkKeys(keys);
		return ConvOptions.from(o, rank);
	}

	/**
	 * {@code output=}: the result written to a TIFF file instead of a new image — plane by plane
	 * for a virtual stack, which is read plane by plane too, so neither is ever in memory whole.
	 */
	static void toFile(ImagePlus imp, ConvOptions options, Path output, Execution exec, String name) throws IOException {
		FileSink.checkOutput(output);
		PositionSource source = ImageSource.of(imp, options.channels(), options.rank());
		RunReport report = new ConvRunner(ImageConvolution.job(options), ImageConvolution.IMAGEJ_MEMORY).run(source,
			FileSink.to(output, source), exec, 1);
		IJ.showProgress(1.0);
		String line = name + ": wrote " + output + " " + report.plan().outputShape() + (report.positions() > 1 ? " x "
			+ report.positions() + " positions" : "") + (source.streamed() ? ", plane by plane (virtual stack)" : "")
			+ ", method " + report.method();
		IJ.log(line);
		IJ.showStatus(line);
	}
}
