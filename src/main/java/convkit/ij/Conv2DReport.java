package convkit.ij;

import convkit.engine.AxisGeometry;
import convkit.engine.ConvPlan;
import convkit.engine.FieldMap;
import ij.IJ;
import ij.measure.ResultsTable;

/**
 * The "Conv2D Report" results table (one row per axis: input size, effective kernel, padding,
 * output size, receptive field, jump and start) and the output-size formula in the Log window.
 */
public final class Conv2DReport {

	/** The table's title. */
	public static final String TITLE = "Conv2D Report";

	private Conv2DReport() {}

	/** A new table for {@code plan} of the image titled {@code source}. */
	public static ResultsTable table(ConvPlan plan, String source) {
		ResultsTable rt = new ResultsTable();
		for (AxisGeometry g : new AxisGeometry[] { plan.x(), plan.y() }) {
			rt.incrementCounter();
			rt.addValue("Image", source);
			rt.addValue("Axis", g.axis());
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
	public static void show(ConvPlan plan, String source, String output, String method) {
		table(plan, source).show(TITLE);
		java.awt.Window w = ij.WindowManager.getWindow(TITLE);
		if (w != null && w.getWidth() < 960) w.setSize(960, Math.max(w.getHeight(), 160));
		log(plan, source, output, method);
	}

	/** Writes the shapes and the output-size formulas to the Log window (stdout without one). */
	public static void log(ConvPlan plan, String source, String output, String method) {
		IJ.log("Conv2D " + source + " -> " + output + "  [" + plan.inChannels() + ", " + plan.inputHeight() + ", "
			+ plan.inputWidth() + "] -> " + plan.outputShapeString());
		IJ.log("  x: " + plan.x().formula());
		IJ.log("  y: " + plan.y().formula());
		IJ.log("  method: " + method);
	}
}
