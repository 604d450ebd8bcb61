package convkit.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.geometry.Layer;
import convkit.geometry.LayerKind;
import convkit.engine.Padding;

import java.util.List;

import org.junit.jupiter.api.Test;

class LayerStackTextTest {

	@Test
	void readsEveryForm() {
		List<Layer> l = LayerStackText.parse("conv k=3 s=1 p=1 d=1; conv k=5,3 s=2 p=same\nmaxpool k=2\navgpool k=3 s=1 p=1; relu");
		assertEquals(5, l.size());
		assertEquals(5, l.get(1).kernelX());
		assertEquals(3, l.get(1).kernelY());
		assertTrue(l.get(1).padding().isSame());
		assertEquals(LayerKind.MAXPOOL, l.get(2).kind());
		assertEquals(2, l.get(2).strideX(), "pooling stride defaults to its kernel");
		assertEquals(Padding.of(1), l.get(3).padding());
		assertEquals(LayerKind.RELU, l.get(4).kind());
		assertEquals(Padding.of(1, 2, 0, 3), LayerStackText.parse("conv k=3 p=1,2,0,3").get(0).padding());
	}

	@Test
	void threeAxisValuesAndSizes() {
		List<Layer> l = LayerStackText.parse("conv k=3,3,5 s=1,1,2 p=1,1,2; maxpool k=2");
		assertEquals(3, l.get(0).rank());
		assertEquals(5, l.get(0).kernel(convkit.engine.Axis.Z));
		assertEquals(2, l.get(0).stride(convkit.engine.Axis.Z));
		assertEquals(0, l.get(1).rank());
		assertArrayEquals(new int[] { 64, 64, 64 }, LayerStackText.inputSize("64", l), "N is every axis of a 3-D stack");
		assertArrayEquals(new int[] { 64, 48, 20 }, LayerStackText.inputSize("64,48,20", l));
		assertArrayEquals(new int[] { 32, 32 }, LayerStackText.inputSize("32", LayerStackText.parse("conv k=3")));
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LayerStackText.parse("conv k=3,3 s=1,1,2"));
		assertTrue(e.getMessage().contains("mixes 2-D values"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> LayerStackText.inputSize("1,2,3,4", l));
		assertTrue(e.getMessage().contains("expected N, W,H or W,H,D"), e.getMessage());
	}

	@Test
	void errorsNameTheLayerAndTheToken() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> LayerStackText.parse("conv k=3; conv k=3; conv k=0"));
		assertEquals("layer 3: 'k=0' \u2014 kernel size must be at least 1", e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> LayerStackText.parse("conv k=3 q=2"));
		assertTrue(e.getMessage().startsWith("layer 1: 'q=2'"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> LayerStackText.parse("conv k=3; pool k=2"));
		assertTrue(e.getMessage().startsWith("layer 2: 'pool'"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> LayerStackText.parse("conv s=2"));
		assertTrue(e.getMessage().contains("needs a kernel size"), e.getMessage());
		assertThrows(IllegalArgumentException.class, () -> LayerStackText.parse(" ; "));
	}
}
