package convkit.visual;

import convkit.engine.AxisGeometry;
import convkit.engine.PaddingMode;

/**
 * The sliding kernel of one convolution, cell by cell, for drawing it: the padded input grid
 * ({@code (padLo + n + padHi)} cells per axis), what each padding cell holds, and for each output
 * position (frame) which padded cells the kernel samples.
 * <p>
 * Example: {@code new SlidingWindow(gx, gy, mode).sampled(frame, px, py)}.
 */
public final class SlidingWindow {

	private final AxisGeometry x;
	private final AxisGeometry y;
	private final PaddingMode mode;
	private final float fill;

	/** The window of a convolution with the given resolved axes and padding mode (constant fills 0). */
	public SlidingWindow(AxisGeometry x, AxisGeometry y, PaddingMode mode) {
		this(x, y, mode, 0f);
	}

	/** The window of a convolution with the given resolved axes, padding mode and fill value of {@code constant}. */
	public SlidingWindow(AxisGeometry x, AxisGeometry y, PaddingMode mode, float fill) {
		mode.checkPadding(x.padLo(), x.inputSize(), "left", "width");
		mode.checkPadding(x.padHi(), x.inputSize(), "right", "width");
		mode.checkPadding(y.padLo(), y.inputSize(), "top", "height");
		mode.checkPadding(y.padHi(), y.inputSize(), "bottom", "height");
		this.x = x;
		this.y = y;
		this.mode = mode;
		this.fill = mode == PaddingMode.CONSTANT ? fill : 0f;
	}

	public AxisGeometry x() {
		return x;
	}

	public AxisGeometry y() {
		return y;
	}

	public PaddingMode mode() {
		return mode;
	}

	/** What zero and constant padding cells hold: the fill value of {@code constant}, else 0. */
	public float fill() {
		return fill;
	}

	/** Padded grid width in cells. */
	public int paddedWidth() {
		return x.padLo() + x.inputSize() + x.padHi();
	}

	/** Padded grid height in cells. */
	public int paddedHeight() {
		return y.padLo() + y.inputSize() + y.padHi();
	}

	/** Number of frames: one per output position. */
	public int frames() {
		return x.outputSize() * y.outputSize();
	}

	/** Output column of frame {@code f} (row-major order). */
	public int outputX(int frame) {
		return frame % x.outputSize();
	}

	/** Output row of frame {@code f}. */
	public int outputY(int frame) {
		return frame / x.outputSize();
	}

	/** Whether padded cell ({@code px}, {@code py}) lies in the padding. */
	public boolean isPadding(int px, int py) {
		int ix = px - x.padLo();
		int iy = py - y.padLo();
		return ix < 0 || iy < 0 || ix >= x.inputSize() || iy >= y.inputSize();
	}

	/** The input value padded cell ({@code px}, {@code py}) holds, from {@code values} ({@code h·w}, row-major). */
	public float value(float[] values, int px, int py) {
		int sx = mode.sourceIndex(px - x.padLo(), x.inputSize());
		int sy = mode.sourceIndex(py - y.padLo(), y.inputSize());
		return sx < 0 || sy < 0 ? fill : values[sy * x.inputSize() + sx];
	}

	/** Whether the kernel at frame {@code f} samples padded cell ({@code px}, {@code py}). */
	public boolean sampled(int frame, int px, int py) {
		return taps(px, outputX(frame), x) && taps(py, outputY(frame), y);
	}

	private static boolean taps(int p, int out, AxisGeometry g) {
		int rel = p - out * g.stride();
		return rel >= 0 && rel % g.dilation() == 0 && rel / g.dilation() < g.kernel();
	}
}
