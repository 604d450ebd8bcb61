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
	void theTextThatRunsPastesAsItIs(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
		java.nio.file.Path w = dir.resolve("w.npy");
		try (java.io.OutputStream os = java.nio.file.Files.newOutputStream(w)) {
			Npy.write(os, new int[] { 4, 3, 5, 3 }, new float[4 * 3 * 5 * 3]);
		}
		List<Layer> l = LayerStackText.parse("conv w=" + w + " b=b.npy p=1 g=1 mode=reflect; bn mean=m.npy var=v.npy eps=0.001; leakyrelu slope=0.2;"
			+ " convt k=3,5 s=2 p=1 op=1 w=[" + w + "]; maxpool k=3 s=2 ceil=1; avgpool k=2 cip=0 ceil=0");
		assertEquals(3, l.get(0).kernelX(), "the kernel size comes from the weights [.., kH, kW]");
		assertEquals(5, l.get(0).kernelY());
		assertEquals(LayerKind.BN, l.get(1).kind());
		assertEquals(LayerKind.LEAKYRELU, l.get(2).kind());
		assertEquals(LayerKind.CONVT, l.get(3).kind());
		assertEquals(3, l.get(3).kernelX(), "w= gives it, k= repeats it");
		assertEquals(1, l.get(3).outputPadding(convkit.engine.Axis.X));
		assertTrue(l.get(4).ceil());
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LayerStackText.parse("conv w=" + w + " k=3"));
		assertTrue(e.getMessage().contains("k=3 disagrees with the weights' kernel 3,5 (x,y); drop k="), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> LayerStackText.parse("relu; maxpool k=2 op=1"));
		assertTrue(e.getMessage().startsWith("layer 2: 'op=1' \u2014 unknown setting 'op'; allowed are k, s, p, d, ceil"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> LayerStackText.parse("bn k=3"));
		assertTrue(e.getMessage().contains("unknown setting 'k'; allowed are mean, var, w, b, eps"), e.getMessage());
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
