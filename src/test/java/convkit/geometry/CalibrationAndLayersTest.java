package convkit.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.engine.Axis;
import convkit.engine.ConvPlan;
import convkit.engine.ConvSpec;
import convkit.engine.Padding;
import convkit.engine.Shape;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * An output's calibration (pixel size times the jump, origin moved to the output's first pixel),
 * when a calibration says anything, and the calculator's layers: their values per axis, their
 * refusals and their text — exact small cases worked out by hand.
 */
class CalibrationAndLayersTest {

	@Test
	void anOutputsCalibrationFollowsItsLastLayer() {
		// 3x3, stride 2, padding 1, on the region from (2, 1): start x = 2 + 1 - 1 = 2, y = 1
		ConvPlan plan = ConvPlan.of(1, 16, 20, OutputGeometryTest.ones(1, 1, 3, 3), null, ConvSpec.builder().stride(2).padding(Padding.of(1)).build());
		OutputGeometry g = OutputGeometry.after(Optional.empty(), "a", 1, new int[] { 20, 16 }, plan, new int[] { 2, 1 });
		SpatialCalibration c = SpatialCalibration.of(0.5, 0.25, 3, "um", 10, -4, 6).after(g);
		assertEquals(1.0, c.pixelWidth());
		assertEquals(0.5, c.pixelHeight());
		assertEquals(3.0, c.pixelDepth(), "a 2-D layer keeps the depth");
		assertEquals((10 - 2) / 2.0, c.xOrigin());
		assertEquals((-4 - 1) / 2.0, c.yOrigin());
		assertEquals(6.0, c.zOrigin());
		assertEquals("um", c.unit());

		// Conv3D, stride 2 along z, padding 1, region from z = 1: start z = 1
		ConvPlan volume = ConvPlan.of(Shape.of(1, 8, 6, 6), OutputGeometryTest.ones(1, 1, 3, 3, 3), null, ConvSpec.builder(3).stride(1, 1, 2)
			.padding(Padding.of(1)).build());
		OutputGeometry v = OutputGeometry.after(Optional.empty(), "v", 1, new int[] { 6, 6, 8 }, volume, new int[] { 0, 0, 1 });
		SpatialCalibration cz = SpatialCalibration.of(1, 1, 2, "um", 0, 0, 3).after(v);
		assertEquals(4.0, cz.pixelDepth());
		assertEquals((3 - 1) / 2.0, cz.zOrigin());
		assertEquals(1.0, cz.pixelWidth());
	}

	@Test
	void aCalibrationSaysSomethingWhenAnyValueDiffersFromPlainPixels() {
		assertFalse(SpatialCalibration.of(1, 1, 1, "pixel", 0, 0, 0).isCalibrated());
		assertFalse(SpatialCalibration.of(1, 1, 7, " ", 0, 0, 0).isCalibrated(), "depth alone says nothing");
		assertEquals("pixel", SpatialCalibration.of(1, 1, 1, null, 0, 0, 0).unit());
		assertTrue(SpatialCalibration.of(1, 1, 1, "mm", 0, 0, 0).isCalibrated());
		assertTrue(SpatialCalibration.of(1, 1, 1, "pixel", 1, 0, 0).isCalibrated());
		assertTrue(SpatialCalibration.of(1, 1, 1, "pixel", 0, -1, 0).isCalibrated());
		assertTrue(SpatialCalibration.of(1, 1, 1, "pixel", 0, 0, 2).isCalibrated());
		assertTrue(SpatialCalibration.of(2, 1, 1, "pixel", 0, 0, 0).isCalibrated());
		assertTrue(SpatialCalibration.of(1, 0.5, 1, "pixel", 0, 0, 0).isCalibrated());
	}

	@Test
	void layersGiveTheirValuesPerAxisAndRefuseWhatCannotBe() {
		Layer l = Layer.of(LayerKind.CONV, 5, 3, 2, 1, 1, 3, Padding.of(1));
		assertEquals(5, l.kernelX());
		assertEquals(3, l.kernelY());
		assertEquals(2, l.strideX());
		assertEquals(1, l.strideY());
		assertEquals(1, l.dilationX());
		assertEquals(3, l.dilationY());
		assertEquals(1, l.dilation(Axis.Z), "an axis the layer was not written for: 1");
		assertEquals("conv k=5,3 s=2,1 p=1 d=1,3", l.toString());
		Layer one = Layer.of(LayerKind.MAXPOOL, new int[] { 2 }, new int[] { 2 }, new int[] { 1 }, Padding.valid());
		assertEquals(2, one.kernel(Axis.Z), "one value: every axis");
		assertEquals(0, one.rank());
		assertEquals("relu", Layer.relu().toString());
		assertEquals(LayerKind.RELU, Layer.relu().kind());

		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> Layer.of(LayerKind.CONV, new int[] { 3, 0 }, new int[] { 1 }, new int[] { 1 }, Padding.valid()));
		assertEquals("kernel size must be at least 1, not 3,0", e.getMessage());
		e = assertThrows(IllegalArgumentException.class,
			() -> Layer.of(LayerKind.CONV, new int[] { 3 }, new int[] { 0 }, new int[] { 1 }, Padding.valid()));
		assertEquals("stride must be at least 1, not 0", e.getMessage());
		e = assertThrows(IllegalArgumentException.class,
			() -> Layer.of(LayerKind.CONV, new int[] { 3 }, new int[] { 1 }, new int[] { 1, 1, 1, 1 }, Padding.valid()));
		assertEquals("dilation takes one value, x,y or x,y,z", e.getMessage());
		e = assertThrows(IllegalArgumentException.class,
			() -> Layer.of(LayerKind.RELU, new int[] { 1 }, new int[] { 2 }, new int[] { 1 }, Padding.valid()));
		assertEquals("relu is element-wise: it takes no kernel, stride or padding", e.getMessage());
		e = assertThrows(IllegalArgumentException.class,
			() -> Layer.of(LayerKind.CONV, new int[] { 3, 3 }, new int[] { 1, 1, 1 }, new int[] { 1 }, Padding.valid()));
		assertTrue(e.getMessage().endsWith("mixes 2-D values (x,y) with 3-D values (x,y,z)"), e.getMessage());
	}

	@Test
	void aTraceNamesTheLayerThatCannotBe() {
		List<Layer> layers = List.of(Layer.of(LayerKind.CONV, 3, 3, 1, 1, 1, 1, Padding.valid()),
			Layer.of(LayerKind.MAXPOOL, 2, 2, 2, 2, 1, 1, Padding.of(2)));
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReceptiveField.trace(layers, new int[] { 10, 10 }));
		assertEquals("layer 2 (maxpool k=2 s=2 p=2): pooling padding 2,2 along x is too large: at most half the kernel (1)", e.getMessage());
		List<Layer> fits = List.of(Layer.of(LayerKind.MAXPOOL, 3, 3, 2, 2, 1, 1, Padding.of(1)));
		ReceptiveField.Row row = ReceptiveField.trace(fits, new int[] { 7, 7 }).get(0);
		assertTrue(row.toString().length() > 0);
		AxisTrace x = row.axes().get(0);
		assertEquals(3, x.field().intValue());
		assertEquals(2, x.jump().intValue());
		assertEquals(0.0, x.start().doubleValue());
		assertTrue(x.reachesPadding(), "pixel 0's field starts at -1");
		AxisTrace noPad = ReceptiveField.trace(List.of(Layer.of(LayerKind.CONV, 3, 3, 2, 2, 1, 1, Padding.valid())), new int[] { 7, 7 })
			.get(0).axes().get(0);
		assertFalse(noPad.reachesPadding(), "fields 0..2, 2..4, 4..6 of 7 pixels");
		AxisTrace pastEnd = ReceptiveField.trace(List.of(Layer.of(LayerKind.CONV, 3, 3, 2, 2, 1, 1, Padding.of(0, 1, 0, 1))),
			new int[] { 6, 6 }).get(0).axes().get(0);
		assertTrue(pastEnd.reachesPadding(), "the last field reaches pixel 6 of 6");
		e = assertThrows(IllegalArgumentException.class, () -> ReceptiveField.trace(fits, new int[] { 7, 0 }));
		assertEquals("input size 7,0 is not allowed: every size must be at least 1", e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> ReceptiveField.trace(fits, new int[] { 7 }));
		assertEquals("the input size has 1 values; give W,H or W,H,D", e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> ReceptiveField.trace(List.of(Layer.of(LayerKind.CONV, new int[] { 3, 3, 3 },
			new int[] { 1 }, new int[] { 1 }, Padding.valid())), new int[] { 7, 7 }));
		assertTrue(e.getMessage().startsWith("layer 1 (conv k=3 s=1 p=0): it is written for 3-D, but the stack is traced in 2-D"),
			e.getMessage());
	}
}
