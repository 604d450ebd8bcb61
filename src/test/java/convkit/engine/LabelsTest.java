package convkit.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The names users type for modes, methods and axes: listed in menu order, read back whatever the case, refused with the list. */
class LabelsTest {

	@Test
	void everyNameIsListedAndReadBack() {
		assertArrayEquals(new String[] { "zeros", "reflect", "symmetric", "replicate", "circular", "constant" }, PaddingMode.getAllLabels());
		assertArrayEquals(new String[] { "auto", "direct", "separable", "fft", "winograd" }, Method.getAllLabels());
		for (PaddingMode m : PaddingMode.values()) assertEquals(m, PaddingMode.fromLabel(" " + m.label().toUpperCase() + " "));
		for (Method m : Method.values()) assertEquals(m, Method.fromLabel(m.label()));
		for (Axis a : Axis.values()) assertEquals(a, Axis.fromLabel(a.label().toUpperCase()));
		assertEquals("right", Axis.X.highSide());
		assertEquals("back", Axis.Z.highSide());
		assertEquals("top", Axis.Y.lowSide());
		assertEquals("depth", Axis.Z.sizeName());
		assertArrayEquals(new Axis[] { Axis.X, Axis.Y }, Axis.of(2));
		assertArrayEquals(new Axis[] { Axis.X, Axis.Y, Axis.Z }, Axis.of(3));
	}

	@Test
	void unknownNamesAreRefusedWithTheAllowedOnes() {
		assertEquals("padding_mode 'mirror' is not known; did you mean reflect (mirror in scipy.ndimage)? allowed are zeros, reflect,"
			+ " symmetric, replicate, circular, constant",
			assertThrows(IllegalArgumentException.class, () -> PaddingMode.fromLabel("mirror")).getMessage());
		assertEquals("method 'gemm' is not known; allowed are auto, direct, separable, fft, winograd",
			assertThrows(IllegalArgumentException.class, () -> Method.fromLabel("gemm")).getMessage());
		assertEquals("axis 'w' is not known; allowed are x, y, z",
			assertThrows(IllegalArgumentException.class, () -> Axis.fromLabel("w")).getMessage());
		assertEquals("axis 'null' is not known; allowed are x, y, z",
			assertThrows(IllegalArgumentException.class, () -> Axis.fromLabel(null)).getMessage());
		assertEquals("padding_mode 'reflct' is not known; did you mean reflect? allowed are zeros, reflect, symmetric, replicate,"
			+ " circular, constant", assertThrows(IllegalArgumentException.class, () -> PaddingMode.fromLabel("reflct")).getMessage());
		assertEquals("padding_mode 'wrap' is not known; did you mean circular (wrap in scipy.ndimage and numpy.pad)? allowed are"
			+ " zeros, reflect, symmetric, replicate, circular, constant",
			assertThrows(IllegalArgumentException.class, () -> PaddingMode.fromLabel("wrap")).getMessage());
		assertTrue(assertThrows(IllegalArgumentException.class, () -> PaddingMode.fromLabel("BORDER_REFLECT")).getMessage()
			.contains("did you mean symmetric (BORDER_REFLECT in OpenCV)?"));
	}
}
