package convkit.ij;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.engine.Axis;
import convkit.engine.AxisGeometry;
import convkit.engine.Convolution;
import convkit.engine.ConvPlan;
import convkit.engine.ConvSpec;
import convkit.engine.Kernel;
import convkit.engine.Method;
import convkit.engine.Padding;
import convkit.engine.Tensor;
import convkit.engine.PaddingMode;
import convkit.testing.ConformanceCase;
import convkit.visual.SlidingWindow;
import ij.ImagePlus;
import ij.process.ImageProcessor;

import java.awt.Color;

import org.junit.jupiter.api.Test;

/** The animation's frames, the padding picture and the effective receptive field, checked by numbers. */
class VisualsTest {

	/** The colour inside a cell, away from its number and grid lines. */
	private static Color colour(ImageProcessor ip, int[] at) {
		return new Color(ip.getPixel(at[0] + 3, at[1] + 3));
	}

	/**
	 * Checks every cell of frame {@code f} against geometry worked out here: cell p of an axis is
	 * sampled when p = o·s + t·d for some tap t < k; padding when outside [lo, lo + n); the others
	 * shaded by the value the cell holds (the animation's inputs are 1 .. n·n).
	 */
	private static void checkFrame(ImagePlus anim, SlidingWindow w, int f, int n, int[] pad, int[] k, int[] s, int[] d) {
		ImageProcessor ip = anim.getStack().getProcessor(f + 1);
		ConvAnimation.Layout l = ConvAnimation.layout(w, 1);
		int outW = w.x().outputSize();
		int ox = f % outW;
		int oy = f / outW;
		for (int py = 0; py < w.paddedHeight(); py++) {
			for (int px = 0; px < w.paddedWidth(); px++) {
				boolean sx = false;
				boolean sy = false;
				for (int t = 0; t < k[0]; t++) sx |= px == ox * s[0] + t * d[0];
				for (int t = 0; t < k[1]; t++) sy |= py == oy * s[1] + t * d[1];
				boolean padding = px < pad[0] || px >= pad[0] + n || py < pad[2] || py >= pad[2] + n;
				float[] values = new float[n * n];
				for (int i = 0; i < values.length; i++) values[i] = i + 1;
				Color expected = sx && sy ? ConvAnimation.SAMPLED
					: ConvAnimation.shade(padding ? ConvAnimation.PADDING : ConvAnimation.INPUT, w.value(values, px, py), 1, n * n);
				assertEquals(expected, colour(ip, l.inputCell(0, px, py)), "frame " + f + " cell " + px + "," + py);
			}
		}
		for (int y = 0; y < w.y().outputSize(); y++) {
			for (int x = 0; x < outW; x++) {
				int index = y * outW + x;
				Color expected = index < f ? ConvAnimation.OUTPUT_DONE : index == f ? ConvAnimation.OUTPUT_CURRENT
					: ConvAnimation.OUTPUT_TODO;
				assertEquals(expected, colour(ip, l.outputCell(x, y)), "frame " + f + " output " + x + "," + y);
			}
		}
		assertEquals("output (" + ox + ", " + oy + ")", anim.getStack().getSliceLabel(f + 1));
	}

	@Test
	void framesFollowTheGeometryForStridedDilatedAndAsymmetricSettings() {
		int n = 6;
		Object[][] settings = {
			// kernel (x,y), stride, dilation, padding l,r,t,b, mode
			{ new int[] { 3, 3 }, new int[] { 2, 2 }, new int[] { 1, 1 }, new int[] { 1, 1, 1, 1 }, "reflect" },
			{ new int[] { 3, 2 }, new int[] { 1, 1 }, new int[] { 2, 3 }, new int[] { 2, 2, 3, 1 }, "zeros" },
			{ new int[] { 2, 3 }, new int[] { 3, 2 }, new int[] { 1, 1 }, new int[] { 0, 2, 1, 0 }, "circular" } };
		for (Object[] st : settings) {
			int[] k = (int[]) st[0];
			int[] s = (int[]) st[1];
			int[] d = (int[]) st[2];
			int[] p = (int[]) st[3];
			String opts = "width=" + n + " height=" + n + " kernel=" + k[0] + "," + k[1] + " stride=" + s[0] + "," + s[1]
				+ " dilation=" + d[0] + "," + d[1] + " padding=" + p[0] + "," + p[1] + "," + p[2] + "," + p[3] + " padding_mode="
				+ st[4];
			ImagePlus anim = Visuals.animation(opts, null);
			int outW = (n + p[0] + p[1] - d[0] * (k[0] - 1) - 1) / s[0] + 1;
			int outH = (n + p[2] + p[3] - d[1] * (k[1] - 1) - 1) / s[1] + 1;
			assertEquals(outW * outH, anim.getStackSize(), opts);
			assertEquals(ImagePlus.COLOR_RGB, anim.getType());
			SlidingWindow w = new SlidingWindow(AxisGeometry.of(Axis.X, n, k[0], s[0], d[0], p[0], p[1]),
				AxisGeometry.of(Axis.Y, n, k[1], s[1], d[1], p[2], p[3]), PaddingMode.fromLabel((String) st[4]));
			for (int f : new int[] { 0, outW * outH / 2, outW * outH - 1 }) checkFrame(anim, w, f, n, p, k, s, d);
		}
	}

	@Test
	void useImageOnSixteenBitShowsNumbersAndShadingAndTheHeaderIsNeverCut() {
		ij.process.ShortProcessor sp = new ij.process.ShortProcessor(16, 16);
		for (int i = 0; i < 256; i++) sp.set(i, i * 234);
		ImagePlus sixteen = new ImagePlus("u16", sp);
		ImagePlus anim = Visuals.animation("kernel=3 dilation=2,2 padding=2 padding_mode=reflect use_image", sixteen);
		ImageProcessor first = anim.getStack().getProcessor(1);
		// the widest caption, measured as it is drawn, fits the frame
		ij.process.ColorProcessor m = new ij.process.ColorProcessor(1, 1);
		m.setFont(new java.awt.Font("SansSerif", java.awt.Font.PLAIN, 13));
		int caption = m.getStringWidth("output (15, 15)   k 3x3  stride 1,1  dilation 2,2  reflect");
		assertTrue(anim.getWidth() >= caption + 20, anim.getWidth() + " px for a caption of " + caption);
		// cells wide enough for five digits, shaded by value: an image cell of 0 is lighter than one of 59670
		SlidingWindow w = new SlidingWindow(AxisGeometry.of(Axis.X, 16, 3, 1, 2, 2, 2), AxisGeometry.of(Axis.Y, 16, 3, 1, 2, 2, 2),
			PaddingMode.REFLECT);
		float[] v = new float[256];
		for (int i = 0; i < 256; i++) v[i] = i * 234;
		ConvAnimation.Layout l = ConvAnimation.layout(w, new float[][] { v });
		int[] low = l.inputCell(0, 3, 2); // image (1, 0): 234
		int cell = l.inputCell(0, 1, 0)[0] - l.inputCell(0, 0, 0)[0];
		assertTrue(cell >= 36, "cells of " + cell + " px hold '59670'");
		int[] high = { low[0] + 16 * cell, low[1] + 16 * cell }; // the last image cell: 59670
		Color a = new Color(first.getPixel(low[0] + 2, low[1] + 2));
		Color b = new Color(first.getPixel(high[0] + 2 - 2 * cell, high[1] + 2));
		assertTrue(a.getRed() > b.getRed(), "larger values shaded darker: " + a + " vs " + b);
		boolean ink = false; // the number: dark pixels inside the cell
		for (int y = 0; y < cell; y++) for (int x = 0; x < cell; x++) ink |= new Color(first.getPixel(high[0] - 2 * cell + x, high[1] + y)).getRed() < 60;
		assertTrue(ink, "a number is drawn in the cell");
	}

	@Test
	void paddedCellsHoldWhatTheModePutsThere() {
		SlidingWindow w = new SlidingWindow(AxisGeometry.of(Axis.X, 4, 1, 1, 1, 2, 2), AxisGeometry.of(Axis.Y, 4, 1, 1, 1, 0, 0),
			PaddingMode.REFLECT);
		float[] v = new float[16];
		for (int i = 0; i < 16; i++) v[i] = i + 1;
		float[] row = new float[8];
		for (int px = 0; px < 8; px++) row[px] = w.value(v, px, 0);
		assertArrayEquals(new float[] { 3, 2, 1, 2, 3, 4, 3, 2 }, row); // c b | a b c d | c b
	}

	@Test
	void theAnimationShowsTheConstantFillAndRefusesAValueForAnotherMode() {
		SlidingWindow w = new SlidingWindow(AxisGeometry.of(Axis.X, 4, 3, 1, 1, 1, 1), AxisGeometry.of(Axis.Y, 4, 3, 1, 1, 1, 1),
			PaddingMode.CONSTANT, 7.5f);
		float[] v = new float[16];
		for (int i = 0; i < 16; i++) v[i] = i + 1;
		assertEquals(7.5f, w.value(v, 0, 0), 0f, "a padding cell holds the fill");
		assertEquals(1f, w.value(v, 1, 1), 0f, "an image cell its value");
		assertEquals(0f, new SlidingWindow(AxisGeometry.of(Axis.X, 4, 3, 1, 1, 1, 1), AxisGeometry.of(Axis.Y, 4, 3, 1, 1, 1, 1),
			PaddingMode.ZEROS, 7.5f).value(v, 0, 0), 0f, "zeros stays 0");
		ImagePlus anim = Visuals.animation("width=4 height=4 kernel=3 padding=1 padding_mode=constant value=7.5", null);
		assertEquals(16, anim.getStackSize());
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> Visuals.animation("width=4 height=4 kernel=3 padding=1 padding_mode=reflect value=2", null));
		assertTrue(e.getMessage().contains("value=2 is the fill of padding_mode=constant"), e.getMessage());
	}

	@Test
	void paddingPictureCellsEqualPyTorchsPadding() {
		ImagePlus pic = PaddingPicture.render();
		float[] example = new float[16];
		for (int i = 0; i < 16; i++) example[i] = i + 1;
		for (PaddingMode m : PaddingMode.values()) {
			float[] e;
			if (m == PaddingMode.CONSTANT) { // PyTorch's F.pad(value=20): the zeros case with 20 in the border
				e = ConformanceCase.read("conformance", "pad_zeros_4x4.expected.npy").toArray();
				for (int i = 0; i < 36; i++) if (i / 6 == 0 || i / 6 == 5 || i % 6 == 0 || i % 6 == 5) e[i] = PaddingPicture.CONSTANT_FILL;
			}
			else {
				e = ConformanceCase.read("conformance", "pad_" + m.label() + "_4x4.expected.npy").toArray();
			}
			// the engine pads the same way: a 1x1 identity kernel with one pixel of padding
			float[] engine = Convolution.prepare(ConvPlan.of(1, 4, 4, Kernel.of(new float[] { 1 }, 1, 1), null,
				ConvSpec.builder().padding(Padding.of(1)).mode(m).value(m == PaddingMode.CONSTANT ? PaddingPicture.CONSTANT_FILL : 0)
					.build()), Method.AUTO).run(Tensor.of(1, 4, 4, example)).toArray();
			assertArrayEquals(e, engine, m.label());
			for (int py = 0; py < 6; py++) {
				for (int px = 0; px < 6; px++) {
					int[] at = PaddingPicture.cell(m, px, py);
					assertEquals(e[py * 6 + px], pic.getProcessor().getf(at[0] + PaddingPicture.CELL / 2, at[1] + PaddingPicture.CELL / 2),
						0f, m.label() + " cell " + px + "," + py);
				}
			}
		}
		assertEquals(6 * (36 * 2 + 20) + 6, pic.getOverlay().size(), "a box and a number per cell, an edge over each tinted padding cell, a label per panel");
	}

	@Test
	void twoBoxLayersGiveTheTriangleWeightedKernel() {
		ImagePlus erf = Visuals.effectiveField("layers=[conv k=3; conv k=3]");
		int[] tri = { 1, 2, 3, 2, 1 };
		assertEquals(5 + 3 * 2 + 2, erf.getWidth(), "the field, margins of 2 and a colour bar 2 wide");
		assertEquals(9 / 81.0, erf.getProcessor().getf(5 + 4, 2), 1e-7, "the bar's top is the largest weight");
		assertEquals(0f, erf.getProcessor().getf(5 + 4, 2 + 4), "its bottom the smallest (0)");
		for (int y = 0; y < 5; y++) {
			for (int x = 0; x < 5; x++) {
				assertEquals(tri[x] * tri[y] / 81.0, erf.getProcessor().getf(x + 2, y + 2), 1e-7, x + "," + y);
			}
		}
		assertEquals(0f, erf.getProcessor().getf(0, 0));
		// a dilated second layer (ones, taps at 0, 2, 4 per axis) over a box(3): field 3 + 2·2 = 7;
		// position 2 of an axis is reached from taps 0 and 2 (two paths), positions 1 and 3 from one
		ImagePlus dilated = Visuals.effectiveField("layers=[conv k=3; conv k=3 d=2] weights=[box(3) | 1 1 1; 1 1 1; 1 1 1]");
		assertEquals(7 + 3 * 2 + 2, dilated.getWidth());
		assertEquals(1 / 9.0, dilated.getProcessor().getf(1 + 2, 1 + 2), 1e-7);
		assertEquals(4 / 9.0, dilated.getProcessor().getf(2 + 2, 2 + 2), 1e-7);
		assertEquals(2 / 9.0, dilated.getProcessor().getf(2 + 2, 3 + 2), 1e-7);
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> Visuals.effectiveField("layers=[conv k=3] weights=[box(5)]"));
		assertTrue(e.getMessage().contains("needs a 2-D 3x3 kernel"), e.getMessage());
		ImagePlus withBn = Visuals.effectiveField("layers=[conv k=3; bn; leakyrelu slope=0.1; conv k=3]");
		assertEquals(erf.getWidth(), withBn.getWidth(), "batch norm and activations do not widen the field");
		e = assertThrows(IllegalArgumentException.class, () -> Visuals.effectiveField("layers=[conv k=3; convt k=2 s=2]"));
		assertTrue(e.getMessage().startsWith("layer 2 (convt k=2 s=2 p=0): the effective receptive field is drawn for convolutions"), e.getMessage());
	}

	@Test
	void eachFrameShowsTheOutputValueBeingMade() {
		// 5 x 5 values 1..25 (as the animation numbers them), k 3, stride 2, reflect 1: output (0, 0) sums
		// 7 6 7 / 2 1 2 / 7 6 7 = 45 (the README's frame 1)
		float[] v = new float[25];
		for (int i = 0; i < 25; i++) v[i] = i + 1;
		SlidingWindow w = new SlidingWindow(AxisGeometry.of(Axis.X, 5, 3, 2, 1, 1, 1), AxisGeometry.of(Axis.Y, 5, 3, 2, 1, 1, 1),
			PaddingMode.REFLECT);
		assertEquals(45f, ConvAnimation.outputValue(w, new float[][] { v }, 0));
		assertEquals(189f, ConvAnimation.outputValue(w, new float[][] { v }, 8), "output (2, 2): 19+20+19+24+25+24+19+20+19");
	}
}
