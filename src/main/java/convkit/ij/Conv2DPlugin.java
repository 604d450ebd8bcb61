package convkit.ij;

import convkit.engine.Execution;
import convkit.options.ConvOptions;
import convkit.options.OptionString;
import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.plugin.PlugIn;

import java.util.concurrent.CancellationException;

/**
 * Plugins &gt; ConvKit &gt; Conv2D...: check the image, ask (dialog, or the macro's options),
 * convolve with the engine, show the new image and the report. In a macro,
 * {@code run("Conv2D...", "kernel=[w.npy] stride=2 padding=same padding_mode=reflect")}.
 */
public class Conv2DPlugin implements PlugIn {

	/** Settings of the last interactive run, offered again next time. */
	private static String lastOptions = "kernel=laplacian";

	@Override
	public void run(String arg) {
		ImagePlus imp = WindowManager.getCurrentImage();
		if (imp == null) {
			IJ.noImage();
			return;
		}
		String macroOptions = Macro.getOptions();
		try {
			ConvOptions options;
			if (macroOptions != null) {
				options = fromMacro(macroOptions);
			}
			else {
				options = new Conv2DDialog(imp).show(ConvOptions.from(OptionString.parse(lastOptions)));
				if (options == null) return;
				lastOptions = options.toOptionString();
			}
			IJ.resetEscape();
			Execution exec = Execution.defaults().withProgress((done, total) -> IJ.showProgress((double) done / total))
				.withCancellation(IJ::escapePressed);
			IJ.showStatus("Conv2D...");
			Conv2D.Result result = Conv2D.process(imp, options, exec);
			IJ.showProgress(1.0);
			result.image().show();
			Conv2DReport.show(result.plan(), imp.getTitle(), result.image().getTitle(), result.method());
			IJ.showStatus("");
		}
		catch (IllegalArgumentException e) {
			IJ.showProgress(1.0);
			IJ.error("Conv2D", e.getMessage());
			if (macroOptions != null) Macro.abort();
		}
		catch (CancellationException e) {
			IJ.showProgress(1.0);
			IJ.showStatus("Conv2D cancelled (Esc); no image was made");
			if (macroOptions != null) Macro.abort();
		}
	}

	/** The options of a macro call; unknown keys are refused by name. */
	static ConvOptions fromMacro(String macroOptions) {
		OptionString o = OptionString.parse(macroOptions);
		o.checkKeys(ConvOptions.KEYS);
		return ConvOptions.from(o);
	}
}
