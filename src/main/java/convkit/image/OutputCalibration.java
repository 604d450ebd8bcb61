package convkit.image;

import convkit.geometry.OutputGeometry;
import convkit.geometry.SpatialCalibration;
import ij.measure.Calibration;

/**
 * The calibration of a convolution's output as ImageJ's {@link Calibration}: pixel size × jump
 * per axis (voxel depth too for Conv3D), origin moved so that output pixel {@code i} lies over
 * input position {@code start + i·j} ({@link SpatialCalibration#after}), so the output overlays
 * the input in physical units.
 */
public final class OutputCalibration {

	private OutputCalibration() {}

	/** {@code c} without ImageJ: pixel sizes, unit and origin ({@link SpatialCalibration#NONE} for an uncalibrated image). */
	public static SpatialCalibration spatial(Calibration c) {
		if (!c.scaled() && c.xOrigin == 0 && c.yOrigin == 0 && c.zOrigin == 0) return SpatialCalibration.NONE;
		return SpatialCalibration.of(c.pixelWidth, c.pixelHeight, c.pixelDepth, c.getUnit(), c.xOrigin, c.yOrigin, c.zOrigin);
	}

	/** The output's calibration, from the input's and the output's geometry. The input calibration is not changed. */
	public static Calibration of(Calibration input, OutputGeometry geometry) {
		SpatialCalibration out = SpatialCalibration.of(input.pixelWidth, input.pixelHeight, input.pixelDepth, input.getUnit(),
			input.xOrigin, input.yOrigin, input.zOrigin).after(geometry);
		Calibration c = input.copy();
		c.pixelWidth = out.pixelWidth();
		c.pixelHeight = out.pixelHeight();
		c.xOrigin = out.xOrigin();
		c.yOrigin = out.yOrigin();
		if (geometry.rank() == 3) {
			c.pixelDepth = out.pixelDepth();
			c.zOrigin = out.zOrigin();
		}
		return c;
	}
}
