package convkit.ij;

import convkit.engine.Execution;
import convkit.image.ImageConvolution;
import convkit.options.ConvOptions;
import convkit.options.OptionString;
import convkit.run.Failures;
import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.plugin.PlugIn;

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

	/** Settings of the last interactive run of each command, offered again next time. */
	private static final String[] LAST_OPTIONS = { "kernel=laplacian", "kernel=[box3d(3)]" }; // PyTorch's defaults otherwise

	@Override
	public void run(String arg) {
		SimdHint.logOnce();
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
				options = ConvMacroOptions.from(o, rank);
				output = o.get(ConvMacroOptions.OUTPUT);
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
				ImageToFile.write(imp, options, Paths.get(output), exec, name);
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
			MacroFailures.rethrowIfMacroCancelled(t);
			IJ.showProgress(1.0);
			IJ.error(name, Failures.describe(t));
			if (macroOptions != null) Macro.abort();
		}
	}
}
