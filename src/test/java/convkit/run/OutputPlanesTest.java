package convkit.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.engine.ConvPlan;
import convkit.engine.ConvSpec;
import convkit.engine.Kernel;
import convkit.engine.Tensor;
import convkit.options.Conversion;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The planes of a run in ImageJ's stack order with their labels, and their conversion to 8/16-bit
 * over the whole result's range (every plane's, not the first's), with exact small answers.
 */
class OutputPlanesTest {

	/** A 2-D plan of 2 output channels of one 1x2 input channel (1x1 kernel). */
	private static ConvPlan twoChannels() {
		return ConvPlan.of(1, 1, 2, Kernel.of(new float[] { 1, 1 }, 2, 1, 1, 1), null, ConvSpec.builder().build());
	}

	@Test
	void labelsFollowImageJsStackOrder() {
		assertEquals("c1", OutputPlanes.label(2, 1, 1, 0, 0, 0));
		assertEquals("c2 z3", OutputPlanes.label(2, 4, 1, 2, 1, 0));
		assertEquals("c1 z2 t3", OutputPlanes.label(2, 4, 3, 9, 0, 0), "position 9 of 4 slices: slice 2 of frame 3");
		assertEquals("c1 t2", OutputPlanes.label(2, 1, 3, 1, 0, 0));
		assertEquals("c3 z5 t2", OutputPlanes.label(3, 1, 2, 1, 2, 4), "Conv3D: z is the output's depth");
		assertEquals("c1 z1", OutputPlanes.label(3, 1, 1, 0, 0, 0));
		OutputPlanes planes = new OutputPlanes(twoChannels().outputShape(), 4, 2, 2);
		for (int p = 0; p < 4; p++) planes.add(p, Tensor.of(2, 1, 2, new float[] { p, p, -p, -p }));
		assertEquals(List.of("c1 z1 t1", "c2 z1 t1", "c1 z2 t1", "c2 z2 t1", "c1 z1 t2", "c2 z1 t2", "c1 z2 t2", "c2 z2 t2"), planes.labels());
		assertEquals(2, planes.depth());
		IllegalStateException late = assertThrows(IllegalStateException.class, () -> planes.add(2, Tensor.of(2, 1, 2, new float[4])));
		assertEquals("position 2 arrived out of order", late.getMessage());
	}

	@Test
	void aRunWhosePositionsDoNotMakeTheStackIsRefused() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new OutputPlanes(twoChannels().outputShape(), 5, 2, 2));
		assertEquals("5 positions do not make 2 slices x 2 frames", e.getMessage());
		OutputPlanes.checkPositions(6, 3, 2);
	}

	@Test
	void rescaleTakesTheRangeOfEveryPlane() {
		OutputPlanes planes = new OutputPlanes(twoChannels().outputShape(), 2, 2, 1);
		planes.add(0, Tensor.of(2, 1, 2, new float[] { 0, 10, 5, 5 }));
		planes.add(1, Tensor.of(2, 1, 2, new float[] { -10, 30, Float.NaN, 20 }));
		List<Object> out = planes.take(OutputPixels.of(8, Conversion.RESCALE));
		assertEquals(4, out.size());
		// the range is [-10, 30] over all planes: 255 * (v + 10) / 40, rounded
		assertArrayEquals(new byte[] { (byte) 64, (byte) 128 }, (byte[]) out.get(0));
		assertArrayEquals(new byte[] { (byte) 96, (byte) 96 }, (byte[]) out.get(1));
		assertArrayEquals(new byte[] { 0, (byte) 255 }, (byte[]) out.get(2));
		assertEquals((byte) 191, ((byte[]) out.get(3))[1]);
		assertTrue(planes.labels().size() == 4);
	}

	@Test
	void clampAndFloatKeepEachValue() {
		OutputPlanes planes = new OutputPlanes(twoChannels().outputShape(), 1, 1, 1);
		planes.add(0, Tensor.of(2, 1, 2, new float[] { -3, 70000, 2.5f, 65535.4f }));
		List<Object> out = planes.take(OutputPixels.of(16, Conversion.CLAMP));
		assertArrayEquals(new short[] { 0, (short) 65535 }, (short[]) out.get(0));
		assertArrayEquals(new short[] { 3, (short) 65535 }, (short[]) out.get(1));
		OutputPlanes floats = new OutputPlanes(twoChannels().outputShape(), 1, 1, 1);
		floats.add(0, Tensor.of(2, 1, 2, new float[] { -3, 7, 2.5f, Float.NaN }));
		List<Object> f = floats.take(OutputPixels.FLOAT);
		assertArrayEquals(new float[] { -3, 7 }, (float[]) f.get(0));
		assertArrayEquals(new float[] { 2.5f, Float.NaN }, (float[]) f.get(1));
	}

	@Test
	void retainedBytesCountTheFloatsAndTheConvertedCopy() {
		ConvPlan plan = twoChannels(); // 2 x 1 x 2 = 4 values a position
		assertEquals(4L * 4 * 3, OutputPlanes.retainedBytes(plan.outputShape(), 3, OutputPixels.FLOAT));
		assertEquals(4L * 4 * 3 + 2 * 4 * 3, OutputPlanes.retainedBytes(plan.outputShape(), 3, OutputPixels.of(16, Conversion.CLAMP)));
		assertEquals(4L * 4 * 3 + 4 * 3, OutputPlanes.retainedBytes(plan.outputShape(), 3, OutputPixels.of(8, Conversion.ABS)));
	}

	@Test
	void outputPixelsSayWhatTheyAre() {
		OutputPixels rescale = OutputPixels.of(16, Conversion.RESCALE);
		assertTrue(rescale.needsRange());
		assertEquals(false, OutputPixels.of(16, Conversion.CLAMP).needsRange());
		assertEquals(false, OutputPixels.FLOAT.needsRange());
		assertEquals(65535, rescale.maxValue());
		assertEquals("16-bit (convert=rescale)", rescale.describe());
		assertEquals("32-bit float", OutputPixels.FLOAT.describe());
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OutputPixels.of(12, Conversion.CLAMP));
		assertEquals("output bit depth 12 is not allowed (8, 16 or 32)", e.getMessage());
		float[] range = OutputPixels.emptyRange();
		OutputPixels.widen(range, new float[] { 9, 3, Float.POSITIVE_INFINITY, 3, 9, -1, 7 }, 1, 5);
		assertArrayEquals(new float[] { 3, 9 }, range, "values 1..4, finite only");
	}
}
