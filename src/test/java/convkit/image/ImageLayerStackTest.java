package convkit.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.engine.Axis;
import convkit.engine.ConvLayer;
import convkit.engine.ConvSpec;
import convkit.engine.Execution;
import convkit.engine.Kernel;
import convkit.engine.LayerStack;
import convkit.engine.Padding;
import convkit.engine.PaddingMode;
import convkit.engine.PoolLayer;
import convkit.engine.PoolSpec;
import convkit.engine.StackLayer;
import convkit.engine.TransposedConvLayer;
import convkit.engine.TransposedSpec;
import convkit.geometry.OutputGeometry;
import ij.ImagePlus;
import ij.gui.Roi;
import ij.measure.Calibration;
import ij.process.FloatProcessor;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.Test;

/**
 * Conv Stack on an ImagePlus: every layer's output kept and titled with the layer, each carrying
 * the geometry of the layers so far (composed with the input's own, after a selection's corner) and
 * a calibration that places it over the input — a transposed layer halves the pixel size and
 * starts a quarter pixel before; the input is never changed; a refusal or a cancellation makes nothing.
 */
public class ImageLayerStackTest {

	private static Kernel ones(int... shape) {
		int n = 1;
		for (int s : shape) n *= s;
		float[] v = new float[n];
		Arrays.fill(v, 1);
		return Kernel.of(v, shape);
	}

	private static ImagePlus calibrated() {
		float[] v = new float[16 * 12];
		for (int i = 0; i < v.length; i++) v[i] = i % 7;
		ImagePlus imp = new ImagePlus("cells.tif", new FloatProcessor(16, 12, v));
		Calibration c = imp.getCalibration();
		c.pixelWidth = 0.5;
		c.pixelHeight = 0.5;
		c.setUnit("micron");
		return imp;
	}

	/** conv 3x3 s2 p1 (reflect), convt 2x2 s2, maxpool 2. */
	public static LayerStack threeLayers() {
		List<StackLayer> l = Arrays.asList(
			ConvLayer.of(ones(1, 1, 3, 3), null, ConvSpec.builder().stride(2).padding(Padding.of(1)).mode(PaddingMode.REFLECT).build()),
			TransposedConvLayer.of(ones(1, 1, 2, 2), null, TransposedSpec.of(2, new int[] { 2 }, new int[] { 0 }, new int[] { 0 }, new int[] { 1 }, 1)),
			PoolLayer.of(PoolSpec.max(2, new int[] { 2 }, null, new int[] { 0 }, new int[] { 1 }, false)));
		return LayerStack.of(2, l);
	}

	@Test
	void everyLayersOutputCarriesItsGeometryAndACalibrationOverTheInput() {
		ImagePlus in = calibrated();
		float[] before = ((float[]) in.getProcessor().getPixels()).clone();
		ImageLayerStack.Result r = ImageLayerStack.process(in, threeLayers(), true, Execution.defaults());
		assertEquals(3, r.images().size());
		assertEquals("cells layer 1 (conv)", r.images().get(0).getTitle());
		assertEquals("cells layer 3 (maxpool)", r.last().getTitle());
		assertArrayEquals(before, (float[]) in.getProcessor().getPixels(), "the input is only read");
		// conv s2: pixel 1 µm, output pixel 0 over input 0 (start (3-1)/2 - 1 = 0)
		Calibration c1 = r.images().get(0).getCalibration();
		assertEquals(1.0, c1.pixelWidth, 1e-12);
		assertEquals(0.0, c1.xOrigin, 1e-12);
		assertEquals("micron", c1.getUnit());
		// convt 2x2 s2: field 3 + 2·1/2 = 4, jump 2 / 2 = 1 input pixel (0.5 µm); start 0 + 2·(0 − 1/2)/2 = −1/2: origin (0 + 1/2)/1 = 1/2
		OutputGeometry g2 = GeometryProperties.read(r.images().get(1)).orElseThrow(AssertionError::new);
		assertEquals("field 4, jump 1, start -1/2", g2.x().toString());
		assertEquals(2, g2.layers());
		Calibration c2 = r.images().get(1).getCalibration();
		assertEquals(0.5, c2.pixelWidth, 1e-12);
		assertEquals(0.5, c2.xOrigin, 1e-12);
		// output pixel 3 of the convt: from conv pixel 1 (3 = 1·2 + 1), which reads input 1..3
		assertArrayEquals(new int[] { 1, 3 }, g2.reach(Axis.X, 3));
		OutputGeometry g3 = GeometryProperties.read(r.last()).orElseThrow(AssertionError::new);
		assertEquals("field 5, jump 2, start 0", g3.x().toString()); // maxpool 2: 4 + 1, start −1/2 + 1/2
		assertEquals("w 16 3 2 1 1 1 8 0; t 8 2 2 1 0 0 16 0; w 16 2 2 1 0 0 8 0", g3.toProperties().get("ConvKit.chain.x"));
		assertEquals("3", g3.toProperties().get("ConvKit.lastRun"));
		assertEquals("reflect", g3.sourcePadding().orElse(""));
		assertEquals(1.0, r.last().getCalibration().pixelWidth, 1e-12);
		assertTrue(r.report().contains("PyTorch: nn.Sequential("), r.report());
	}

	@Test
	void aStackOnASelectionStartsAtItsCornerAndASecondRunComposesWithTheFirst() {
		ImagePlus in = calibrated();
		in.setRoi(new Roi(4, 2, 8, 8));
		ImagePlus first = ImageLayerStack.process(in, threeLayers(), false, Execution.defaults()).last();
		assertEquals("cells-stack", first.getTitle());
		assertEquals(4, first.getWidth());
		OutputGeometry g = GeometryProperties.read(first).orElseThrow(AssertionError::new);
		assertEquals("field 5, jump 2, start 4", g.x().toString(), "the selection's corner x = 4");
		LayerStack pool = LayerStack.of(2, Arrays.asList(PoolLayer.of(PoolSpec.avg(2, new int[] { 2 }, null, new int[] { 0 }, false, true))));
		ImagePlus second = ImageLayerStack.process(first, pool, false, Execution.defaults()).last();
		OutputGeometry g2 = GeometryProperties.read(second).orElseThrow(AssertionError::new);
		assertEquals(4, g2.layers());
		assertEquals("cells.tif", g2.sourceTitle());
		assertEquals("field 7, jump 4, start 5", g2.x().toString());
		assertEquals(2.0, second.getCalibration().pixelWidth, 1e-12);
	}

	@Test
	void aStackThatCannotRunOrIsCancelledMakesNothing() {
		ImagePlus in = calibrated();
		LayerStack big = LayerStack.of(2, Arrays.asList(PoolLayer.of(PoolSpec.max(2, new int[] { 20 }, null, new int[] { 0 }, new int[] { 1 }, false))));
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageLayerStack.process(in, big, false, Execution.defaults()));
		assertTrue(e.getMessage().startsWith("layer 1 (maxpool): "), e.getMessage());
		assertThrows(CancellationException.class, () -> ImageLayerStack.process(in, threeLayers(), true,
			Execution.defaults().withCancellation(() -> true)));
	}
}
