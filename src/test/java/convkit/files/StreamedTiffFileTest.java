package convkit.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.geometry.SpatialCalibration;

import ij.ImagePlus;
import ij.io.Opener;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file written plane by plane: refused past 4 GB before anything exists, full size once
 * reserved, planes and rows written at their places (by this writer and by other channels, as the
 * batch's pieces write), read back by ImageJ with the values written; discarded, nothing remains.
 */
class StreamedTiffFileTest {

	@TempDir
	Path dir;

	private List<String> files() throws IOException {
		try (Stream<Path> s = Files.walk(dir)) {
			return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().collect(java.util.stream.Collectors.toList());
		}
	}

	@Test
	void aFilePastFourGigabytesIsRefusedBeforeAnythingExists() throws IOException {
		Path tmp = Files.createDirectories(dir.resolve("tmp"));
		// 2 planes of 40000 x 30000 16-bit values: 4.8 GB
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> StreamedTiffFile.create(dir.resolve("big.tif"), tmp, 2, 40000, 30000, 16));
		assertTrue(e.getMessage().startsWith("the result would be a TIFF of 4577 MB"), e.getMessage());
		assertEquals(List.of(), files());
		StreamedTiffFile.create(dir.resolve("fits.tif"), tmp, 1, 40000, 30000, 16).discard(); // 2.4 GB: allowed, never reserved
		assertEquals(List.of(), files(), "discarded: nothing remains");
	}

	@Test
	void planesAndRowsLandAtTheirPlaces() throws IOException {
		Path tmp = Files.createDirectories(dir.resolve("tmp"));
		Path target = dir.resolve("out.tif");
		StreamedTiffFile f = StreamedTiffFile.create(target, tmp, 3, 4, 2, 16);
		f.reserve();
		assertEquals(8 + 3 * 16, Files.size(f.temporary()), "the header and three planes of 4 x 2 16-bit values");
		f.writeRows(0, 1, 8, new short[] { 5, 6, 7, 8 });
		f.writeRows(0, 0, 8, new short[] { 1, 2, 3, 4 });
		try (FileChannel other = FileChannel.open(f.temporary(), StandardOpenOption.WRITE)) { // as a piece elsewhere writes
			StreamedTiffFile.writePlane(other, 2, 16, new short[] { 20, 21, 22, 23, 24, 25, 26, 27 });
			StreamedTiffFile.writeRows(other, 1, 16, 1, 8, new short[] { 15, 16, 17, 18 });
			IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
				() -> StreamedTiffFile.writePlane(other, 0, 16, new short[] { 1 }));
			assertEquals("a plane of 2 bytes, not 16", e.getMessage());
			e = assertThrows(IllegalArgumentException.class, () -> StreamedTiffFile.writeRows(other, 0, 16, 1, 8, new short[8]));
			assertEquals("16 bytes from row 1 are not rows of a 16-byte plane", e.getMessage());
			e = assertThrows(IllegalArgumentException.class, () -> StreamedTiffFile.writeRows(other, 0, 16, 0, 8, new short[3]));
			assertEquals("6 bytes from row 0 are not rows of a 16-byte plane", e.getMessage());
		}
		f.writeRows(1, 0, 8, new short[] { 11, 12, 13, 14 });
		f.finish(range -> new TiffWriter(4, 2, 1, 3, 1, 16, 3, range, List.of("a", "b", "c"), SpatialCalibration.NONE, null, Map.of()));
		assertFalse(Files.exists(f.temporary()));
		ImagePlus imp = new Opener().openImage(target.toString());
		assertEquals(3, imp.getStackSize());
		assertArrayEquals(new short[] { 1, 2, 3, 4, 5, 6, 7, 8 }, (short[]) imp.getStack().getPixels(1));
		assertArrayEquals(new short[] { 11, 12, 13, 14, 15, 16, 17, 18 }, (short[]) imp.getStack().getPixels(2));
		assertArrayEquals(new short[] { 20, 21, 22, 23, 24, 25, 26, 27 }, (short[]) imp.getStack().getPixels(3));
		assertEquals("b", imp.getStack().getSliceLabel(2));
		assertEquals(1, imp.getDisplayRangeMin(), "the first plane's range");
		assertEquals(8, imp.getDisplayRangeMax());
		assertEquals(List.of("out.tif"), files());
	}
}
