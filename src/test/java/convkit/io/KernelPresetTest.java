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
	void badArgumentsAreNamed() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KernelPreset.parse("gaussian(-1)"));
		assertTrue(e.getMessage().contains("sigma -1.0"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> KernelPreset.parse("box(2.5)"));
		assertTrue(e.getMessage().contains("size 2.5"), e.getMessage());
		assertThrows(IllegalArgumentException.class, () -> KernelPreset.parse("sobel_x(3)"));
		assertThrows(IllegalArgumentException.class, () -> KernelPreset.parse("identity(4)"));
	}
}
