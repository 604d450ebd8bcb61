package convkit.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** .npy files written byte by byte, as numpy lays them out. */
class NpyTest {

	/** A .npy file with the given header fields and raw data bytes. */
	static byte[] npy(int major, String descr, boolean fortran, String shape, byte[] data) throws IOException {
		String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': " + shape + ", }";
		int pre = major == 1 ? 10 : 12;
		StringBuilder h = new StringBuilder(dict);
		while ((pre + h.length() + 1) % 64 != 0) h.append(' ');
		h.append('\n');
		byte[] hb = h.toString().getBytes(StandardCharsets.ISO_8859_1);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(new byte[] { (byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0 });
		ByteBuffer len = ByteBuffer.allocate(major == 1 ? 2 : 4).order(ByteOrder.LITTLE_ENDIAN);
		if (major == 1) len.putShort((short) hb.length);
		else len.putInt(hb.length);
		out.write(len.array());
		out.write(hb);
		out.write(data);
		return out.toByteArray();
	}

	private static NdArray read(byte[] bytes) throws IOException {
		return Npy.read(new ByteArrayInputStream(bytes), "test.npy");
	}

	private static byte[] bytes(ByteOrder order, int size, double... values) {
		ByteBuffer b = ByteBuffer.allocate(values.length * size).order(order);
		for (double v : values) {
			switch (size) {
				case 1: b.put((byte) v); break;
				case 2: b.putShort((short) v); break;
				case 4: b.putInt((int) v); break;
				default: b.putLong((long) v);
			}
		}
		return b.array();
	}

	@Test
	void readsFloatsOfBothByteOrdersAndVersions() throws IOException {
		ByteBuffer le = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
		ByteBuffer be = ByteBuffer.allocate(48).order(ByteOrder.BIG_ENDIAN);
		for (int i = 0; i < 6; i++) {
			le.putFloat(i * 1.5f);
			be.putDouble(i * 1.5);
		}
		NdArray a = read(npy(1, "<f4", false, "(2, 3)", le.array()));
		assertArrayEquals(new int[] { 2, 3 }, a.shape());
		assertArrayEquals(new float[] { 0, 1.5f, 3, 4.5f, 6, 7.5f }, a.toArray());
		NdArray b = read(npy(2, ">f8", false, "(1, 2, 3)", be.array()));
		assertArrayEquals(new int[] { 1, 2, 3 }, b.shape());
		assertArrayEquals(a.toArray(), b.toArray());
	}

	@Test
	void readsIntegersSignedAndUnsigned() throws IOException {
		assertArrayEquals(new float[] { -1, 127 }, read(npy(1, "|i1", false, "(2,)", bytes(ByteOrder.LITTLE_ENDIAN, 1, -1, 127))).toArray());
		assertArrayEquals(new float[] { 255, 1 }, read(npy(1, "|u1", false, "(2,)", bytes(ByteOrder.LITTLE_ENDIAN, 1, -1, 1))).toArray());
		assertArrayEquals(new float[] { -300, 32767 }, read(npy(1, "<i2", false, "(2,)",
			bytes(ByteOrder.LITTLE_ENDIAN, 2, -300, 32767))).toArray());
		assertArrayEquals(new float[] { 65535, 2 }, read(npy(1, ">u2", false, "(2,)", bytes(ByteOrder.BIG_ENDIAN, 2, -1, 2))).toArray());
		assertArrayEquals(new float[] { -70000, 5 }, read(npy(1, "<i4", false, "(2,)", bytes(ByteOrder.LITTLE_ENDIAN, 4, -70000, 5))).toArray());
		assertArrayEquals(new float[] { -5, 1L << 40 }, read(npy(1, ">i8", false, "(2,)", bytes(ByteOrder.BIG_ENDIAN, 8, -5, 1L << 40))).toArray());
	}

	/** A test resource of {@code src/test/resources/npy}, written by numpy's own np.save. */
	private static NdArray resource(String name) throws IOException {
		try (java.io.InputStream in = NpyTest.class.getResourceAsStream("/npy/" + name)) {
			return Npy.read(in, name);
		}
	}

	@Test
	void aTransposedArraySavedByNumpyInFortranOrderReadsAsItsCOrderCopy() throws IOException {
		NdArray f = resource("fortran_input.npy");
		NdArray c = resource("fortran_input_c.npy");
		assertArrayEquals(new int[] { 2, 7, 9 }, f.shape());
		assertArrayEquals(c.toArray(), f.toArray());
		NdArray fk = resource("fortran_kernel_u2.npy");
		assertArrayEquals(resource("fortran_kernel_u2_c.npy").toArray(), fk.toArray());
		assertEquals("uint16", fk.dtype());
		assertEquals("float32", f.dtype());
	}

	@Test
	void fortranOrderByHandInTwoAndThreeDimensions() throws IOException {
		// [[1, 2, 3], [4, 5, 6]] in Fortran order is 1 4 2 5 3 6
		NdArray a = read(npy(1, "<f4", true, "(2, 3)", floats(1, 4, 2, 5, 3, 6)));
		assertArrayEquals(new float[] { 1, 2, 3, 4, 5, 6 }, a.toArray());
		// shape (2, 2, 2): element [i, j, k] = 100 i + 10 j + k, stored with i fastest
		float[] f = new float[8];
		for (int i = 0; i < 2; i++) for (int j = 0; j < 2; j++) for (int k = 0; k < 2; k++) f[i + 2 * (j + 2 * k)] = 100 * i + 10 * j + k;
		NdArray b = read(npy(1, "<f4", true, "(2, 2, 2)", floats(f)));
		assertArrayEquals(new float[] { 0, 1, 10, 11, 100, 101, 110, 111 }, b.toArray());
		assertArrayEquals(new float[] { 5, 6 }, read(npy(1, "<f4", true, "(2,)", floats(5, 6))).toArray(), "1-D: both orders agree");
	}

	private static byte[] floats(float... v) {
		ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
		for (float x : v) b.putFloat(x);
		return b.array();
	}

	@Test
	void writesUint8AndUint16ThatReadBack() throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int[] v = { 0, 1, 255, 65535, 300 };
		Npy.writeUnsigned(out, new int[] { 5 }, 16, (from, dst, n) -> System.arraycopy(v, from, dst, 0, n));
		NdArray back = read(out.toByteArray());
		assertEquals("uint16", back.dtype());
		assertArrayEquals(new float[] { 0, 1, 255, 65535, 300 }, back.toArray());
		out.reset();
		Npy.writeUnsigned(out, new int[] { 1, 3 }, 8, (from, dst, n) -> System.arraycopy(new int[] { 0, 128, 255 }, from, dst, 0, n));
		back = read(out.toByteArray());
		assertEquals("uint8", back.dtype());
		assertArrayEquals(new int[] { 1, 3 }, back.shape());
		assertArrayEquals(new float[] { 0, 128, 255 }, back.toArray());
	}

	@Test
	void refusesObjectArraysAndShortData() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(npy(1, "|O", false, "(2,)", new byte[16])));
		assertTrue(e.getMessage().contains("object arrays"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> read(npy(1, "<c8", false, "(2,)", new byte[16])));
		assertTrue(e.getMessage().contains("dtype '<c8' is not supported"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> read(npy(1, "<f4", false, "(4,)", new byte[8])));
		assertTrue(e.getMessage().contains("ends early"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> read("not numpy at all".getBytes(StandardCharsets.UTF_8)));
		assertTrue(e.getMessage().contains("not a .npy file"), e.getMessage());
	}

	@Test
	void writesFloat32VersionOneThatReadsBack() throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		float[] v = { 1, -2, 3.25f, 4, 5, 6 };
		Npy.write(out, new int[] { 1, 2, 3 }, v);
		byte[] b = out.toByteArray();
		int headerLen = (b[8] & 0xff) | (b[9] & 0xff) << 8;
		assertEquals(0, (10 + headerLen) % 64, "header aligned to 64 bytes");
		String header = new String(b, 10, headerLen, StandardCharsets.ISO_8859_1);
		assertTrue(header.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 2, 3), }"), header);
		assertEquals(10 + headerLen + 24, b.length);
		NdArray back = read(b);
		assertArrayEquals(new int[] { 1, 2, 3 }, back.shape());
		assertArrayEquals(v, back.toArray());
		ByteArrayOutputStream one = new ByteArrayOutputStream();
		Npy.write(one, new int[] { 3 }, new float[] { 1, 2, 3 });
		assertTrue(new String(one.toByteArray(), StandardCharsets.ISO_8859_1).contains("'shape': (3,)"));
	}

	/** A header's promise is held against the bytes there are, before anything is allocated; one byte short is refused. */
	@Test
	void aHeaderThatPromisesMoreThanTheFileHoldsIsRefusedBeforeReading() throws IOException {
		byte[] exact = npy(1, "<f4", false, "(2, 3)", new byte[24]);
		assertEquals(6, Npy.read(new ByteArrayInputStream(exact), "exact.npy", exact.length).toArray().length);
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> Npy.read(new ByteArrayInputStream(exact), "short.npy", exact.length - 1));
		assertTrue(e.getMessage().contains("promises 6 values of <f4 (24 bytes) but the file holds 23 bytes"), e.getMessage());
		byte[] v2 = npy(2, "<f8", false, "(1, 40000, 40000)", new byte[64]);
		e = assertThrows(IllegalArgumentException.class, () -> Npy.read(new ByteArrayInputStream(v2), "liar.npy", v2.length));
		assertTrue(e.getMessage().contains("(12800000000 bytes) but the file holds 64 bytes"), e.getMessage());
	}

	@Test
	void negativeSizesAndProductsPastAnArrayAreRefused() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> read(npy(1, "<f4", false, "(1, -5, 4)", new byte[64])));
		assertTrue(e.getMessage().contains("has a negative size -5"), e.getMessage());
		String forty = "(" + String.join(", ", java.util.Collections.nCopies(40, "65536")) + ")";
		e = assertThrows(IllegalArgumentException.class, () -> read(npy(1, "<f4", false, forty, new byte[64])));
		assertTrue(e.getMessage().contains("more values than a Java array holds"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> read(npy(1, "<f4", false, "(46341, 46341)", new byte[64])));
		assertTrue(e.getMessage().contains("more values than a Java array holds"), e.getMessage());
	}

	@Test
	void largeArraysAreWrittenPieceByPieceWithoutChange() throws IOException {
		float[] v = new float[(1 << 18) * 2 + 4]; // more than two pieces
		for (int i = 0; i < v.length; i++) v[i] = i * 0.5f - 7;
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Npy.write(out, new int[] { 1, 3, v.length / 3 }, v);
		assertArrayEquals(v, read(out.toByteArray()).toArray());
		assertThrows(IllegalArgumentException.class, () -> Npy.write(new ByteArrayOutputStream(), new int[] { 2, 2 }, new float[5]),
			"values that do not fill the shape");
	}

	@Test
	void unsignedSixtyFourBitValuesAboveTheSignedRangeAndBooleans() throws IOException {
		ByteBuffer b = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
		b.putLong(0).putLong(7).putLong(Long.MIN_VALUE).putLong(-1); // 2^63 and 2^64 - 1 as unsigned
		assertArrayEquals(new float[] { 0, 7, 0x1p63f, 0x1p64f }, read(npy(1, "<u8", false, "(4,)", b.array())).toArray());
		assertArrayEquals(new float[] { 4294967295f, 1 }, read(npy(1, "<u4", false, "(2,)", bytes(ByteOrder.LITTLE_ENDIAN, 4, -1, 1)))
			.toArray());
		assertArrayEquals(new float[] { 1, 0, 1 }, read(npy(1, "|b1", false, "(3,)", new byte[] { 1, 0, 1 })).toArray());
		assertArrayEquals(new float[] { 2.5f }, read(npy(1, "f4", false, "(1,)", ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN)
			.putFloat(2.5f).array())).toArray(), "no byte order: numpy's native, little-endian");
		assertArrayEquals(new float[] { 200 }, read(npy(1, "u1", false, "(1,)", new byte[] { (byte) 200 })).toArray());
	}

	@Test
	void shapesOfEveryFormNumpyWrites() throws IOException {
		assertArrayEquals(new int[0], read(npy(1, "<f4", false, "()", new byte[4])).shape(), "a scalar");
		assertArrayEquals(new int[] { 2, 1 }, read(npy(1, "<f4", false, "(2, 1L)", new byte[8])).shape(), "Python 2's long");
		assertArrayEquals(new int[] { 2, 0 }, read(npy(1, "<f4", false, "(2,0)", new byte[0])).shape());
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(npy(1, "<f4", false, "(2, x)", new byte[8])));
		assertEquals(".npy shape (2, x) is not a tuple of whole numbers", e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> read(npy(1, "<f4", false, "(2147483640,)", new byte[8])));
		assertEquals(".npy shape (2147483640,) has a size 2147483640 along axis 0, more than a Java array holds (2147483639 values)",
			e.getMessage());
		read(npy(1, "<f4", false, "(2147483639, 0)", new byte[0])); // the largest size, with no values
		e = assertThrows(IllegalArgumentException.class, () -> read(npy(1, "<f4", false, "(99999999999999999999,)", new byte[8])));
		assertTrue(e.getMessage().contains("has a size 99999999999999999999 along axis 0"), e.getMessage());
		for (String descr : new String[] { "<c8", "<f2", "<u3", "<i16", "<f", "?f4", "<fx" }) {
			e = assertThrows(IllegalArgumentException.class, () -> read(npy(1, descr, false, "(1,)", new byte[16])), descr);
			assertEquals("dtype '" + descr + "' is not supported; allowed are float32/64, int8/16/32/64, uint8/16/32/64 and bool",
				e.getMessage());
		}
	}

	@Test
	void valuesOverSeveralReadChunksArriveInOrder() throws IOException {
		int n = (1 << 17) + 3; // float64: 131,072 values a megabyte chunk, then 3 more
		ByteBuffer b = ByteBuffer.allocate(8 * n).order(ByteOrder.BIG_ENDIAN);
		for (int i = 0; i < n; i++) b.putDouble(i);
		float[] v = read(npy(1, ">f8", false, "(" + n + ",)", b.array())).toArray();
		assertEquals(n, v.length);
		for (int i = 0; i < n; i += 4099) assertEquals(i, v[i]);
		assertEquals(n - 1, v[n - 1]);
		assertEquals(1 << 17, v[1 << 17]);
	}
}
