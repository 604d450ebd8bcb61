package convkit.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Tensors, their shapes and builders: C order, copies in and out, every index checked. */
class TensorTest {

	/** [2, 3, 2, 4]: value = 1000·c + 100·z + 10·y + x. */
	private static Tensor numbered() {
		Tensor.Builder b = Tensor.builder(Shape.of(2, 3, 2, 4));
		for (int c = 0; c < 2; c++) {
			for (int z = 0; z < 3; z++) {
				for (int y = 0; y < 2; y++) {
					for (int x = 0; x < 4; x++) b.set(c, z, y, x, 1000 * c + 100 * z + 10 * y + x);
				}
			}
		}
		return b.build();
	}

	@Test
	void valuesAreInCOrderAndReadBackByIndex() {
		Tensor t = numbered();
		assertEquals(2, t.channels());
		assertEquals(3, t.depth());
		assertEquals(2, t.height());
		assertEquals(4, t.width());
		assertEquals(1213f, t.get(1, 2, 1, 3));
		assertEquals(1000f, t.get(1, 0, 0, 0));
		assertEquals(12f, t.get(0, 0, 1, 2)); // the 2-D accessor reads slice 0
		float[] all = t.toArray();
		assertEquals(48, all.length);
		assertEquals(1213f, all[47]);
		assertEquals(110f, all[1 * 8 + 1 * 4 + 0]); // c 0, z 1, y 1, x 0
		assertArrayEquals(new float[] { 1200, 1201, 1202, 1203, 1210, 1211, 1212, 1213 }, t.plane(1, 2));
		assertArrayEquals(new float[] { 0, 1, 2, 3, 10, 11, 12, 13 }, t.plane(0));
		assertEquals("[2, 3, 2, 4]", t.shapeString());
		assertEquals("Tensor[2, 3, 2, 4]", t.toString());
	}

	@Test
	void everyIndexOutsideTheShapeIsRefused() {
		Tensor t = numbered();
		int[][] outside = { { -1, 0, 0, 0 }, { 2, 0, 0, 0 }, { 0, -1, 0, 0 }, { 0, 3, 0, 0 }, { 0, 0, -1, 0 }, { 0, 0, 2, 0 },
			{ 0, 0, 0, -1 }, { 0, 0, 0, 4 } };
		for (int[] i : outside) {
			IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> t.get(i[0], i[1], i[2], i[3]));
			assertTrue(e.getMessage().contains("[2, 3, 2, 4]"), e.getMessage());
			e = assertThrows(IndexOutOfBoundsException.class, () -> Tensor.builder(t.shape()).set(i[0], i[1], i[2], i[3], 1f));
			assertTrue(e.getMessage().contains("is outside [2, 3, 2, 4]"), e.getMessage()); // checked, not an array's own bound
		}
		assertThrows(IndexOutOfBoundsException.class, () -> t.plane(2, 0));
		assertThrows(IndexOutOfBoundsException.class, () -> t.plane(-1, 0));
		assertThrows(IndexOutOfBoundsException.class, () -> t.plane(0, 3));
		assertThrows(IndexOutOfBoundsException.class, () -> t.plane(0, -1));
		assertThrows(IndexOutOfBoundsException.class, () -> Tensor.builder(t.shape()).setPlane(0, 3, new float[8]));
		assertThrows(IndexOutOfBoundsException.class, () -> Tensor.builder(t.shape()).setPlane(2, new float[8]));
	}

	@Test
	void tensorsCopyWhatTheyAreGivenAndWhatTheyHandOut() {
		float[] data = { 1, 2, 3, 4 };
		Tensor t = Tensor.of(1, 2, 2, data);
		data[0] = 99;
		assertEquals(1f, t.get(0, 0, 0));
		t.toArray()[1] = 99;
		t.plane(0)[2] = 99;
		assertArrayEquals(new float[] { 1, 2, 3, 4 }, t.toArray());
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.of(1, 2, 2, new float[5]));
		assertTrue(e.getMessage().contains("5 values") && e.getMessage().contains("needs 4"), e.getMessage());
	}

	@Test
	void planesAreCopiedFromFloatUnsignedShortAndUnsignedByteRegions() {
		// a 5-wide image, 4 rows; the region 3x2 at (1, 2)
		float[] f = new float[20];
		short[] s = new short[20];
		byte[] b = new byte[20];
		for (int i = 0; i < 20; i++) {
			f[i] = i + 0.5f;
			s[i] = (short) (65535 - i); // read as 65535 - i, never negative
			b[i] = (byte) (255 - i);
		}
		Tensor t = Tensor.builder(Shape.of(3, 2, 2, 3))
			.setPlane(0, 1, f, 5, 1, 2)
			.setPlane(1, 0, s, 5, 1, 2)
			.setPlane(2, 1, b, 5, 1, 2)
			.build();
		assertArrayEquals(new float[] { 11.5f, 12.5f, 13.5f, 16.5f, 17.5f, 18.5f }, t.plane(0, 1));
		assertArrayEquals(new float[6], t.plane(0, 0)); // untouched slices stay zero
		assertArrayEquals(new float[] { 65524, 65523, 65522, 65519, 65518, 65517 }, t.plane(1, 0));
		assertArrayEquals(new float[] { 244, 243, 242, 239, 238, 237 }, t.plane(2, 1));
		for (int[] untouched : new int[][] { { 1, 1 }, { 2, 0 } }) assertArrayEquals(new float[6], t.plane(untouched[0], untouched[1]));

		Tensor flat = Tensor.builder(1, 2, 3).setPlane(0, new float[] { 1, 2, 3, 4, 5, 6 }).build();
		assertArrayEquals(new float[] { 1, 2, 3, 4, 5, 6 }, flat.plane(0));
		Tensor fromImage = Tensor.builder(1, 2, 3).setPlane(0, f, 5, 2, 2).build(); // the region touching the last value
		assertArrayEquals(new float[] { 12.5f, 13.5f, 14.5f, 17.5f, 18.5f, 19.5f }, fromImage.plane(0));
	}

	@Test
	void regionsOutsideTheImageAndOtherPixelTypesAreRefused() {
		Tensor.Builder b = Tensor.builder(1, 2, 3);
		float[] image = new float[20]; // 5 x 4
		int[][] outside = { { -1, 0 }, { 0, -1 }, { 3, 0 }, { 0, 3 } }; // x0 + 3 > 5, or the last row beyond the data
		for (int[] at : outside) {
			IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.setPlane(0, image, 5, at[0], at[1]));
			assertTrue(e.getMessage().contains("outside an image of 20 values"), e.getMessage());
		}
		b.setPlane(0, image, 5, 2, 2); // the corner region fits exactly
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.setPlane(0, new int[20], 5, 0, 0));
		assertTrue(e.getMessage().contains("int[]"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> b.setPlane(0, new float[5]));
		assertTrue(e.getMessage().contains("plane has 5 values") && e.getMessage().contains("needs 6"), e.getMessage());
	}

	@Test
	void aBuilderBuildsOnce() {
		Tensor.Builder b = Tensor.builder(1, 1, 2).set(0, 0, 1, 7f);
		Tensor t = b.build();
		assertArrayEquals(new float[] { 0, 7 }, t.toArray());
		assertThrows(IllegalStateException.class, b::build);
		assertThrows(IllegalStateException.class, () -> b.set(0, 0, 0, 1f));
		assertThrows(IllegalStateException.class, () -> b.setPlane(0, new float[2]));
		assertThrows(IllegalStateException.class, () -> b.setPlane(0, new float[2], 2, 0, 0));
		assertArrayEquals(new float[] { 0, 7 }, t.toArray());
	}

	@Test
	void shapesCheckTheirSizesAndCompareByValue() {
		Shape s = Shape.of(2, 3, 4, 5);
		assertEquals(3, s.rank());
		assertEquals(60, s.voxels());
		assertEquals(120, s.values());
		assertEquals(5, s.size(Axis.X));
		assertEquals(4, s.size(Axis.Y));
		assertEquals(3, s.size(Axis.Z));
		assertEquals(1, Shape.of(2, 4, 5).size(Axis.Z));
		assertEquals(Shape.of(7, 3, 4, 5), s.withChannels(7));
		assertEquals(Shape.of(7, 4, 5), Shape.of(2, 4, 5).withChannels(7));
		assertEquals(Shape.of(2, 4, 5), Shape.of(2, 2, 1, 4, 5));
		assertEquals(s, Shape.of(3, 2, 3, 4, 5));
		assertThrows(IllegalArgumentException.class, () -> Shape.of(2, 2, 3, 4, 5));
		assertThrows(IllegalArgumentException.class, () -> Shape.of(4, 2, 3, 4, 5));

		Set<Shape> distinct = new HashSet<>();
		Set<Integer> hashes = new HashSet<>();
		int[] sizes = { 1, 2, 3 };
		for (int c : sizes) {
			for (int d : sizes) {
				for (int h : sizes) {
					for (int w : sizes) {
						distinct.add(Shape.of(c, d, h, w));
						hashes.add(Shape.of(c, d, h, w).hashCode());
						assertEquals(Shape.of(c, d, h, w).hashCode(), Shape.of(c, d, h, w).hashCode());
					}
				}
				distinct.add(Shape.of(c, d, 1));
				hashes.add(Shape.of(c, d, 1).hashCode());
			}
		}
		assertEquals(81 + 9, distinct.size()); // a 2-D shape never equals a 3-D one of depth 1
		assertEquals(distinct.size(), hashes.size(), "shapes spread over distinct hash codes");
		assertNotEquals(Shape.of(1, 2, 3), "[1, 2, 3]");
		Shape base = Shape.of(2, 3, 4, 5);
		for (Shape other : new Shape[] { Shape.of(9, 3, 4, 5), Shape.of(2, 9, 4, 5), Shape.of(2, 3, 9, 5), Shape.of(2, 3, 4, 9),
			Shape.of(2, 4, 5) }) {
			assertNotEquals(base, other);
		}
	}

	@Test
	void shapesTooLargeOrEmptyAreRefusedWithTheirSizes() {
		for (int[] dims : new int[][] { { 0, 1, 1, 1 }, { 1, 0, 1, 1 }, { 1, 1, 0, 1 }, { 1, 1, 1, 0 }, { -2, 1, 1, 1 } }) {
			IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Shape.of(dims[0], dims[1], dims[2], dims[3]));
			assertTrue(e.getMessage().contains("at least 1"), e.getMessage());
		}
		assertThrows(IllegalArgumentException.class, () -> Shape.of(0, 4, 4));
		// 2^32 values overflow an int product: the check multiplies in long
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Shape.of(2, 32768, 32768, 2));
		assertTrue(e.getMessage().contains("4294967296 values"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> Shape.of(65536, 65536, 1));
		assertTrue(e.getMessage().contains("[65536, 65536, 1]"), e.getMessage());
		assertEquals(Shape.MAX_VALUES, Shape.of(1, 1, 1, (int) Shape.MAX_VALUES).values()); // the largest allowed
		assertThrows(IllegalArgumentException.class, () -> Shape.of(1, 1, 1, (int) Shape.MAX_VALUES + 1));
		assertThrows(IllegalArgumentException.class, () -> Shape.of(2, 3, 2, 4, 5));
	}

	@Test
	void kernelsKeepTheirShapeAndRefuseWhatCannotBeAKernel() {
		Kernel k = Kernel.of(new float[24], 2, 3, 1, 4);
		assertEquals(4, k.rank());
		assertEquals(3, k.dim(1));
		assertEquals(1, k.height());
		assertEquals(4, k.width());
		assertEquals("[2, 3, 1, 4]", k.shapeString());
		assertEquals("Kernel[2, 3, 1, 4]", k.toString());
		k.shape()[0] = 9;
		assertEquals(2, k.dim(0));

		Kernel rows = Kernel.of2d(new float[][] { { 1, 2, 3 }, { 4, 5, 6 } });
		assertArrayEquals(new int[] { 2, 3 }, rows.shape());
		assertArrayEquals(new float[] { 1, 2, 3, 4, 5, 6 }, rows.toArray());
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> Kernel.of2d(new float[][] { { 1, 2 }, { 3, 4 }, { 5 } }));
		assertTrue(e.getMessage().contains("row 3 has 1 values, row 1 has 2"), e.getMessage());
		assertThrows(IllegalArgumentException.class, () -> Kernel.of2d(new float[0][]));

		e = assertThrows(IllegalArgumentException.class, () -> Kernel.of(new float[3], 3));
		assertTrue(e.getMessage().contains("1 dimensions"), e.getMessage());
		assertThrows(IllegalArgumentException.class, () -> Kernel.of(new float[64], 2, 2, 2, 2, 2, 2));
		Kernel.of(new float[32], 2, 2, 2, 2, 2); // five dimensions are allowed
		e = assertThrows(IllegalArgumentException.class, () -> Kernel.of(new float[0], 0, 3));
		assertTrue(e.getMessage().contains("at least 1"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> Kernel.of(new float[5], 2, 3));
		assertTrue(e.getMessage().contains("needs 6 values, got 5"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> Kernel.of(new float[] { 1, Float.NaN }, 1, 2));
		assertTrue(e.getMessage().contains("NaN at index 1"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> Kernel.of(new float[1], 65536, 65536, 1));
		assertTrue(e.getMessage().contains("too large"), e.getMessage());
		float[] data = { 1, 2 };
		Kernel copied = Kernel.of(data, 1, 2);
		data[0] = 5;
		assertArrayEquals(new float[] { 1, 2 }, copied.toArray());
	}
}
