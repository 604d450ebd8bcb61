package convkit.ij;

import convkit.engine.AxisGeometry;
import convkit.engine.FieldMap;
import ij.measure.Calibration;

import java.awt.Rectangle;

/**
 * The calibration of a convolution's output (DESIGN.md §1): pixel size × jump per axis, origin
 * moved so that output pixel {@code i} lies over input position {@code start + i·j}:
 * {@code xOrigin_out = (xOrigin_in − start_x) / j_x}, so the output overlays the input.
 */
public final class OutputCalibration {

	private OutputCalibration() {}

	/**
	 * The output's calibration for one convolution layer over {@code roi} of the input
	 * ({@code null} for the whole image). The input calibration is not changed.
	 */
	public static Calibration of(Calibration input, AxisGeometry x, AxisGeometry y, Rectangle roi) {
		Calibration c = input.copy();
		FieldMap mx = FieldMap.identity().then(x, roi == null ? 0 : roi.x);
		FieldMap my = FieldMap.identity().then(y, roi == null ? 0 : roi.y);
		c.pixelWidth = input.pixelWidth * mx.jump();
		c.pixelHeight = input.pixelHeight * my.jump();
		c.xOrigin = (input.xOrigin - mx.start()) / mx.jump();
		c.yOrigin = (input.yOrigin - my.start()) / my.jump();
		return c;
	}
}
