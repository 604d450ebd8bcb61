package convkit.ij;

import convkit.engine.AxisGeometry;
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
		double startX = (x.effectiveKernel() - 1) / 2.0 - x.padLo();
		double startY = (y.effectiveKernel() - 1) / 2.0 - y.padLo();
		double originX = input.xOrigin - (roi == null ? 0 : roi.x);
		double originY = input.yOrigin - (roi == null ? 0 : roi.y);
		c.pixelWidth = input.pixelWidth * x.stride();
		c.pixelHeight = input.pixelHeight * y.stride();
		c.xOrigin = (originX - startX) / x.stride();
		c.yOrigin = (originY - startY) / y.stride();
		return c;
	}
}
