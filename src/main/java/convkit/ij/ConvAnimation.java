package convkit.ij;

import convkit.visual.SlidingWindow;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ColorProcessor;

import java.awt.Color;
import java.awt.Font;
import java.util.Locale;

/**
 * Draws the sliding kernel as an RGB stack, one frame per output position: the padded input
 * grid of each input channel (padding cells tinted and filled with what the mode puts there),
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

		Layout(SlidingWindow w, int channels) {
			this.window = w;
			this.channels = channels;
			int cells = Math.max(w.paddedWidth(), w.paddedHeight() * channels);
			cell = cells <= 16 ? 28 : cells <= 40 ? 14 : 6;
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
			return margin * 2 + window.paddedWidth() * cell + 3 * gap + window.x().outputSize() * cell;
		}

		int height() {
			int in = channels * window.paddedHeight() * cell + (channels - 1) * gap;
			return margin * 2 + titleBand + Math.max(in, window.y().outputSize() * cell);
		}
	}

	/** The layout frames of {@code window} with {@code channels} input planes are drawn in. */
	public static Layout layout(SlidingWindow window, int channels) {
		return new Layout(window, channels);
	}

	/**
	 * The animation; {@code values[c]} holds channel c's {@code h·w} input values (row-major).
	 * Frame {@code f} (slice {@code f + 1}) shows output position {@code (f % outW, f / outW)}.
	 */
	public static ImagePlus render(SlidingWindow w, float[][] values, String title) {
		Layout l = layout(w, values.length);
		ImageStack stack = new ImageStack(l.width(), l.height());
		for (int f = 0; f < w.frames(); f++) {
			ColorProcessor cp = new ColorProcessor(l.width(), l.height());
			cp.setColor(Color.WHITE);
			cp.fill();
			cp.setAntialiasedText(true);
			cp.setFont(new Font("SansSerif", Font.PLAIN, 13));
			cp.setColor(Color.BLACK);
			String caption = String.format(Locale.ROOT, "output (%d, %d)   k %dx%d  stride %d,%d  dilation %d,%d  %s", w.outputX(f),
				w.outputY(f), w.x().kernel(), w.y().kernel(), w.x().stride(), w.y().stride(), w.x().dilation(), w.y().dilation(),
				w.mode().label() + (w.mode() == convkit.engine.PaddingMode.CONSTANT ? " " + convkit.engine.ConvSpec.valueText(w.fill()) : ""));
			cp.drawString(caption, l.margin, l.margin + 14);
			cp.setFont(new Font("SansSerif", Font.PLAIN, Math.max(8, l.cell * 2 / 5)));
			for (int c = 0; c < values.length; c++) {
				for (int py = 0; py < w.paddedHeight(); py++) {
					for (int px = 0; px < w.paddedWidth(); px++) {
						Color fill = w.sampled(f, px, py) ? SAMPLED : w.isPadding(px, py) ? PADDING : INPUT;
						drawCell(cp, l, l.inputCell(c, px, py), fill, w.value(values[c], px, py));
					}
				}
			}
			for (int oy = 0; oy < w.y().outputSize(); oy++) {
				for (int ox = 0; ox < w.x().outputSize(); ox++) {
					int k = oy * w.x().outputSize() + ox;
					Color fill = k < f ? OUTPUT_DONE : k == f ? OUTPUT_CURRENT : OUTPUT_TODO;
					drawCell(cp, l, l.outputCell(ox, oy), fill, Float.NaN);
				}
			}
			stack.addSlice("output (" + w.outputX(f) + ", " + w.outputY(f) + ")", cp);
		}
		ImagePlus imp = new ImagePlus(title, stack);
		imp.getCalibration().fps = 2;
		return imp;
	}

	private static void drawCell(ColorProcessor cp, Layout l, int[] at, Color fill, float value) {
		cp.setColor(fill);
		cp.setRoi(at[0], at[1], l.cell, l.cell);
		cp.fill();
		cp.resetRoi();
		cp.setColor(GRID);
		cp.drawRect(at[0], at[1], l.cell + 1, l.cell + 1);
		if (l.cell >= 20 && !Float.isNaN(value)) {
			String s = value == Math.rint(value) && Math.abs(value) < 1e5 ? Integer.toString((int) value)
				: String.format(Locale.ROOT, "%.1f", value);
			cp.setColor(Color.BLACK);
			int tw = cp.getStringWidth(s);
			cp.drawString(s, at[0] + (l.cell - tw) / 2 + 1, at[1] + l.cell * 2 / 3 + 2);
		}
	}
}
