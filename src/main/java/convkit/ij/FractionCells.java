package convkit.ij;

import convkit.geometry.Fraction;
import ij.measure.ResultsTable;

/**
 * Receptive-field values in ImageJ tables: a number when it is whole or a half (as fields, jumps
 * and starts are until a transposed layer divides them), else the exact fraction as text
 * ({@code 1/2}, {@code 3/4}), so no column rounds a value away.
 */
final class FractionCells {

	private FractionCells() {}

	/** Adds {@code f} to the current row of {@code rt} under {@code column}. */
	static void add(ResultsTable rt, String column, Fraction f) {
		if (f.denominator() <= 2) rt.addValue(column, f.doubleValue());
		else rt.addValue(column, f.toString());
	}
}
