package convkit.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.engine.Axis;
import convkit.engine.ConvPlan;
import convkit.engine.ConvSpec;
import convkit.engine.Kernel;
import convkit.engine.Padding;
import convkit.engine.PaddingMode;
import convkit.engine.Shape;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * The geometry an output carries (the {@code ConvKit.*} properties): two layers composed with
 * fields, jumps and starts worked out by hand, written to properties and read back unchanged,
 * the last layer's samples and the damaged or absent properties.
 */
class OutputGeometryTest {

	/** A kernel of ones of {@code shape}. */
	static Kernel ones(int... shape) {
		int n = 1;
		for (int s : shape) n *= s;
		float[] v = new float[n];
		java.util.Arrays.fill(v, 1);
		return Kernel.of(v, shape);
	}

	/** Layer 1: 3x3, stride 2, padding 1, constant 7 on a 20x16 image; layer 2: 3x3, dilation 2, no padding, on the region from x = 1. */
	private static OutputGeometry twoLayers() {
		ConvPlan first = ConvPlan.of(1, 16, 20, ones(1, 1, 3, 3), null, ConvSpec.builder().stride(2).padding(Padding.of(1))
			.mode(PaddingMode.CONSTANT).value(7).build());
		OutputGeometry g1 = OutputGeometry.after(Optional.empty(), "cells", 42, new int[] { 20, 16 }, first, new int[] { 0, 0 });
		ConvPlan second = ConvPlan.of(1, 8, 9, ones(1, 1, 3, 3), null, ConvSpec.builder().dilation(2).build());
		return OutputGeometry.after(Optional.of(g1), "cells-conv", 43, new int[] { 10, 8 }, second, new int[] { 1, 0 });
	}

	@Test
	void twoLayersComposeAsWorkedOutByHand() {
		OutputGeometry g = twoLayers();
		// layer 1: field 3, jump 2, start 0 + (0 + 1 - 1) = 0
		// layer 2: k_eff 5: field 3 + 4 * 2 = 11, jump 2, start x 0 + (1 + 2 - 0) * 2 = 6, y (0 + 2) * 2 = 4
		assertEquals("field 11, jump 2, start 6", g.x().toString());
		assertEquals("field 11, jump 2, start 4", g.y().toString());
		assertEquals(g.x().toString(), g.map(Axis.X).toString());
		assertEquals("cells", g.sourceTitle(), "the first image of the chain");
		assertEquals(42, g.sourceId());
		assertEquals(20, g.sourceWidth());
		assertEquals(16, g.sourceHeight());
		assertEquals(16, g.sourceSize(Axis.Y));
		assertEquals(2, g.layers());
		assertEquals(2, g.rank());
		assertEquals(Optional.of("constant 7"), g.sourcePadding(), "the first layer's padding");
		assertEquals(3, g.sampleField(Axis.X).intValue(), "one input sample of the last layer sees 3 source pixels");
		// the last layer's taps for output x = 2: layer-1 pixels 1 + 2 + {0, 2, 4} = 3, 5, 7, centred at 2 * that
		assertArrayEquals(new double[] { 6, 10, 14 }, g.samples(Axis.X, 2));
		assertArrayEquals(new double[] { 0, 4, 8 }, g.samples(Axis.Y, 0));
		assertEquals("field 5, jump 1, start 3", g.lastRun(Axis.X).toString());
		assertEquals("field 5, jump 1, start 2", g.lastRun(Axis.Y).toString());
	}

	@Test
	void propertiesReadBackTheSameGeometry() {
		OutputGeometry g = twoLayers();
		Map<String, String> p = g.toProperties();
		assertEquals("cells", p.get("ConvKit.source"));
		assertEquals("42", p.get("ConvKit.sourceId"));
		assertEquals("20", p.get("ConvKit.sourceWidth"));
		assertEquals("2", p.get("ConvKit.layers"));
		assertEquals("11", p.get("ConvKit.rf.x"));
		assertEquals("2", p.get("ConvKit.jump.y"));
		assertEquals("6.0", p.get("ConvKit.start.x"));
		assertEquals("3", p.get("ConvKit.rf.in.x"));
		assertEquals("3,3", p.get("ConvKit.kernel"));
		assertEquals("2,2", p.get("ConvKit.dilation"));
		assertEquals("1,1", p.get("ConvKit.stride"));
		assertEquals("0,0", p.get("ConvKit.padLo"));
		assertEquals("1,0", p.get("ConvKit.offset"));
		assertEquals("constant 7", p.get("ConvKit.sourcePadding"));
		assertEquals("true", p.get(OutputGeometry.HIDE_INFO));
		assertTrue(!p.containsKey("ConvKit.sourceDepth"));
		OutputGeometry back = OutputGeometry.fromProperties(p::get, "x").orElseThrow(AssertionError::new);
		assertEquals(p, back.toProperties());
		assertArrayEquals(g.samples(Axis.X, 3), back.samples(Axis.X, 3));
		assertEquals(Optional.empty(), OutputGeometry.fromProperties(k -> null, "plain"));
		assertEquals(Optional.empty(), OutputGeometry.fromProperties(k -> k.equals("ConvKit.layers") ? " " : null, "plain"));
	}

	@Test
	void damagedPropertiesAreRefusedWithTheKey() {
		Map<String, String> p = new HashMap<>(twoLayers().toProperties());
		assertEquals("w 20 3 2 1 1 1 10 0; w 9 3 1 2 0 0 5 1", p.get("ConvKit.chain.x"));
		p.put("ConvKit.chain.x", "w 20 3 2 1 1 1 10 0; w 9 3");
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OutputGeometry.fromProperties(p::get, "img"));
		assertEquals("'img' has damaged ConvKit properties: chain step 'w 9 3' is not understood", e.getMessage());
		p.put("ConvKit.chain.x", "w 20 3 2 1 1 1 10 0; w 9 3 1 2 0 0 6 1");
		e = assertThrows(IllegalArgumentException.class, () -> OutputGeometry.fromProperties(p::get, "img"));
		assertEquals("'img' has damaged ConvKit properties: chain step 'w 9 3 1 2 0 0 6 1' gives 5 pixels, not 6", e.getMessage());
		p.remove("ConvKit.chain.x");
		e = assertThrows(IllegalArgumentException.class, () -> OutputGeometry.fromProperties(p::get, "img"));
		assertEquals("'img' has damaged ConvKit properties: property ConvKit.chain.x is missing (written by an earlier ConvKit; convolve the"
			+ " image again to record it)", e.getMessage());
		p.put("ConvKit.chain.x", "w 20 3 2 1 1 1 10 0; w 9 3 1 2 0 0 5 1");
		p.remove("ConvKit.sourceHeight");
		e = assertThrows(IllegalArgumentException.class, () -> OutputGeometry.fromProperties(p::get, "img"));
		assertTrue(e.getMessage().endsWith("property ConvKit.sourceHeight is missing"), e.getMessage());
		p.put("ConvKit.sourceHeight", "16");
		p.put("ConvKit.lastRun", "3");
		e = assertThrows(IllegalArgumentException.class, () -> OutputGeometry.fromProperties(p::get, "img"));
		assertTrue(e.getMessage().endsWith("property ConvKit.lastRun is 3"), e.getMessage());
	}

	@Test
	void aVolumeRecordsItsDepthAndA2DLayerAfterItStartsAgain() {
		ConvPlan conv3d = ConvPlan.of(Shape.of(1, 6, 10, 12), ones(1, 1, 3, 3, 3), null, ConvSpec.builder(3).padding(Padding.of(1)).build());
		OutputGeometry v = OutputGeometry.after(Optional.empty(), "vol", 5, new int[] { 12, 10, 6 }, conv3d, new int[] { 0, 0, 0 });
		assertEquals(3, v.rank());
		assertEquals("6", v.toProperties().get("ConvKit.sourceDepth"));
		assertEquals("field 3, jump 1, start 0", v.map(Axis.Z).toString());
		OutputGeometry back = OutputGeometry.fromProperties(v.toProperties()::get, "vol").orElseThrow(AssertionError::new);
		assertEquals(6, back.sourceSize(Axis.Z));
		ConvPlan conv2d = ConvPlan.of(1, 10, 12, ones(1, 1, 3, 3), null, ConvSpec.builder().build());
		OutputGeometry flat = OutputGeometry.after(Optional.of(v), "vol-conv", 6, new int[] { 12, 10 }, conv2d, new int[] { 0, 0 });
		assertEquals(1, flat.layers(), "a 2-D layer after a 3-D one starts a new chain");
		assertEquals("vol-conv", flat.sourceTitle());
		assertEquals(6, flat.sourceId());
		assertEquals(Optional.of("zeros"), flat.sourcePadding());
	}
}
