package convkit.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KernelPresetTest {

	private static double sum(float[] v) {
		double s = 0;
		for (float f : v) s += f;
		return s;
	}

	@Test
	void presetsHaveTheirTextbookValues() {
		assertArrayEquals(new float[] { 0, 0, 0, 0, 1, 0, 0, 0, 0 }, KernelPreset.parse("identity(3)").toArray());
		assertArrayEquals(new float[] { -1, 0, 1, -2, 0, 2, -1, 0, 1 }, KernelPreset.parse("sobel_x").toArray());
		assertArrayEquals(new float[] { -1, -2, -1, 0, 0, 0, 1, 2, 1 }, KernelPreset.parse("SOBEL_Y").toArray());
		assertArrayEquals(new float[] { 0, 1, 0, 1, -4, 1, 0, 1, 0 }, KernelPreset.parse("laplacian").toArray());
		assertEquals(1.0, sum(KernelPreset.parse("box(4)").toArray()), 1e-6);
		NdArray g = KernelPreset.parse("gaussian(2)");
		assertArrayEquals(new int[] { 13, 13 }, g.shape());
		assertEquals(1.0, sum(g.toArray()), 1e-5);
		assertArrayEquals(KernelPreset.parse("random(5, 7)").toArray(), KernelPreset.parse("random(5,7)").toArray());
		assertNotEquals(KernelPreset.parse("random(5, 7)").toArray()[0], KernelPreset.parse("random(5, 8)").toArray()[0]);
	}

	@Test
	void volumePresetsAreShapedDepthHeightWidth() {
		NdArray box = KernelPreset.parse("box3d(3)");
		assertArrayEquals(new int[] { 3, 3, 3 }, box.shape());
		assertEquals(1.0 / 27, box.toArray()[13], 1e-7);
		assertArrayEquals(new int[] { 3, 5, 7 }, KernelPreset.parse("box3d(7, 5, 3)").shape(), "x, y, z sizes give [kD, kH, kW]");
		NdArray g = KernelPreset.parse("gaussian3d(2, 2, 0.7)");
		assertArrayEquals(new int[] { 7, 13, 13 }, g.shape()); // 2·ceil(3σ)+1 per axis
		assertEquals(1.0, sum(g.toArray()), 1e-5);
		float[] v = g.toArray();
		// separable: w[z][y][x] = gz[z]·gy[y]·gx[x]; the centre row along x equals the 1-D gaussian of σ = 2 times the rest
		double gx0 = Math.exp(-36 / 8.0);
		assertEquals(gx0, v[(3 * 13 + 6) * 13] / v[(3 * 13 + 6) * 13 + 6], 1e-6);
		assertTrue(KernelPreset.GAUSSIAN3D.isVolume() && !KernelPreset.GAUSSIAN.isVolume());
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KernelPreset.parse("gaussian3d(1, 2)"));
		assertTrue(e.getMessage().contains("one sigma or three"), e.getMessage());
	}

	@Test
	void badArgumentsAreNamed() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KernelPreset.parse("gaussian(-1)"));
		assertTrue(e.getMessage().contains("sigma -1.0"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> KernelPreset.parse("box(2.5)"));
		assertTrue(e.getMessage().contains("size 2.5"), e.getMessage());
		assertThrows(IllegalArgumentException.class, () -> KernelPreset.parse("sobel_x(3)"));
		assertThrows(IllegalArgumentException.class, () -> KernelPreset.parse("identity(4)"));
	}
}
