package convkit.geometry;

import convkit.engine.Axis;

/**
 * An image's spatial calibration as plain numbers — pixel width, height and depth, the unit, and
 * the origin in pixels per axis — so files written without ImageJ carry the same calibration as
 * ImageJ outputs. Immutable.
 * <p>
 * Example: {@code SpatialCalibration.of(0.65, 0.65, 1, "micron", 0, 0, 0).after(geometry).pixelWidth()}.
 */
public final class SpatialCalibration {

	/** Uncalibrated: 1 pixel per pixel, no unit, origin 0. */
	public static final SpatialCalibration NONE = new SpatialCalibration(1, 1, 1, "pixel", 0, 0, 0);

	private final double pixelWidth;
	private final double pixelHeight;
	private final double pixelDepth;
	private final String unit;
	private final double xOrigin;
	private final double yOrigin;
	private final double zOrigin;

	private SpatialCalibration(double pw, double ph, double pd, String unit, double xo, double yo, double zo) {
		this.pixelWidth = pw;
		this.pixelHeight = ph;
		this.pixelDepth = pd;
		this.unit = unit;
		this.xOrigin = xo;
		this.yOrigin = yo;
		this.zOrigin = zo;
	}

	/** A calibration; a missing or empty unit means "pixel". */
	public static SpatialCalibration of(double pixelWidth, double pixelHeight, double pixelDepth, String unit, double xOrigin,
		double yOrigin, double zOrigin)
	{
		String u = unit == null || unit.trim().isEmpty() ? "pixel" : unit.trim();
		return new SpatialCalibration(pixelWidth, pixelHeight, pixelDepth, u, xOrigin, yOrigin, zOrigin);
	}

	/**
	 * The calibration of a convolution's output: pixel size × jump per axis (depth too for Conv3D),
	 * origin moved so that output pixel {@code i} lies over input position {@code start + i·j}:
	 * {@code xOrigin_out = (xOrigin_in − start_x) / j_x}, y and z alike.
	 */
	public SpatialCalibration after(OutputGeometry geometry) {
		double[] j = new double[3];
		double[] st = new double[3];
		for (Axis a : Axis.of(geometry.rank())) {
			FieldMap m = geometry.lastRun(a);
			j[a.ordinal()] = m.jump().doubleValue();
			st[a.ordinal()] = m.start().doubleValue();
		}
		double pd = pixelDepth;
		double zo = zOrigin;
		if (geometry.rank() == 3) {
			pd = pixelDepth * j[2];
			zo = (zOrigin - st[2]) / j[2];
		}
		return new SpatialCalibration(pixelWidth * j[0], pixelHeight * j[1], pd, unit, (xOrigin - st[0]) / j[0], (yOrigin - st[1]) / j[1], zo);
	}


	/** Whether the calibration says anything (a unit other than pixel, or an origin). */
	public boolean isCalibrated() {
		return !unit.equals("pixel") || xOrigin != 0 || yOrigin != 0 || zOrigin != 0 || pixelWidth != 1 || pixelHeight != 1;
	}

	public double pixelWidth() {
		return pixelWidth;
	}

	public double pixelHeight() {
		return pixelHeight;
	}

	public double pixelDepth() {
		return pixelDepth;
	}

	/** The unit, {@code pixel} when uncalibrated. */
	public String unit() {
		return unit;
	}

	/** Origin along x, in pixels. */
	public double xOrigin() {
		return xOrigin;
	}

	public double yOrigin() {
		return yOrigin;
	}

	public double zOrigin() {
		return zOrigin;
	}
}
