package convkit.ij;

import convkit.engine.AxisGeometry;
import convkit.engine.ConvPlan;
import convkit.engine.PyTorchEquivalent;
import convkit.geometry.FieldMap;
import convkit.image.ImageConvolution;
import ij.IJ;
import ij.measure.ResultsTable;

/**
 * The "Conv2D Report" / "Conv3D Report" results table (one row per axis: input size, effective
 * kernel, padding, output size, receptive field, jump and start) and, in the Log window, the
 * output-size formulas, the method and the PyTorch layer it equals.
 */
public final class ConvReport {

	private ConvReport() {}

	/** The table's title for a convolution of {@code rank} axes. */
	public static String title(int rank) {
		return "Conv" + rank + "D Report";
	}

	/** A new table for {@code plan} of the image titled {@code source}. */
	public static ResultsTable table(ConvPlan plan, String source) {
		ResultsTable rt = new ResultsTable();
		for (AxisGeometry g : plan.axes()) {
			rt.incrementCounter();
			rt.addValue("Image", source);
			rt.addValue("Axis", g.axis().label());
			rt.addValue("Input", g.inputSize());
			rt.addValue("Kernel", g.kernel());
			rt.addValue("Dilation", g.dilation());
			rt.addValue("Effective kernel", g.effectiveKernel());
			rt.addValue("Stride", g.stride());
			rt.addValue("Pad lo", g.padLo());
			rt.addValue("Pad hi", g.padHi());
			rt.addValue("Output", g.outputSize());
			rt.addValue("Receptive field", g.effectiveKernel());
			rt.addValue("Jump", g.stride());
			rt.addValue("Start", FieldMap.identity().then(g, 0).start());
		}
		rt.setDecimalPlaces(rt.getColumnIndex("Start"), 1);
		return rt;
	}

	/** Shows the table and writes the formulas to the Log window. */
	public static void show(ImageConvolution.Result result, String source) {
		ConvPlan plan = result.report().plan();
		String title = title(plan.rank());
		table(plan, source).show(title);
		java.awt.Window w = ij.WindowManager.getWindow(title);
		if (w != null && w.getWidth() < 960) w.setSize(960, Math.max(w.getHeight(), 160));
		log(result, source);
	}

	/**
	 * Writes the shapes, the output-size formulas, the method and the time the convolution took,
	 * and the PyTorch layer to the Log window (stdout without one).
	 */
	public static void log(ImageConvolution.Result result, String source) {
		ConvPlan plan = result.report().plan();
		IJ.log(result.job().commandName() + " " + source + " -> " + result.image().getTitle() + "  " + plan.inputShape() + " -> "
			+ plan.outputShape());
		for (AxisGeometry g : plan.axes()) IJ.log("  " + g.axis().label() + ": " + g.formula());
		IJ.log(String.format(java.util.Locale.ROOT, "  method: %s, %.1f ms for %d position%s", result.report().method(),
			result.report().millis()[0], result.report().positions(), result.report().positions() == 1 ? "" : "s"));
		for (String line : PyTorchEquivalent.lines(plan)) IJ.log("  PyTorch: " + line);
	}
}
