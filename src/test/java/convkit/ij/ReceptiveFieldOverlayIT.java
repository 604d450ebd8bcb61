package convkit.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.engine.AxisGeometry;
import convkit.engine.FieldMap;
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
		// Composed by hand: layer 1 on the selection (offset 2,1): k 3, s 2, p 1 -> field 3, jump 2,
		// start = offset + 1 - 1. Layer 2: kernel 1x5 (k_y = 1, k_x = 5), dilation x 1, y 2, pad l,r 2.
		AxisGeometry l1x = AxisGeometry.of("x", 36, 3, 2, 1, 1, 1);
		AxisGeometry l1y = AxisGeometry.of("y", 28, 3, 2, 1, 1, 1);
		AxisGeometry l2x = AxisGeometry.of("x", 18, 5, 1, 1, 2, 2);
		AxisGeometry l2y = AxisGeometry.of("y", 14, 1, 1, 2, 0, 0);
		FieldMap mx = FieldMap.identity().then(l1x, 2).then(l2x, 0);
		FieldMap my = FieldMap.identity().then(l1y, 1).then(l2y, 0);
		assertEquals(2.0, FieldMap.identity().then(l1x, 2).start()); // 0 + (2 + 1 - 1)·1
		assertEquals(11, mx.field()); // 3 + 4·2
		assertEquals(3, my.field()); // 3 + 0
		assertEquals(2.0, mx.start()); // 2 + (0 + 2 - 2)·2
		assertEquals("18x14", ImageJRunner.value(out, "out2"));
		int[][] points = { { 0, 0 }, { 7, 3 }, { 17, 4 } };
		StringBuilder expected = new StringBuilder();
		for (int[] p : points) {
			double x0 = mx.first(p[0]);
			double y0 = my.first(p[1]);
			boolean pads = x0 < 0 || y0 < 0 || mx.last(p[0]) > 39 || my.last(p[1]) > 29;
			String name = "RF " + p[0] + "," + p[1];
			if (pads) {
				expected.append(name).append(" (with padding)|").append((int) Math.floor(x0)).append(',').append((int) Math.floor(y0))
					.append(',').append(mx.field()).append(',').append(my.field()).append('\n');
			}
			double cx0 = Math.max(0, x0);
			double cy0 = Math.max(0, y0);
			double cx1 = Math.min(40, x0 + mx.field());
			double cy1 = Math.min(30, y0 + my.field());
			expected.append(name).append('|').append((int) cx0).append(',').append((int) cy0).append(',').append((int) (cx1 - cx0))
				.append(',').append((int) (cy1 - cy0)).append('\n');
		}
		StringBuilder got = new StringBuilder();
		for (String line : out.split("\n")) {
			if (line.startsWith("roi") && !line.contains("samples")) got.append(line.substring(line.indexOf('=') + 1)).append('\n');
		}
		assertEquals(expected.toString(), got.toString(), out);
		// the last layer's samples: 5 along x at centres mx-in + (i + t - 2)·2 for t = 0..4, 1 along y
		assertTrue(out.contains("RF 7,3 samples|"), out);
		assertEquals("3", ImageJRunner.value(out, "rows"));
		assertEquals("11,3", ImageJRunner.value(out, "calc_rf"));
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
