package convkit.geometry;

import convkit.engine.Axis;
import convkit.engine.Padding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Receptive fields of stacks worked out by hand. */
class ReceptiveFieldTest {

	private static Layer conv(int k, int s, Padding p, int d) {
		return Layer.of(LayerKind.CONV, k, k, s, s, d, d, p);
	}

	@Test
	void twoThreeByThreeLayersSeeThreeThenFive() {
		List<ReceptiveField.Row> t = ReceptiveField.trace(Arrays.asList(conv(3, 1, Padding.valid(), 1),
			conv(3, 1, Padding.valid(), 1)), 10, 10);
		assertEquals(3, t.get(0).x().field().intValue());
		assertEquals(5, t.get(1).x().field().intValue());
		assertEquals(6, t.get(1).y().geometry().outputSize());
		assertEquals(2.0, t.get(1).x().start().doubleValue());
		assertFalse(t.get(1).x().reachesPadding());
	}

	@Test
	void evenKernelWithAsymmetricPaddingHasAHalfPixelStart() {
		// k=2, p_lo=0, p_hi=1: start = (2-1)/2 - 0 = 0.5; then k=4 s=2 p=1,2: start = 0.5 + (1.5 - 1)·1 = 1.0,
		// r = 2 + 3 = 5, j = 2; a third layer k=3 s=1 p=1: r = 5 + 2·2 = 9, start = 1.0 + (1 - 1)·2 = 1.0.
		List<Layer> layers = Arrays.asList(Layer.of(LayerKind.CONV, 2, 2, 1, 1, 1, 1, Padding.of(0, 1, 0, 1)),
			Layer.of(LayerKind.CONV, 4, 4, 2, 2, 1, 1, Padding.of(1, 2, 1, 2)), conv(3, 1, Padding.of(1), 1));
		List<ReceptiveField.Row> t = ReceptiveField.trace(layers, 9, 9);
		assertEquals(0.5, t.get(0).x().start().doubleValue());
		assertEquals(9, t.get(0).x().geometry().outputSize());
		assertEquals(5, t.get(1).x().field().intValue());
		assertEquals(2, t.get(1).x().jump().intValue());
		assertEquals(1.0, t.get(1).x().start().doubleValue());
		assertEquals(5, t.get(1).x().geometry().outputSize()); // floor((9+3-3-1)/2)+1 = 5
		assertEquals(9, t.get(2).x().field().intValue());
		assertEquals(1.0, t.get(2).x().start().doubleValue());
		assertTrue(t.get(2).x().reachesPadding());
	}

	@Test
	void sameAtStrideTwoUsesTensorFlowsRuleAndPoolingDefaults() {
		// n=7, k=3, s=2, same: out = 4, total = (4-1)·2 + 3 - 7 = 2, lo = 1; start = 1 - 1 = 0.
		List<Layer> layers = Arrays.asList(conv(3, 2, Padding.same(), 1), Layer.of(LayerKind.MAXPOOL, 2, 2, 2, 2, 1, 1,
			Padding.valid()), Layer.relu(), Layer.of(LayerKind.AVGPOOL, 3, 3, 1, 1, 1, 1, Padding.of(1)));
		List<ReceptiveField.Row> t = ReceptiveField.trace(layers, 7, 8);
		assertEquals(4, t.get(0).x().geometry().outputSize());
		assertEquals(1, t.get(0).x().geometry().padLo());
		assertEquals(0.0, t.get(0).x().start().doubleValue());
		// maxpool k=2 s=2 on 4: out 2, r = 3 + 1·2 = 5, start = 0 + 0.5·2 = 1, j = 4
		assertEquals(2, t.get(1).x().geometry().outputSize());
		assertEquals(5, t.get(1).x().field().intValue());
		assertEquals(1.0, t.get(1).x().start().doubleValue());
		assertEquals(4, t.get(1).x().jump().intValue());
		// relu changes nothing; avgpool k=3 p=1: r = 5 + 2·4 = 13, start = 1 + (1-1)·4 = 1
		assertEquals(5, t.get(2).x().field().intValue());
		assertEquals(13, t.get(3).x().field().intValue());
		assertEquals(2, t.get(3).x().geometry().outputSize());
		// y: n=8, s=2 same: out 4, total = 3·2+3-8 = 1, lo 0: start = 1
		assertEquals(1.0, t.get(0).y().start().doubleValue());
	}

	@Test
	void dilationWidensTheField() {
		List<ReceptiveField.Row> t = ReceptiveField.trace(Arrays.asList(conv(3, 1, Padding.of(2), 2)), 20, 20);
		assertEquals(5, t.get(0).x().field().intValue());
		assertEquals(5, t.get(0).x().geometry().effectiveKernel());
	}

	@Test
	void aLayerThatEmptiesTheImageIsNamed() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReceptiveField.trace(Arrays.asList(
			conv(3, 1, Padding.valid(), 1), conv(5, 1, Padding.valid(), 1)), 6, 6));
		assertTrue(e.getMessage().startsWith("layer 2"), e.getMessage());
		assertTrue(e.getMessage().contains("output size along x would be 0"), e.getMessage());
	}

	@Test
	void threeAxesTraceEachOnItsOwn() {
		// conv k=3,3,5 (x,y,z) s=1,1,2 p=same on 32 x 32 x 20, then maxpool k=2: z field 5 + 1·2 = 7, jump 4
		List<Layer> layers = Arrays.asList(Layer.of(LayerKind.CONV, new int[] { 3, 3, 5 }, new int[] { 1, 1, 2 }, new int[] { 1 },
			Padding.same()), Layer.of(LayerKind.MAXPOOL, new int[] { 2 }, new int[] { 2 }, new int[] { 1 }, Padding.valid()));
		List<ReceptiveField.Row> t = ReceptiveField.trace(layers, new int[] { 32, 32, 20 });
		assertEquals(3, t.get(0).axes().size());
		AxisTrace z = t.get(0).axis(Axis.Z);
		assertEquals(10, z.geometry().outputSize()); // ceil(20/2); total = 9·2 + 5 − 20 = 3, lo 1
		assertEquals(1, z.geometry().padLo());
		assertEquals(1.0, z.start().doubleValue()); // (5 − 1)/2 − 1
		assertEquals(7, t.get(1).axis(Axis.Z).field().intValue());
		assertEquals(4, t.get(1).axis(Axis.Z).jump().intValue());
		assertEquals(4, t.get(1).x().field().intValue());
		assertEquals(3, ReceptiveField.rankOf(layers, 1));
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReceptiveField.trace(layers, 32, 32));
		assertTrue(e.getMessage().contains("written for 3-D, but the stack is traced in 2-D"), e.getMessage());
		ReceptiveField.Row flat = ReceptiveField.trace(Arrays.asList(conv(3, 1, Padding.valid(), 1)), 9, 9).get(0);
		e = assertThrows(IllegalArgumentException.class, () -> flat.axis(Axis.Z));
		assertTrue(e.getMessage().contains("no z axis"), e.getMessage());
	}

	@Test
	void fieldsThatOverflowAreRefusedNotWrapped() {
		List<Layer> many = new java.util.ArrayList<>();
		for (int i = 0; i < 40; i++) many.add(Layer.of(LayerKind.CONV, new int[] { 3 }, new int[] { 2 }, new int[] { 1 }, Padding.same()));
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReceptiveField.trace(many, 224, 224));
		assertTrue(e.getMessage().contains("more than 2147483647"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> ReceptiveField.trace(Arrays.asList(Layer.of(LayerKind.CONV,
			new int[] { 3 }, new int[] { 1 }, new int[] { 1 }, Padding.of(Integer.MAX_VALUE))), 224, 224));
		assertTrue(e.getMessage().contains("padded size along x would be"), e.getMessage());
	}

	@Test
	void poolingPaddingAboveHalfTheKernelIsRefused() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReceptiveField.trace(Arrays.asList(
			Layer.of(LayerKind.MAXPOOL, 2, 2, 2, 2, 1, 1, Padding.of(2))), 8, 8));
		assertTrue(e.getMessage().contains("at most half the kernel"), e.getMessage());
	}
}
