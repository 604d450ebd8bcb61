package convkit.ij;

import convkit.engine.AxisGeometry;
import convkit.engine.ConvPlan;
import convkit.engine.PyTorchEquivalent;
import convkit.geometry.FieldMap;
import convkit.geometry.OutputGeometry;
import convkit.image.GeometryProperties;
import convkit.image.ImageConvolution;
import ij.IJ;
import ij.measure.ResultsTable;

/**
 * The "Conv2D Report" / "Conv3D Report" results table — rows appended run after run, one per axis:
 * input size, effective kernel, padding, output size, this layer's receptive field, jump and start,
 * and beside them the field, jump and start composed over every layer since the first image (a
 * chained convolution's field in the original image, as the overlay and the image properties give
 * it), and the PyTorch layer — and, in the Log window, the output-size formulas, the method and the
 * PyTorch layer it equals.
 */
public final class ConvReport {

	private ConvReport() {}

	/** The table's title for a convolution of {@code rank} axes. */
	public static String title(int rank) {
		return "Conv" + rank + "D Report";
	}

	/** A new table with the rows of {@code plan} of the image titled {@code source}. */
	public static ResultsTable table(ConvPlan plan, String source) {
		return append(new ResultsTable(), plan, source, null, null);
	}

	/**
	 * Adds the rows of {@code plan} of the image titled {@code source} to {@code rt}: with the
	 * output's title and its composed {@code geometry} when given (may be null).
	 */
	public static ResultsTable append(ResultsTable rt, ConvPlan plan, String source, String output, OutputGeometry geometry) {
		String torch = String.join("  ", PyTorchEquivalent.lines(plan));
		for (AxisGeometry g : plan.axes()) {
			FieldMap one = FieldMap.identity().then(g, 0);
			FieldMap all = geometry == null ? null : geometry.map(g.axis());
			rt.incrementCounter();
			rt.addValue("Image", source);
			if (output != null) rt.addValue("Result", output);
			rt.addValue("Axis", g.axis().label());
			rt.addValue("Output", g.outputSize());
			// this layer's field, jump and start, and the field composed over every layer since the
			// source; then the PyTorch layer, on screen without scrolling; then the rest of the composition
			rt.addValue("Receptive field", g.effectiveKernel());
			if (all != null) FractionCells.add(rt, "Field in source", all.field());
			rt.addValue("Jump", g.stride());
			FractionCells.add(rt, "Start", one.start());
			rt.addValue("PyTorch (its order: D, H, W)", torch);
			if (all != null) {
				FractionCells.add(rt, "Jump in source", all.jump());
				FractionCells.add(rt, "Start in source", all.start());
				rt.addValue("Layers", geometry.layers());
				rt.addValue("Source", geometry.sourceTitle());
			}
			rt.addValue("Input", g.inputSize());
			rt.addValue("Kernel", g.kernel());
			rt.addValue("Dilation", g.dilation());
			rt.addValue("Effective kernel", g.effectiveKernel());
			rt.addValue("Stride", g.stride());
			rt.addValue("Pad lo", g.padLo());
			rt.addValue("Pad hi", g.padHi());
		}
		rt.setDecimalPlaces(rt.getColumnIndex("Start"), 1);
		if (geometry != null) rt.setDecimalPlaces(rt.getColumnIndex("Start in source"), 1);
		return rt;
	}

	/** Appends the run's rows to the table (made when it is not open) and writes the formulas to the Log window. */
	public static void show(ImageConvolution.Result result, String source) {
		ConvPlan plan = result.report().plan();
		String title = title(plan.rank());
		ResultsTable rt = ResultsTable.getResultsTable(title);
		if (rt == null) rt = new ResultsTable();
		append(rt, plan, source, result.image().getTitle(), GeometryProperties.read(result.image()).orElse(null)).show(title);
		java.awt.Window w = ij.WindowManager.getWindow(title);
		int wide = Math.min(1400, java.awt.Toolkit.getDefaultToolkit().getScreenSize().width - 40);
		if (w != null && w.getWidth() < wide) w.setSize(wide, Math.max(w.getHeight(), 200));
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
