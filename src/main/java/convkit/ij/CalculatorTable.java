package convkit.ij;

import convkit.geometry.AxisTrace;
import convkit.geometry.ReceptiveField;
import ij.measure.ResultsTable;

import java.util.List;

/** The "Conv Calculator" results table: one row a layer, every quantity per axis (X, Y, and Z for a 3-D stack). */
public final class CalculatorTable {

	/** Padding sides as the padding option writes them: left, right, top, bottom, front, back. */
	private static final String SIDES = "LRTBFK";

	/** The table's title. */
	public static final String TITLE = "Conv Calculator";

	private CalculatorTable() {}

	/** A new table of a traced stack. */
	public static ResultsTable of(List<ReceptiveField.Row> rows) {
		ResultsTable rt = new ResultsTable();
		for (ReceptiveField.Row r : rows) {
			List<AxisTrace> axes = r.axes();
			rt.incrementCounter();
			rt.addValue("Layer", r.index());
			rt.addValue("Spec", r.layer().toString());
			for (AxisTrace t : axes) rt.addValue("In " + name(t), t.geometry().inputSize());
			for (AxisTrace t : axes) rt.addValue("Kernel " + name(t), t.geometry().effectiveKernel());
			for (AxisTrace t : axes) {
				int a = t.geometry().axis().ordinal();
				rt.addValue("Pad " + SIDES.charAt(2 * a), t.geometry().padLo());
				rt.addValue("Pad " + SIDES.charAt(2 * a + 1), t.geometry().padHi());
			}
			for (AxisTrace t : axes) rt.addValue("Out " + name(t), t.geometry().outputSize());
			for (AxisTrace t : axes) FractionCells.add(rt, "RF " + name(t), t.field());
			for (AxisTrace t : axes) FractionCells.add(rt, "Jump " + name(t), t.jump());
			for (AxisTrace t : axes) FractionCells.add(rt, "Start " + name(t), t.start());
			for (AxisTrace t : axes) { // tiles have a halo while every layer is a window
				if (t.hasHalo()) {
					rt.addValue("Halo lo " + name(t), t.haloBefore());
					rt.addValue("Halo hi " + name(t), t.haloAfter());
				}
				else {
					rt.addValue("Halo lo " + name(t), "-");
					rt.addValue("Halo hi " + name(t), "-");
				}
			}
			boolean padding = false;
			for (AxisTrace t : axes) padding |= t.reachesPadding();
			rt.addValue("Field reaches padding", padding ? "yes" : "no");
		}
		for (String c : new String[] { "Start X", "Start Y", "Start Z" }) {
			if (rt.columnExists(c)) rt.setDecimalPlaces(rt.getColumnIndex(c), 2);
		}
		return rt;
	}

	private static String name(AxisTrace t) {
		return t.geometry().axis().label().toUpperCase(java.util.Locale.ROOT);
	}
}
