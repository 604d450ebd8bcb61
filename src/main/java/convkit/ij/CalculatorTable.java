package convkit.ij;

import convkit.engine.AxisTrace;
import convkit.engine.ReceptiveField;
import ij.measure.ResultsTable;

import java.util.List;

/** The "Conv Calculator" results table: one row a layer, every quantity per axis. */
public final class CalculatorTable {

	/** The table's title. */
	public static final String TITLE = "Conv Calculator";

	private CalculatorTable() {}

	/** A new table of a traced stack. */
	public static ResultsTable of(List<ReceptiveField.Row> rows) {
		ResultsTable rt = new ResultsTable();
		for (ReceptiveField.Row r : rows) {
			AxisTrace x = r.x();
			AxisTrace y = r.y();
			rt.incrementCounter();
			rt.addValue("Layer", r.index());
			rt.addValue("Spec", r.layer().toString());
			rt.addValue("In X", x.geometry().inputSize());
			rt.addValue("In Y", y.geometry().inputSize());
			rt.addValue("Kernel X", x.geometry().effectiveKernel());
			rt.addValue("Kernel Y", y.geometry().effectiveKernel());
			rt.addValue("Pad L", x.geometry().padLo());
			rt.addValue("Pad R", x.geometry().padHi());
			rt.addValue("Pad T", y.geometry().padLo());
			rt.addValue("Pad B", y.geometry().padHi());
			rt.addValue("Out X", x.geometry().outputSize());
			rt.addValue("Out Y", y.geometry().outputSize());
			rt.addValue("RF X", x.field());
			rt.addValue("RF Y", y.field());
			rt.addValue("Jump X", x.jump());
			rt.addValue("Jump Y", y.jump());
			rt.addValue("Start X", x.start());
			rt.addValue("Start Y", y.start());
			rt.addValue("Field reaches padding", x.reachesPadding() || y.reachesPadding() ? "yes" : "no");
		}
		rt.setDecimalPlaces(rt.getColumnIndex("Start X"), 2);
		rt.setDecimalPlaces(rt.getColumnIndex("Start Y"), 2);
		return rt;
	}
}
