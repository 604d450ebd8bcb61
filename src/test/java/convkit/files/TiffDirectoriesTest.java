package convkit.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.engine.Tensor;
import convkit.options.ChannelMapping;
import convkit.run.PositionSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The directory walk and its checks at their edges, in the hostile suite's style: TIFFs laid out
 * byte by byte here (little-endian, uncompressed 8-bit pages of 3 x 2), each just inside and just
 * outside a rule — where a directory may start, how many entries it may claim, where the data may
 * end, how many bytes the strips must hold, how many images a description may promise — with the
 * message of every refusal, read the same with ImageJ and without.
 */
class TiffDirectoriesTest {

	@TempDir
	Path dir;

	private static final int W = 3;
	private static final int H = 2;

	/** A TIFF of {@code pages} 8-bit 3 x 2 pages, each directory followed by its plane (values page * 10 + i). */
	private static final class Tiny {
		final List<Integer> ifdAt = new ArrayList<>();
		final List<Integer> dataAt = new ArrayList<>();
		final List<Integer> nextAt = new ArrayList<>();
		byte[] bytes;

		Tiny(int pages, String description) {
			ByteBuffer b = ByteBuffer.allocate(1 << 12).order(ByteOrder.LITTLE_ENDIAN);
			b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
			for (int p = 0; p < pages; p++) {
				int entries = 8 + (p == 0 && description != null ? 1 : 0);
				int at = b.position();
				ifdAt.add(at);
				int after = at + 2 + 12 * entries + 4;
				byte[] text = p == 0 && description != null ? (description + "\0").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1) : null;
				int data = after + (text == null ? 0 : text.length);
				b.putShort((short) entries);
				entry(b, 256, 3, 1, W);
				entry(b, 257, 3, 1, H);
				entry(b, 258, 3, 1, 8);
				entry(b, 259, 3, 1, 1);
				entry(b, 262, 3, 1, 1);
				if (text != null) entry(b, 270, 2, text.length, after);
				entry(b, 273, 4, 1, data);
				entry(b, 278, 3, 1, H);
				entry(b, 279, 4, 1, W * H);
				nextAt.add(b.position());
				b.putInt(p + 1 < pages ? data + W * H : 0);
				if (text != null) b.put(text);
				dataAt.add(b.position());
				for (int i = 0; i < W * H; i++) b.put((byte) (p * 10 + i));
			}
			bytes = Arrays.copyOf(b.array(), b.position());
		}

		private static void entry(ByteBuffer b, int tag, int type, int count, int value) {
			b.putShort((short) tag).putShort((short) type).putInt(count);
			if (type == 3 && count == 1) b.putShort((short) value).putShort((short) 0);
			else b.putInt(value);
		}

		Tiny putInt(int at, int value) {
			ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(at, value);
			return this;
		}

		Tiny putShort(int at, int value) {
			ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putShort(at, (short) value);
			return this;
		}

		Tiny cut(int length) {
			bytes = Arrays.copyOf(bytes, length);
			return this;
		}

		/** Where entry {@code index} of page {@code page}'s directory starts. */
		int entry(int page, int index) {
			return ifdAt.get(page) + 2 + 12 * index;
		}
	}

	private Path write(Tiny t, String name) throws IOException {
		return Files.write(dir.resolve(name + ".tif"), t.bytes);
	}

	/** The planes every route reads, the same on every route. */
	private static float[] read(Path file) throws IOException {
		float[] first = null;
		for (boolean withImageJ : new boolean[] { true, false }) {
			for (long stream : new long[] { Long.MAX_VALUE, -1 }) {
				PositionSource s = FileSource.open(file, ChannelMapping.AUTO, 2, withImageJ, stream);
				List<Float> v = new ArrayList<>();
				for (int p = 0; p < s.positions(); p++) {
					Tensor t = s.read(p);
					for (float x : t.toArray()) v.add(x);
				}
				float[] a = new float[v.size()];
				for (int i = 0; i < a.length; i++) a[i] = v.get(i);
				if (first == null) first = a;
				assertArrayEquals(first, a, file.getFileName() + ": every route reads the same");
			}
		}
		return first;
	}

	/** The one message every route refuses {@code file} with. */
	private static String refusal(Path file) {
		String first = null;
		for (boolean withImageJ : new boolean[] { true, false }) {
			for (long stream : new long[] { Long.MAX_VALUE, -1 }) {
				IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
					() -> FileSource.open(file, ChannelMapping.AUTO, 2, withImageJ, stream), file.getFileName().toString());
				if (first == null) first = e.getMessage();
				assertEquals(first, e.getMessage(), file.getFileName() + ": the same message on every route");
			}
		}
		return first;
	}

	private static float[] values(int pages) {
		float[] v = new float[pages * W * H];
		for (int p = 0; p < pages; p++) for (int i = 0; i < W * H; i++) v[p * W * H + i] = p * 10 + i;
		return v;
	}

	@Test
	void aValidFileReadsItsPagesOnEveryRoute() throws IOException {
		assertArrayEquals(values(3), read(write(new Tiny(3, null), "three")));
		assertArrayEquals(values(1), read(write(new Tiny(1, "ImageJ=1.54p\nimages=1\n"), "described")));
		// a description that promises the pages there are, each page's data after its own directory (not one after another)
		assertArrayEquals(values(2), read(write(new Tiny(2, "ImageJ=1.54p\nimages=2\n"), "apart")));
		TiffDirectories d = TiffDirectories.read(write(new Tiny(2, null), "two"));
		assertEquals(W * H, d.planeBytes());
		assertEquals(2L * W * H, d.wholeBytes());
		assertEquals("unsigned 8-bit", d.kind());
	}

	@Test
	void theHeaderAndWhereTheFirstDirectoryStarts() throws IOException {
		Path seven = Files.write(dir.resolve("seven.tif"), new byte[] { 'I', 'I', 42, 0, 8, 0, 0 });
		assertEquals("input '" + seven + "' has 7 bytes: too short to be a TIFF", refusal(seven));
		Path notTiff = Files.write(dir.resolve("not.tif"), "GIF89a, not a TIFF".getBytes());
		assertEquals("input '" + notTiff + "' is not a TIFF (it does not start with II or MM)", refusal(notTiff));
		Path magic = write(new Tiny(1, null).putShort(2, 41), "magic");
		assertEquals("input '" + magic + "' is not a TIFF (its magic number is not 42)", refusal(magic));
		Path big = write(new Tiny(1, null).putShort(2, 43), "big");
		assertEquals("'big.tif' is a BigTIFF; read it with ImageJ/Fiji (ij.jar beside the jar)", refusal(big));
		Path inHeader = write(new Tiny(1, null).putInt(4, 7), "header");
		assertEquals("input '" + inHeader + "' has no readable image directory: directory 1 is said to start at byte 7, inside the file's"
			+ " header", refusal(inHeader));
		Path eight = Files.write(dir.resolve("eight.tif"), new byte[] { 'I', 'I', 42, 0, 8, 0, 0, 0 });
		assertEquals("input '" + eight + "' has no readable image directory: directory 1 is said to start at byte 8, past the file's end"
			+ " (8 bytes)", refusal(eight), "8 bytes are a header, but no directory");
		Tiny lastTwo = new Tiny(1, null);
		Path two = write(lastTwo.putInt(4, lastTwo.bytes.length - 2), "lasttwo");
		assertTrue(refusal(two).endsWith(" is cut short (1284 entries do not fit before the file's end)"),
			"its count (the plane's last two bytes, 4 and 5) is read: " + refusal(two));
		Tiny t = new Tiny(1, null);
		Path past = write(t.putInt(4, t.bytes.length - 1), "past");
		assertTrue(refusal(past).endsWith("directory 1 is said to start at byte " + (t.bytes.length - 1) + ", past the file's end ("
			+ t.bytes.length + " bytes)"), refusal(past));
	}

	@Test
	void aDirectoryMustHoldItsEntriesBeforeTheEnd() throws IOException {
		// a second directory whose entries end exactly at the file's end is whole
		Tiny whole = new Tiny(2, null);
		int second = whole.ifdAt.get(1);
		whole.putInt(whole.nextAt.get(0), second); // (already so) the second page follows the first plane
		assertArrayEquals(values(2), read(write(whole, "whole")));
		Tiny cut = new Tiny(2, null).cut(second + 2 + 12 * 8 + 3);
		assertTrue(refusal(write(cut, "cut")).contains("directory 2 at byte " + second + " is cut short (8 entries do not fit before the"
			+ " file's end) after 1 page"), refusal(write(cut, "cut")));
		Tiny none = new Tiny(2, null).putShort(second, 0);
		assertTrue(refusal(write(none, "none")).contains("directory 2 at byte " + second + " claims 0 entries (allowed 1..4096)"));
		Tiny most = new Tiny(2, null).putShort(second, 4096);
		assertFalse(refusal(write(most, "most")).contains("claims 4096 entries"), "4096 entries are allowed (then cut short)");
		Tiny many = new Tiny(2, null).putShort(second, 4097);
		assertTrue(refusal(write(many, "many")).contains("claims 4097 entries (allowed 1..4096)"));
		Tiny loop = new Tiny(3, null);
		loop.putInt(loop.nextAt.get(1), loop.ifdAt.get(0));
		assertTrue(refusal(write(loop, "loop")).contains("the chain of directories loops back (directory 3 would start at byte 8, where an"
			+ " earlier one starts) after 2 pages"), refusal(write(loop, "loop")));
	}

	@Test
	void theDataMustLieInsideTheFileAndFillThePlane() throws IOException {
		Tiny exact = new Tiny(1, null); // the plane is the file's last 6 bytes
		assertEquals(exact.bytes.length, exact.dataAt.get(0) + W * H);
		assertArrayEquals(values(1), read(write(exact, "exact")));
		Tiny past = new Tiny(1, null).putInt(new Tiny(1, null).entry(0, 5) + 8, new Tiny(1, null).dataAt.get(0) + 1);
		assertEquals("input '" + dir.resolve("past.tif") + "' is cut short: page 1's data ends at byte " + (past.bytes.length + 1)
			+ " but the file has " + past.bytes.length + " bytes (an interrupted copy or download?)", refusal(write(past, "past")));
		Tiny shortStrip = new Tiny(2, null);
		shortStrip.putInt(shortStrip.entry(1, 7) + 8, W * H - 1);
		assertEquals("'short.tif' is damaged: page 2's strips hold 5 bytes, fewer than the 6 a 3 x 2 plane of unsigned 8-bit samples"
			+ " needs (its StripByteCounts)", refusal(write(shortStrip, "short")));
		Tiny longer = new Tiny(2, null);
		longer.putInt(longer.entry(1, 7) + 8, W * H + 1); // one byte more than a plane, still inside the file? no: it is the last plane
		assertTrue(refusal(write(longer, "longer")).contains("is cut short: page 2's data ends at byte"));
	}

	@Test
	void aDescriptionMayPromiseNoMoreImagesThanTheFileCanHold() throws IOException {
		// one directory, 3 planes one after another, as ImageJ writes files over 4 GB
		Tiny t = new Tiny(1, "ImageJ=1.54p\nimages=3\n");
		byte[] more = Arrays.copyOf(t.bytes, t.bytes.length + 2 * W * H);
		for (int i = 0; i < 2 * W * H; i++) more[t.bytes.length + i] = (byte) (10 + (i / (W * H)) * 10 + i % (W * H));
		t.bytes = more;
		Path contiguous = write(t, "contiguous");
		for (boolean[] r : new boolean[][] { { true, false }, { true, true }, { false, true } }) { // ImageJ, or plane by plane
			PositionSource s = FileSource.open(contiguous, ChannelMapping.AUTO, 2, r[0], r[1] ? -1 : Long.MAX_VALUE);
			assertEquals(3, s.positions());
			for (int p = 0; p < 3; p++) {
				assertArrayEquals(Arrays.copyOfRange(values(3), p * W * H, (p + 1) * W * H), s.read(p).toArray(), "plane " + p);
			}
		}
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> FileSource.open(contiguous, ChannelMapping.AUTO, 2, false, Long.MAX_VALUE));
		assertEquals("'contiguous.tif' holds 3 images in one directory (ImageJ's layout for stacks over 4 GB); read it with ImageJ/Fiji"
			+ " (ij.jar beside the jar)", e.getMessage());
		Tiny oneShort = new Tiny(1, "ImageJ=1.54p\nimages=3\n");
		oneShort.bytes = Arrays.copyOf(oneShort.bytes, oneShort.bytes.length + 2 * W * H - 1);
		String m = refusal(write(oneShort, "oneshort"));
		assertTrue(m.contains("is damaged: its ImageJ description promises 3 images but the file holds 1 directory and not the data of 3"
			+ " planes one after another"), m);
		Tiny absurd = new Tiny(1, "ImageJ=1.54p\nimages=0\n");
		m = refusal(write(absurd, "zero"));
		assertTrue(m.contains("its ImageJ description claims images=0, but the file holds at most"), m);
		Tiny words = new Tiny(1, "ImageJ=1.54p\nimages=many\n");
		m = refusal(write(words, "words"));
		assertTrue(m.contains("claims images=many"), m);
	}

	@Test
	void imageJsDescriptionIsReadAsImageJWritesIt() throws IOException {
		java.util.Map<String, String> d = TiffDirectories.description("ImageJ=1.54p\nunit=\\u00B5m\n=x\nbad=\\u00zz\nshort=\\u00B\nk = v \nend=\\u00B5");
		assertEquals("1.54p", d.get("ImageJ"));
		assertEquals("\u00b5m", d.get("unit"));
		assertEquals("\\u00zz", d.get("bad"), "not an escape: kept as written");
		assertEquals("\\u00B", d.get("short"));
		assertEquals("v", d.get("k"));
		assertEquals("\u00b5", d.get("end"), "an escape that ends the text");
		assertEquals(6, d.size(), "a line without a key is no entry: " + d);
		assertEquals(java.util.Map.of(), TiffDirectories.description("written by something=else\nimages=3"));
		assertEquals(java.util.Map.of(), TiffDirectories.description((String) null));
		// a unit without resolution tags: pixel size 1 in that unit, as ImageJ reads it; unit=pixel: none
		for (String unit : new String[] { "mm", "pixel" }) {
			Path f = write(new Tiny(1, "ImageJ=1.54p\nunit=" + unit + "\nspacing=2.5\n"), "unit-" + unit);
			convkit.geometry.SpatialCalibration c = FileSource.open(f, ChannelMapping.AUTO, 2, false, Long.MAX_VALUE).spatialCalibration();
			ij.measure.Calibration ij = new ij.io.Opener().openImage(f.toString()).getCalibration();
			assertEquals(ij.getUnit(), c.unit(), unit);
			assertEquals(ij.pixelWidth, c.pixelWidth(), unit);
			assertEquals(unit.equals("mm"), c.isCalibrated(), unit);
		}
	}
}
