package convkit.ij;

import convkit.engine.AxisGeometry;
import convkit.engine.ConvPlan;
import convkit.engine.PyTorchEquivalent;
import convkit.geometry.FieldMap;
import convkit.geometry.OutputGeometry;
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

	/**
	 * Appends the run's rows to the table (made and shown when it is not open) and writes the
	 * formulas to the Log window. An open table gets the rows at once (a macro's {@code Table.get}
	 * sees them) and its window is redrawn {@value #REDRAW_DELAY_MS} ms later, once for every call
	 * in that time — a macro that convolves in a loop does not redraw the growing table on every call.
	 */
	public static void show(ImageConvolution.Result result, String source) {
		ConvPlan plan = result.report().plan();
		String title = title(plan.rank());
		ResultsTable open = ResultsTable.getResultsTable(title);
		ResultsTable rt = append(open == null ? new ResultsTable() : open, plan, source, result.image().getTitle(), result.geometry());
		if (open == null) {
			rt.show(title);
			java.awt.Window w = ij.WindowManager.getWindow(title);
			int wide = Math.min(1400, java.awt.Toolkit.getDefaultToolkit().getScreenSize().width - 40);
			if (w != null && w.getWidth() < wide) w.setSize(wide, Math.max(w.getHeight(), 200));
		}
		else redrawSoon(rt, title);
		log(result, source);
	}

	/** How long an open table waits before it is redrawn: the calls of a macro loop within it share one redraw. */
	static final int REDRAW_DELAY_MS = 250;

	/** Titles of the tables whose redraw is waiting. */
	private static final java.util.Set<String> REDRAWS = java.util.concurrent.ConcurrentHashMap.newKeySet();

	private static void redrawSoon(ResultsTable rt, String title) {
		if (!REDRAWS.add(title)) return; // one is on its way, and draws these rows too
		javax.swing.Timer timer = new javax.swing.Timer(REDRAW_DELAY_MS, e -> {
			REDRAWS.remove(title);
			if (ResultsTable.getResultsTable(title) == rt) rt.show(title);
		});
		timer.setRepeats(false);
		timer.start();
	}

	/**
	 * Writes the shapes, the output-size formulas, the method and the time the convolution took,
	 * and the PyTorch layer to the Log window (stdout without one).
	 */
	public static void log(ImageConvolution.Result result, String source) {
		IJ.log(logText(result, source)); // one call: the Log window takes the lines at once
	}

	/** The lines {@link #log} writes, joined by {@code \n}. */
	static String logText(ImageConvolution.Result result, String source) {
		ConvPlan plan = result.report().plan();
		StringBuilder sb = new StringBuilder(result.job().commandName()).append(' ').append(source).append(" -> ")
			.append(result.image().getTitle()).append("  ").append(plan.inputShape()).append(" -> ").append(plan.outputShape());
		for (AxisGeometry g : plan.axes()) sb.append("\n  ").append(g.axis().label()).append(": ").append(g.formula());
		sb.append(String.format(java.util.Locale.ROOT, "\n  method: %s, %.1f ms for %d position%s", result.report().method(),
			result.report().millis()[0], result.report().positions(), result.report().positions() == 1 ? "" : "s"));
		for (String line : PyTorchEquivalent.lines(plan)) sb.append("\n  PyTorch: ").append(line);
		return sb.toString();
	}
}
