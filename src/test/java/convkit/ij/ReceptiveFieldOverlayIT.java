package convkit.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.ijtest.ImageJRunner;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conv2D twice in a row in a real ImageJ, points on the second output, the overlay drawn on the
 * first input: rectangles and sample points against the composed geometry; the calculator from
 * the menu; the message when the source is closed.
 */
class ReceptiveFieldOverlayIT {

	@TempDir
	Path dir;

	@Test
	void overlayOfTwoConvolutionsInARowMatchesTheComposedGeometry() throws Exception {
		ImageJRunner imagej = new ImageJRunner(dir);
		String macro = String.join("\n",
			"newImage('src', '32-bit ramp', 40, 30, 1);",
			"makeRectangle(2, 1, 36, 28);",
			"run('Conv2D...', 'kernel=box(3) stride=2 padding=1');",
			"run('Conv2D...', 'kernel=[[[1, 0, 1, 0, 1]]] dilation=1,2 padding=2,2,0,0');",
			"print('out2=' + getWidth() + 'x' + getHeight());",
			"makeSelection('point', newArray(0, 7, 17), newArray(0, 3, 4));",
			"run('Receptive Field Overlay');",
			"selectImage('src'); n = Overlay.size; print('n=' + n);",
			"for (i = 0; i < n; i++) { Overlay.activateSelection(i); getSelectionBounds(x, y, w, h);",
			"  print('roi' + i + '=' + Roi.getName + '|' + x + ',' + y + ',' + w + ',' + h); }",
			"print('rows=' + Table.size('Receptive Fields'));",
			"run('Conv Calculator...', 'layers=[conv k=3 s=2 p=1; conv k=5,1 d=1,2 p=2,2,0,0] size=36,28');",
			"print('calc_rf=' + Table.get('RF X', 1, 'Conv Calculator') + ',' + Table.get('RF Y', 1, 'Conv Calculator'));", "");
		String out = imagej.macro("batch", macro);
		// Composed by hand. Layer 1 on the selection (offset 2,1): k 3, s 2, p 1 -> field 3, jump 2, start x = 2 + 1 - 1 = 2,
		// y = 1 + 1 - 1 = 1. Layer 2, kernel 1x5 (k_y 1, k_x 5), dilation x 1 y 2, pad l,r 2: along x field 3 + 4·2 = 11,
		// start 2 + (2 - 2)·2 = 2; along y (k_eff 1) field 3, start 1. Output pixel (i, j) spans x 2i-3 .. 2i+7, y 2j .. 2j+2
		// of the 40 x 30 source (dashed where that reaches the padding); the yellow rectangle holds the pixels it reads,
		// inside the selection x 2..37, y 1..28 (outside it the first layer read padding, not the image).
		assertEquals("18x14", ImageJRunner.value(out, "out2"));
		String expected = String.join("\n",
			"RF 0,0 (with padding)|-3,0,11,3", "RF 0,0|2,1,6,2", // x -3..7 spanned, 2..7 read; y 0..2 spanned, 1..2 read
			"RF 7,3|11,6,11,3", // x 11..21, y 6..8
			"RF 17,4 (with padding)|31,8,11,3", "RF 17,4|31,8,7,3", "") ; // x 31..41 spanned, 31..37 read
		StringBuilder got = new StringBuilder();
		for (String line : out.split("\n")) {
			if (line.startsWith("roi") && !line.contains("samples")) got.append(line.substring(line.indexOf('=') + 1)).append('\n');
		}
		assertEquals(expected, got.toString(), out);
		// the last layer's samples: 5 along x at centres mx-in + (i + t - 2)·2 for t = 0..4, 1 along y
		assertTrue(out.contains("RF 7,3 samples|"), out);
		assertEquals("3", ImageJRunner.value(out, "rows"));
		assertEquals("11,3", ImageJRunner.value(out, "calc_rf"));
	}

	@Test
	void aFieldAtTheBorderIsWholeOnThePaddedView() throws Exception {
		ImageJRunner imagej = new ImageJRunner(dir);
		Path shots = java.nio.file.Files.createDirectories(java.nio.file.Paths.get("target", "screenshots").toAbsolutePath());
		String macro = String.join("\n",
			"open('" + java.nio.file.Paths.get("samples", "cells.tif").toAbsolutePath().toString().replace('\\', '/') + "');",
			"run('8-bit'); src = getImageID(); w = getWidth(); h = getHeight();",
			"run('Conv2D...', 'kernel=box(5) dilation=3 stride=4 padding=6 padding_mode=reflect');",
			"makeSelection('point', newArray(0, 20), newArray(0, 10));",
			"run('Receptive Field Overlay');",
			"print('title=' + getTitle()); print('size=' + getWidth() + 'x' + getHeight());",
			"v = getPixel(0, 0); selectImage(src); print('reflected=' + (v == getPixel(6, 6)));",
			"selectImage('cells.tif padded (reflect)'); n = Overlay.size;",
			"Stack.getDimensions(pw, ph, pc, pz, pt); print('padded_channels=' + pc + '|' + is('composite'));",
			"for (i = 0; i < n; i++) { Overlay.activateSelection(i); getSelectionBounds(x, y, ww, hh);",
			"  print('roi' + i + '=' + Roi.getName + '|' + x + ',' + y + ',' + ww + ',' + hh); }",
			"run('Select None'); run('Flatten'); makeRectangle(0, 0, 44, 28); run('Crop');",
			"run('Size...', 'width=' + (getWidth() * 12) + ' height=' + (getHeight() * 12) + ' interpolation=None');",
			"saveAs('PNG', '" + shots.resolve("overlay_padded.png").toString().replace('\\', '/') + "');",
			"newImage('c', '32-bit black', 10, 8, 1); run('Conv2D...', 'kernel=box(5) padding=2 padding_mode=constant value=0.5');",
			"makePoint(9, 7); run('Receptive Field Overlay');",
			"print('constant=' + getTitle() + '|' + getWidth() + 'x' + getHeight() + '|' + getPixel(11, 9) + '|' + getPixel(9, 7));",
			"newImage('rgb', 'RGB ramp', 10, 8, 1); run('Conv2D...', 'kernel=box(3) padding=1 padding_mode=replicate');",
			"makePoint(0, 0); run('Receptive Field Overlay');",
			"print('rgb=' + getTitle() + '|' + bitDepth() + '|' + (getPixel(0, 0) == getPixel(1, 1)));", "");
		String out = imagej.macro("batch", macro);
		// box(5) dilation 3 (field 13) stride 4 padding 6: output (0,0) sees -6..6 in x and y, (20,10) sees 74..86, 34..46
		assertEquals("cells.tif padded (reflect)", ImageJRunner.value(out, "title"), out);
		assertEquals("262x198", ImageJRunner.value(out, "size"), "256 x 192 with 6 pixels left and top");
		assertEquals("1", ImageJRunner.value(out, "reflected"), "the margin holds reflect's values: (0,0) shows (6,6)");
		assertTrue(out.contains("RF image bounds|6,6,256,192"), out);
		assertTrue(out.contains("RF 0,0 (with padding)|0,0,13,13"), "the whole field, on the canvas: " + out);
		assertTrue(out.contains("RF 20,10|80,40,13,13"), out);
		// constant 0.5: the margin is 0.5, the (black) image 0
		assertEquals("c padded (constant 0.5)|12x10|0.5|0", ImageJRunner.value(out, "constant"), out);
		// the padded view in the source's own colours: every channel of a composite, RGB as RGB
		assertEquals("3|1", ImageJRunner.value(out, "padded_channels"), out);
		assertEquals("rgb padded (replicate)|24|1", ImageJRunner.value(out, "rgb"), "replicate: the corner repeats: " + out);
	}

	@Test
	void aClosedSourceIsNamed() throws Exception {
		ImageJRunner imagej = new ImageJRunner(dir);
		String macro = String.join("\n", "newImage('gone', '32-bit ramp', 20, 20, 1); src = getImageID();",
			"run('Conv2D...', 'kernel=box(3)'); out = getImageID();", "selectImage(src); close(); selectImage(out);",
			"makeSelection('point', newArray(3), newArray(3));", "run('Receptive Field Overlay');", "print('NOT ABORTED');", "");
		String out = imagej.macro("gui", macro);
		assertTrue(out.contains("MACRO ERROR: the source image 'gone' (20 x 20) is closed"), out);
		assertFalse(out.contains("NOT ABORTED"));
	}
}
