package convkit.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.io.Opener;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files ImageJ would read with a missing part filled in: binary PNM files one byte short of what
 * their header declares (every kind, 16-bit too, comments in the header) and JPEGs without their
 * end marker (written by Java's own JPEG writer, and laid out byte by byte where the marker
 * straddles the 64 KB blocks the check reads from the end) — the whole file passes and ImageJ
 * reads it, one byte less is refused with the counts.
 */
class ImageCompletenessTest {

	@TempDir
	Path dir;

	private Path pnm(String name, String header, int dataBytes) throws IOException {
		byte[] h = header.getBytes(StandardCharsets.ISO_8859_1);
		byte[] b = Arrays.copyOf(h, h.length + dataBytes);
		for (int i = 0; i < dataBytes; i++) b[h.length + i] = (byte) (i * 7);
		return Files.write(dir.resolve(name), b);
	}

	private static Path cut(Path file, int bytes) throws IOException {
		byte[] b = Files.readAllBytes(file);
		Path c = file.resolveSibling("cut-" + file.getFileName());
		return Files.write(c, Arrays.copyOf(b, b.length - bytes));
	}

	private static String refusal(Path file) {
		return assertThrows(IllegalArgumentException.class, () -> ImageCompleteness.check(file)).getMessage();
	}

	@Test
	void aPnmFileMustHoldTheDataItsHeaderDeclares() throws IOException {
		String[][] cases = { { "a.pgm", "P5\n5 3\n255\n", "15", "5 x 3" }, { "b.pgm", "P5\n# by hand\n5 3 # width height\n65535\n", "30",
			"5 x 3" }, { "c.ppm", "P6 4 2 255\n", "24", "4 x 2" }, { "d.pbm", "P4\n10 3\n", "6", "10 x 3" }, { "e.pnm", "P5\t2\t2\t9\n", "4",
				"2 x 2" }, { "F.PGM", "P5\n1 1\n255\n", "1", "1 x 1" } };
		for (String[] c : cases) {
			int data = Integer.parseInt(c[2]);
			Path whole = pnm(c[0], c[1], data);
			ImageCompleteness.check(whole);
			Path shortOne = cut(whole, 1);
			assertEquals("input '" + shortOne + "' is cut short: its header declares " + c[3] + " pixels (" + data + " bytes of data) but"
				+ " the file has " + (data - 1) + "; the missing part would be read as zeros", refusal(shortOne), c[0]);
		}
		ImagePlus read = new Opener().openImage(dir.resolve("a.pgm").toString());
		assertEquals(5, read.getWidth());
		assertEquals(7, read.getProcessor().get(1, 0), "ImageJ reads the whole file's bytes");
		Path headerOnly = pnm("h.pgm", "P5\n5 3\n255\n", 0);
		assertTrue(refusal(headerOnly).endsWith("(15 bytes of data) but the file has 0; the missing part would be read as zeros"));
		Path bad = pnm("bad.pgm", "P5\nfive 3\n255\n", 15);
		assertEquals("input '" + bad + "' has an unreadable P5 header", refusal(bad));
		ImageCompleteness.check(pnm("ascii.pgm", "P2\n2 1\n255\n1 2\n", 0)); // ASCII: read token by token
		ImageCompleteness.check(pnm("p7.pgm", "P7\n", 0));
		ImageCompleteness.check(pnm("one.pgm", "P", 0));
		ImageCompleteness.check(pnm("a.tif", "P5\n500 500\n255\n", 1)); // not a PNM name: not checked here
	}

	@Test
	void aJpegMustEndWithItsEndMarker() throws IOException {
		Random r = new Random(1);
		for (int size : new int[] { 16, 400 }) { // one block, and several 64 KB blocks
			BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
			for (int y = 0; y < size; y++) for (int x = 0; x < size; x++) img.getRaster().setSample(x, y, 0, r.nextInt(256));
			Path jpeg = dir.resolve("noise" + size + ".jpg");
			assertTrue(ImageIO.write(img, "jpeg", jpeg.toFile()));
			assertTrue(size < 100 || Files.size(jpeg) > 1 << 16, "noise of 400 x 400 is over 64 KB: " + Files.size(jpeg));
			ImageCompleteness.check(jpeg);
			assertEquals(size, new Opener().openImage(jpeg.toString()).getWidth());
			for (int bytes : new int[] { 1, 2, 100 }) {
				Path c = cut(jpeg, bytes);
				assertEquals("input '" + c + "' is cut short: its image data has no end marker (a JPEG cut at " + Files.size(c) + " bytes);"
					+ " the missing part would be read as grey", refusal(c));
				Files.delete(c);
			}
		}
	}

	@Test
	void theMarkerIsFoundAcrossTheBlocksTheCheckReads() throws IOException {
		int length = (1 << 16) + 100; // read from the end: bytes [100, length), then [0, 100)
		for (int marker : new int[] { 0xD9, 0xDA }) {
			byte[] b = new byte[length];
			b[0] = (byte) 0xFF;
			b[1] = (byte) 0xD8;
			b[99] = (byte) 0xFF; // the last byte of the second block read
			b[100] = (byte) marker; // the first byte of the first block read
			Path f = Files.write(dir.resolve("straddle" + Integer.toHexString(marker) + ".jpeg"), b);
			if (marker == 0xD9) ImageCompleteness.check(f);
			else assertTrue(refusal(f).contains("has no end marker"));
			b[99] = 0;
			b[length - 2] = (byte) 0xFF;
			b[length - 1] = (byte) marker; // the marker ends the file
			Files.write(f, b);
			if (marker == 0xD9) ImageCompleteness.check(f);
			else assertTrue(refusal(f).contains("has no end marker"));
		}
		byte[] noMarker = new byte[200];
		noMarker[0] = (byte) 0xFF;
		noMarker[1] = (byte) 0xD8;
		noMarker[199] = (byte) 0xFF; // FF as the very last byte: no marker after it
		Path none = Files.write(dir.resolve("none.jpg"), noMarker);
		assertTrue(refusal(none).contains("(a JPEG cut at 200 bytes)"));
		ImageCompleteness.check(Files.write(dir.resolve("png.jpg"), new byte[] { (byte) 0x89, 'P', 'N', 'G', 0, 0 })); // not a JPEG
		ImageCompleteness.check(Files.write(dir.resolve("tiny.jpg"), new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF }));
	}
}
