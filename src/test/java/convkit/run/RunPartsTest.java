package convkit.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.engine.ConvPlan;
import convkit.engine.ConvSpec;
import convkit.engine.Kernel;
import convkit.engine.Tensor;
import convkit.geometry.SpatialCalibration;
import convkit.options.ChannelMapping;
import convkit.options.Conversion;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * The runner's small parts with exact answers: how a stack is laid out in positions under each
 * channel mapping, what a source says of itself when it says nothing, the one-line failure texts,
 * the memory refusal's numbers, the conversion of single values at their edges.
 */
class RunPartsTest {

	@Test
	void stacksAreLaidOutInPositionsByTheMappingAndTheRank() {
		PlaneLayout hyper = PlaneLayout.of("h", 2, 3, 4, false, ChannelMapping.AUTO, 2);
		assertEquals(2, hyper.channels());
		assertEquals(12, hyper.positions(), "3 slices x 4 frames");
		assertEquals(0, hyper.plainStackSize(), "channels: not a plain stack");
		PlaneLayout volume = PlaneLayout.of("v", 2, 3, 4, false, ChannelMapping.AUTO, 3);
		assertEquals(3, volume.depth());
		assertEquals(4, volume.positions(), "each frame a volume");
		assertEquals(5, PlaneLayout.of("p", 1, 5, 1, false, ChannelMapping.AUTO, 2).plainStackSize());
		assertEquals(6, PlaneLayout.of("p", 1, 1, 6, false, ChannelMapping.AUTO, 2).plainStackSize(), "frames only: plain too");
		assertEquals(0, PlaneLayout.of("p", 1, 2, 3, false, ChannelMapping.AUTO, 2).plainStackSize(), "slices and frames: not plain");
		assertEquals(0, PlaneLayout.of("rgb", 1, 4, 1, true, ChannelMapping.AUTO, 2).plainStackSize());
		assertEquals(3, PlaneLayout.of("rgb", 1, 4, 1, true, ChannelMapping.AUTO, 2).channels());
		PlaneLayout slices = PlaneLayout.of("s", 1, 1, 7, false, ChannelMapping.SLICES, 2);
		assertEquals(7, slices.channels());
		assertEquals(1, slices.positions());

		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> PlaneLayout.of("x", 2, 1, 1, true, ChannelMapping.AUTO, 2));
		assertEquals("RGB image 'x' has 2 channels; an RGB image is read as 3 channels (R, G, B) per plane, so convert it first", e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> PlaneLayout.of("x", 1, 4, 1, false, ChannelMapping.SLICES, 3));
		assertEquals("channels=slices is for Conv2D; Conv3D reads slices as depth", e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> PlaneLayout.of("x", 2, 4, 1, false, ChannelMapping.SLICES, 2));
		assertEquals("channels=slices is for a plain stack of gray planes, but 'x' has 2 channels; use channels=auto", e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> PlaneLayout.of("x", 1, 4, 1, true, ChannelMapping.SLICES, 2));
		assertEquals("channels=slices is for a plain stack of gray planes, but 'x' has RGB; use channels=auto", e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> PlaneLayout.of("x", 1, 4, 2, false, ChannelMapping.SLICES, 2));
		assertEquals("channels=slices needs a plain stack, but 'x' has 4 slices and 2 frames", e.getMessage());
	}

	@Test
	void aSourceThatSaysNothingOfItselfHasTheDefaults() throws IOException {
		PositionSource plain = new MinimalSource("plain", 6);
		assertEquals(32, plain.bitDepth());
		assertEquals("32-bit", plain.pixelType());
		assertEquals(0, plain.plainStackSize());
		assertFalse(plain.streamed());
		assertFalse(plain.readsSlabs());
		assertFalse(plain.isArray());
		assertFalse(plain.batched());
		assertFalse(plain.readByImageJ());
		assertEquals(SpatialCalibration.NONE, plain.spatialCalibration());
		assertEquals(1, plain.slices());
		assertEquals(6, plain.frames(), "every position a frame");
		UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> plain.readSlab(0, new int[] { 0 }, 0));
		assertEquals("'plain' is not read a slab at a time", e.getMessage());
		assertFalse(PositionSink.discard().takesSlabs());
		assertEquals(Optional.empty(), PositionSink.discard().file());
	}

	@Test
	void failuresAreOneLineEach() {
		assertEquals("bad value", Failures.describe(new IllegalArgumentException("bad value")));
		assertTrue(Failures.describe(new OutOfMemoryError()).startsWith("out of memory; give Java more (java -Xmx8g -jar ..."));
		assertEquals("the input is nested too deeply to be read (brackets within brackets?)", Failures.describe(new StackOverflowError()));
		assertEquals("read error: a file ends early (cut short, or still being written)", Failures.describe(new java.io.EOFException()));
		assertEquals("file 'a.tif' does not exist (any more)", Failures.describe(new java.nio.file.NoSuchFileException("a.tif")));
		assertEquals("file 'b.tif' cannot be read or written (permissions)", Failures.describe(new java.nio.file.AccessDeniedException("b.tif")));
		assertEquals("read or write error: disk full", Failures.describe(new IOException("disk full")));
		assertEquals("internal error (IllegalStateException): IllegalStateException", Failures.describe(new IllegalStateException()));
		assertTrue(Failures.isRefusal(new IllegalArgumentException()));
		assertTrue(Failures.isRefusal(new StackOverflowError()));
		assertFalse(Failures.isRefusal(new IOException()));
	}

	@Test
	void theMemoryRefusalNamesEachPart() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> MemoryBudget.jvm("give it more").check(1L << 50, 3L << 20, (5L << 20) + 1, "direct", "[1, 2, 3]"));
		assertTrue(e.getMessage().startsWith("the output [1, 2, 3] needs about 1073741824 MB to keep and the run 9 MB more (images in flight 3"
			+ " MB, direct workspace 6 MB), but Java has only "), e.getMessage());
		assertTrue(e.getMessage().endsWith(" MB free; crop the image, use a stride, try another method=, or give it more"), e.getMessage());
		MemoryBudget.jvm("x").check(1 << 20, 1 << 20, 1 << 20, "direct", "small");
		assertEquals(0, MemoryBudget.mb(0));
		assertEquals(1, MemoryBudget.mb(1));
		assertEquals(1, MemoryBudget.mb(1 << 20));
		assertEquals(2, MemoryBudget.mb((1 << 20) + 1));
	}

	@Test
	void singleValuesConvertAtTheirEdges() {
		OutputPixels clamp = OutputPixels.of(8, Conversion.CLAMP);
		float[] none = OutputPixels.emptyRange();
		assertEquals(0, clamp.value(-0.5f, none));
		assertEquals(0, clamp.value(-0.6f, none));
		assertEquals(1, clamp.value(0.5f, none), "half rounds up, as ImageJ");
		assertEquals(255, clamp.value(254.5f, none));
		assertEquals(255, clamp.value(255f, none));
		assertEquals(255, clamp.value(1e9f, none));
		assertEquals(3, OutputPixels.of(8, Conversion.ABS).value(-3.4f, none));
		OutputPixels rescale = OutputPixels.of(16, Conversion.RESCALE);
		assertEquals(0, rescale.value(5, new float[] { 5, 5 }), "no span: 0");
		assertEquals(0, rescale.value(Float.NaN, new float[] { 0, 1 }));
		assertEquals(65535, rescale.value(1, new float[] { 0, 1 }));
		assertEquals(32768, rescale.value(0.5f, new float[] { 0, 1 }), "65535 / 2 = 32767.5 rounds up");
		assertEquals(0, rescale.value(-1, new float[] { 0, 1 }), "below the range: 0");
		float[] range = OutputPixels.emptyRange();
		OutputPixels.widen(range, new float[] { 2, 2, 2 }, 0, 3);
		assertArrayEquals(new float[] { 2, 2 }, range);
	}

	@Test
	void planesTakenOnceAreGone() {
		ConvPlan plan = ConvPlan.of(1, 1, 2, Kernel.of(new float[] { 1 }, 1, 1), null, ConvSpec.defaults());
		OutputPlanes planes = new OutputPlanes(plan.outputShape(), 1, 1, 1);
		planes.add(0, Tensor.of(1, 1, 2, new float[] { 1, 2 }));
		assertEquals(1, planes.take(OutputPixels.FLOAT).size());
		assertEquals(List.of(), planes.take(OutputPixels.FLOAT), "the float planes are let go once taken");
		OutputPlanes converted = new OutputPlanes(plan.outputShape(), 1, 1, 1);
		converted.add(0, Tensor.of(1, 1, 2, new float[] { 1, 2 }));
		assertEquals(1, converted.take(OutputPixels.of(8, Conversion.CLAMP)).size());
		assertEquals(List.of(), converted.take(OutputPixels.of(8, Conversion.CLAMP)));
	}
}
