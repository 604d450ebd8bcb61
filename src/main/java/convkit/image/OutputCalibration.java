package convkit.image;

import convkit.engine.Axis;
import convkit.geometry.FieldMap;
import convkit.geometry.OutputGeometry;
import ij.measure.Calibration;

/**
 * The calibration of a convolution's output: pixel size × jump per axis (voxel depth too for
 * Conv3D), origin moved so that output pixel {@code i} lies over input position
 * {@code start + i·j}: {@code xOrigin_out = (xOrigin_in − start_x) / j_x} (y and z alike), so the
 * output overlays the input in physical units.
 */
public final class OutputCalibration {

	private OutputCalibration() {}

	/** The output's calibration, from the input's and the output's geometry. The input calibration is not changed. */
	public static Calibration of(Calibration input, OutputGeometry geometry) {
		Calibration c = input.copy();
		FieldMap mx = geometry.lastLayer(Axis.X);
		FieldMap my = geometry.lastLayer(Axis.Y);
		c.pixelWidth = input.pixelWidth * mx.jump();
		c.pixelHeight = input.pixelHeight * my.jump();
		c.xOrigin = (input.xOrigin - mx.start()) / mx.jump();
		c.yOrigin = (input.yOrigin - my.start()) / my.jump();
		if (geometry.rank() == 3) {
			FieldMap mz = geometry.lastLayer(Axis.Z);
			c.pixelDepth = input.pixelDepth * mz.jump();
			c.zOrigin = (input.zOrigin - mz.start()) / mz.jump();
		}
		return c;
	}
}
