package convkit.ij;

import convkit.visual.SlidingWindow;
import ij.ImagePlus;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

import java.awt.Color;
import java.awt.Font;
import java.util.Locale;

/**
 * Draws the sliding kernel as an RGB stack, one frame per output position: the padded input
 * grid of each input channel (padding cells tinted and filled with what the mode puts there, each
 * cell shaded by its value and numbered — 8-, 16- and 32-bit values alike),
 * the cells the kernel samples highlighted, and the output grid with the current cell
 * highlighted and the cells already computed filled in; numbers when the cells are large enough.
 * Save it with File › Save As › Animated Gif.
 */
public final class ConvAnimation {

	/** Cell colours, for users and tests. */
	public static final Color INPUT = Color.WHITE;
	public static final Color PADDING = new Color(200, 215, 235);
	public static final Color SAMPLED = new Color(255, 165, 0);
	public static final Color OUTPUT_TODO = Color.WHITE;
	public static final Color OUTPUT_DONE = new Color(170, 220, 170);
	public static final Color OUTPUT_CURRENT = new Color(230, 60, 60);
	static final Color GRID = new Color(90, 90, 90);

	private ConvAnimation() {}

	/** Where things are drawn: cell size, and the corners of the grids. */
	public static final class Layout {

		/** Cell size in pixels. */
		public final int cell;
		final int margin = 10;
		final int titleBand = 22;
		final int gap = 12;
		final int channels;
		final SlidingWindow window;

		/** The width the caption needs (the frames are never narrower, so it is never cut). */
		final int captionWidth;

		Layout(SlidingWindow w, int channels, int valueWidth, int captionWidth) {
			this.window = w;
			this.channels = channels;
			this.captionWidth = captionWidth;
			int cells = Math.max(w.paddedWidth(), w.paddedHeight() * channels);
			// cells wide enough for their numbers (16-bit values too) while the grid stays on a screen
			cell = cells <= 24 ? Math.max(28, Math.min(48, valueWidth + 8)) : cells <= 40 ? 14 : 6;
		}

		/** Top-left pixel of padded input cell ({@code px}, {@code py}) of channel {@code c}. */
		public int[] inputCell(int c, int px, int py) {
			int planeTop = margin + titleBand + c * (window.paddedHeight() * cell + gap);
			return new int[] { margin + px * cell, planeTop + py * cell };
		}

		/** Top-left pixel of output cell ({@code ox}, {@code oy}). */
		public int[] outputCell(int ox, int oy) {
			return new int[] { margin + window.paddedWidth() * cell + 3 * gap + ox * cell, margin + titleBand + oy * cell };
		}

		int width() {
			return Math.max(margin * 2 + window.paddedWidth() * cell + 3 * gap + window.x().outputSize() * cell, margin * 2 + captionWidth);
		}

		int height() {
			int in = channels * window.paddedHeight() * cell + (channels - 1) * gap;
			return margin * 2 + titleBand + Math.max(in, window.y().outputSize() * cell);
		}
	}

	/** The layout frames of {@code window} with {@code channels} input planes are drawn in (values of up to 5 digits). */
	public static Layout layout(SlidingWindow window, int channels) {
		return new Layout(window, channels, 0, 0);
	}

	/** The layout the frames of {@code window} over {@code values} (one array per channel) are drawn in: cells wide enough for the numbers, frames for the caption. */
	public static Layout layout(SlidingWindow window, float[][] values) {
		ColorProcessor measure = new ColorProcessor(1, 1);
		measure.setFont(VALUES);
		int valueWidth = 0;
		for (float[] channel : values) for (float v : channel) valueWidth = Math.max(valueWidth, measure.getStringWidth(text(v)));
		measure.setFont(CAPTION);
		int captionWidth = 0;
		for (int f = 0; f < window.frames(); f++) captionWidth = Math.max(captionWidth, measure.getStringWidth(caption(window, f)));
		return new Layout(window, values.length, valueWidth, captionWidth + 4);
	}

	private static final Font CAPTION = new Font("SansSerif", Font.PLAIN, 13);
	private static final Font VALUES = new Font("SansSerif", Font.PLAIN, 11);

	private static String caption(SlidingWindow w, int f) {
		return String.format(Locale.ROOT, "output (%d, %d) = %s   k %dx%d  stride %d,%d  dilation %d,%d  %s", w.outputX(f), w.outputY(f),
			"sum of the sampled values (weights 1)", w.x().kernel(), w.y().kernel(), w.x().stride(), w.y().stride(), w.x().dilation(),
			w.y().dilation(), w.mode().describe(w.fill()));
	}

	/**
	 * The value output {@code frame} gets with every weight 1: the sum of the values its window
	 * samples over every channel (padding included), so each frame shows the value being made.
	 */
	static float outputValue(SlidingWindow w, float[][] values, int frame) {
		double sum = 0;
		for (float[] channel : values) {
			for (int py = 0; py < w.paddedHeight(); py++) {
				for (int px = 0; px < w.paddedWidth(); px++) {
					if (w.sampled(frame, px, py)) sum += w.value(channel, px, py);
				}
			}
		}
		return (float) sum;
	}

	/** A value as a cell shows it: whole numbers as they are, others with three significant digits. */
	static String text(float value) {
		return value == Math.rint(value) && Math.abs(value) < 1e6 ? Integer.toString((int) value)
			: String.format(Locale.ROOT, "%.3g", value);
	}

	/**
	 * The animation; {@code values[c]} holds channel c's {@code h·w} input values (row-major).
	 * Frame {@code f} (slice {@code f + 1}) shows output position {@code (f % outW, f / outW)}.
	 */
	public static ImagePlus render(SlidingWindow w, float[][] values, String title) {
		float[] min = new float[values.length];
		float[] max = new float[values.length];
		for (int c = 0; c < values.length; c++) {
			min[c] = Float.POSITIVE_INFINITY;
			max[c] = Float.NEGATIVE_INFINITY;
			for (float v : values[c]) {
				if (!Float.isFinite(v)) continue;
				min[c] = Math.min(min[c], v);
				max[c] = Math.max(max[c], v);
			}
		}
		Layout l = layout(w, values);
		ImagePlus imp = new ImagePlus(title, new Frames(w, values, l, min, max));
		imp.getCalibration().fps = 2;
		return imp;
	}

	/**
	 * The frames, drawn when asked for (a virtual stack): a 16 × 16 input has 256 frames, which
	 * would take hundreds of MB drawn at once.
	 */
	private static final class Frames extends ij.VirtualStack {
		private final SlidingWindow w;
		private final float[][] values;
		private final Layout l;
		private final float[] min;
		private final float[] max;

		Frames(SlidingWindow w, float[][] values, Layout l, float[] min, float[] max) {
			super(l.width(), l.height());
			setBitDepth(24);
			this.w = w;
			this.values = values;
			this.l = l;
			this.min = min;
			this.max = max;
		}

		@Override
		public int getSize() {
			return w.frames();
		}

		@Override
		public int size() {
			return getSize();
		}

		@Override
		public String getSliceLabel(int n) {
			int f = n - 1;
			return "output (" + w.outputX(f) + ", " + w.outputY(f) + ")";
		}

		@Override
		public ImageProcessor getProcessor(int n) {
			return frame(w, values, l, min, max, n - 1);
		}

		@Override
		public Object getPixels(int n) {
			return getProcessor(n).getPixels();
		}
	}

	/** Frame {@code f}: output position {@code (f % outW, f / outW)}. */
	private static ColorProcessor frame(SlidingWindow w, float[][] values, Layout l, float[] min, float[] max, int f) {
		ColorProcessor cp = new ColorProcessor(l.width(), l.height());
		cp.setColor(Color.WHITE);
		cp.fill();
		cp.setAntialiasedText(true);
		cp.setFont(CAPTION);
		cp.setColor(Color.BLACK);
		cp.drawString(caption(w, f), l.margin, l.margin + 14);
		cp.setFont(l.cell >= 28 ? VALUES : new Font("SansSerif", Font.PLAIN, Math.max(8, l.cell * 2 / 5)));
		for (int c = 0; c < values.length; c++) {
			for (int py = 0; py < w.paddedHeight(); py++) {
				for (int px = 0; px < w.paddedWidth(); px++) {
					float v = w.value(values[c], px, py);
					Color fill = w.sampled(f, px, py) ? SAMPLED : shade(w.isPadding(px, py) ? PADDING : INPUT, v, min[c], max[c]);
					drawCell(cp, l, l.inputCell(c, px, py), fill, v);
				}
			}
		}
		for (int oy = 0; oy < w.y().outputSize(); oy++) {
			for (int ox = 0; ox < w.x().outputSize(); ox++) {
				int k = oy * w.x().outputSize() + ox;
				Color fill = k < f ? OUTPUT_DONE : k == f ? OUTPUT_CURRENT : OUTPUT_TODO;
				drawCell(cp, l, l.outputCell(ox, oy), fill, k <= f ? outputValue(w, values, k) : Float.NaN);
			}
		}
		return cp;
	}

	/** {@code base} darkened by up to 40 % as {@code v} goes from {@code min} to {@code max}: values shown as shading too. */
	static Color shade(Color base, float v, float min, float max) {
		if (!(max > min) || !Float.isFinite(v)) return base;
		double t = 1 - 0.4 * Math.max(0, Math.min(1, (v - min) / (max - min)));
		return new Color((int) (base.getRed() * t), (int) (base.getGreen() * t), (int) (base.getBlue() * t));
	}

	private static void drawCell(ColorProcessor cp, Layout l, int[] at, Color fill, float value) {
		cp.setColor(fill);
		cp.setRoi(at[0], at[1], l.cell, l.cell);
		cp.fill();
		cp.resetRoi();
		cp.setColor(GRID);
		cp.drawRect(at[0], at[1], l.cell + 1, l.cell + 1);
		if (l.cell >= 20 && !Float.isNaN(value)) {
			String s = text(value);
			cp.setColor(Color.BLACK);
			int tw = cp.getStringWidth(s);
			cp.drawString(s, at[0] + (l.cell - tw) / 2 + 1, at[1] + l.cell * 2 / 3 + 2);
		}
	}
}
