package convkit.ij;

import convkit.engine.Execution;
import convkit.image.ImageLayerStack;
import convkit.run.Failures;
import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.plugin.PlugIn;

import java.util.concurrent.CancellationException;

/**
 * Plugins &gt; ConvKit &gt; Conv Stack...: a layer stack (PyTorch's {@code nn.Sequential} of conv,
 * convt, pools, batch norm and activations) on the active image or hyperstack — a dialog with the
 * stack text and every layer's size and field, or the macro's options:
 * {@code run("Conv Stack...", "layers=[conv w=[/data/c1.npy] p=1; relu; maxpool k=2] keep");}.
 * Shows the result (or every layer's output) and writes the report to the Log window; with
 * {@code output=FILE} (the dialog asks for it when the image is a virtual stack) the result is
 * written to that file instead, a virtual stack read and written plane by plane.
 */
public class ConvStackPlugin implements PlugIn {

	/** The text of the last interactive run, offered again next time (runs on any image). */
	private static String lastLayers = "maxpool k=2\nrelu";
	private static boolean lastKeep;

	@Override
	public void run(String arg) {
		SimdHint.logOnce();
		ImagePlus imp = WindowManager.getCurrentImage();
		if (imp == null) {
			IJ.noImage();
			return;
		}
		String macroOptions = Macro.getOptions();
		String name = "Conv Stack";
		try {
			StackOptions o;
			if (macroOptions != null) o = StackOptions.from(macroOptions);
			else {
				StackDialog.Choice c = new StackDialog(imp).show(lastLayers, lastKeep);
				if (c == null) return;
				lastLayers = c.text;
				lastKeep = c.options.keep();
				o = c.options;
			}
			IJ.resetEscape();
			Execution exec = Execution.defaults().withProgress((done, total) -> IJ.showProgress((double) done / total))
				.withCancellation(IJ::escapePressed);
			IJ.showStatus(name + "...");
			run(imp, o, exec);
			IJ.showProgress(1.0);
		}
		catch (CancellationException e) {
			IJ.showProgress(1.0);
			IJ.showStatus(name + " cancelled (Esc); no image was made");
			if (macroOptions != null) Macro.abort();
		}
		catch (Throwable t) { // a refusal (layer N ...), or out of memory and the like: one line, as on every route
			MacroFailures.rethrowIfMacroCancelled(t);
			IJ.showProgress(1.0);
			IJ.error(name, Failures.describe(t));
			if (macroOptions != null) Macro.abort();
		}
	}

	/**
	 * Runs the stack of {@code o} on {@code imp}: the new images shown (the last becomes the current
	 * image), or the result written to {@code output=}; the report goes to the Log. The last image's
	 * title, or the file written.
	 */
	static String run(ImagePlus imp, StackOptions o, Execution exec) throws java.io.IOException {
		if (o.output() != null) {
			String report = ImageToFile.stack(imp, o.parsed().stack(), o.parsed().reads(), java.nio.file.Paths.get(o.output()), exec);
			IJ.log("Conv Stack " + imp.getTitle() + " -> " + o.output());
			String[] lines = report.split("\\R");
			for (String line : lines) IJ.log("  " + line);
			IJ.showStatus(lines[lines.length - 1]);
			return o.output();
		}
		ImageLayerStack.Result result = ImageLayerStack.process(imp, o.parsed().stack(), o.keep(), exec);
		show(result, imp.getTitle());
		IJ.showStatus("");
		return result.last().getTitle();
	}

	/** Shows every image of {@code result} (the last one becomes the current image) and logs the report. */
	static void show(ImageLayerStack.Result result, String source) {
		StringBuilder titles = new StringBuilder();
		for (ImagePlus out : result.images()) {
			out.show();
			titles.append(titles.length() == 0 ? "" : ", ").append(out.getTitle());
		}
		IJ.log("Conv Stack " + source + " -> " + titles);
		for (String line : result.report().split("\\R")) IJ.log("  " + line);
	}
}
