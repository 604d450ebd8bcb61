package convkit.ij;

import convkit.engine.PaddingMode;
import ij.ImagePlus;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.gui.TextRoi;
import ij.process.FloatProcessor;

import java.awt.Color;
import java.awt.Font;

/**
 * The table users look up when they forget which mode is which: the 4×4 example 1..16 padded by
 * one pixel in each of the five modes, side by side. A 32-bit image whose cells hold the padded
 * values (so the picture can be checked against the engine), with an overlay of the numbers,
 * the padding cells outlined and each panel labelled; flatten it for a picture.
 */
public final class PaddingPicture {

	/** Cell size in pixels. */
	public static final int CELL = 24;
	/** Gap between panels, in pixels. */
	public static final int GAP = 24;
	/** Height of the label band under the panels. */
	public static final int LABEL = 26;
	/** Size of the example and of the padding. */
	public static final int N = 4;
	public static final int PAD = 1;
	/** The fill value the {@code constant} panel shows. */
	public static final float CONSTANT_FILL = 20;

	private PaddingPicture() {}

	/** Top-left pixel of padded cell ({@code px}, {@code py}) of the panel of mode {@code m}. */
	public static int[] cell(PaddingMode m, int px, int py) {
		int side = (N + 2 * PAD) * CELL;
		return new int[] { GAP + m.ordinal() * (side + GAP) + px * CELL, GAP + py * CELL };
	}

	/** The picture (not shown). */
	public static ImagePlus render() {
		int side = (N + 2 * PAD) * CELL;
		int modes = PaddingMode.values().length;
		FloatProcessor fp = new FloatProcessor(GAP + modes * (side + GAP), GAP + side + LABEL);
		fp.setValue(Float.NaN);
		fp.fill();
		Overlay overlay = new Overlay();
		Font font = new Font("SansSerif", Font.PLAIN, 11);
		for (PaddingMode m : PaddingMode.values()) {
			for (int py = 0; py < N + 2 * PAD; py++) {
				for (int px = 0; px < N + 2 * PAD; px++) {
					int sx = m.sourceIndex(px - PAD, N);
					int sy = m.sourceIndex(py - PAD, N);
					float v = sx < 0 || sy < 0 ? (m == PaddingMode.CONSTANT ? CONSTANT_FILL : 0) : sy * N + sx + 1;
					int[] at = cell(m, px, py);
					fp.setValue(v);
					fp.setRoi(at[0], at[1], CELL, CELL);
					fp.fill();
					boolean padding = px < PAD || py < PAD || px >= N + PAD || py >= N + PAD;
					Roi box = new Roi(at[0], at[1], CELL, CELL);
					box.setStrokeColor(padding ? new Color(70, 110, 230) : Color.DARK_GRAY);
					if (padding) box.setFillColor(new Color(70, 110, 230, 90)); // tinted: the padding, not the image
					overlay.add(box);
					if (padding) { // a filled ROI hides its outline: draw that again on top
						Roi edge = new Roi(at[0], at[1], CELL, CELL);
						edge.setStrokeColor(new Color(70, 110, 230));
						overlay.add(edge);
					}
					TextRoi t = new TextRoi(at[0] + 4, at[1] + 4, Integer.toString((int) v), font);
					t.setStrokeColor(v > 8 ? Color.BLACK : Color.WHITE);
					overlay.add(t);
				}
			}
			int[] at = cell(m, 0, N + 2 * PAD);
			String name = m == PaddingMode.CONSTANT ? m.label() + " " + (int) CONSTANT_FILL : m.label();
			TextRoi label = new TextRoi(at[0], at[1] + 4, name, new Font("SansSerif", Font.BOLD, 14));
			label.setStrokeColor(Color.WHITE);
			overlay.add(label);
		}
		fp.resetRoi();
		fp.setMinAndMax(0, CONSTANT_FILL);
		ImagePlus imp = new ImagePlus("Padding modes", fp);
		imp.setOverlay(overlay);
		return imp;
	}
}
