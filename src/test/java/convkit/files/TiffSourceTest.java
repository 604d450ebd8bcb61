package convkit.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.engine.Shape;
import convkit.options.ChannelMapping;
import convkit.run.PositionSource;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.ShortProcessor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TIFF stack as positions, whole or plane by plane, for Conv2D and Conv3D: the planes and slabs
 * it gives (padding rows and planes filled with the fill value), and the positions it refuses.
 * Values are {@code plane * 100 + y * 10 + x}, so every answer can be read off.
 */
class TiffSourceTest {

	@TempDir
	Path dir;

	private Path stack;

	/** A plain stack of 4 slices, 5 wide and 3 high (ImageJ's FileSaver). */
	@BeforeEach
	void stack() {
		ImageStack s = new ImageStack(5, 3);
		for (int p = 0; p < 4; p++) {
			short[] v = new short[15];
			for (int y = 0; y < 3; y++) for (int x = 0; x < 5; x++) v[y * 5 + x] = (short) (p * 100 + y * 10 + x);
			s.addSlice(new ShortProcessor(5, 3, v, null));
		}
		stack = dir.resolve("s.tif");
		assertTrue(new FileSaver(new ImagePlus("s", s)).saveAsTiffStack(stack.toString()));
	}

	private PositionSource open(int rank, boolean streamed) throws IOException {
		return FileSource.open(stack, ChannelMapping.AUTO, rank, false, streamed ? -1 : Long.MAX_VALUE); // ConvKit's own reader
	}

	private static float v(int p, int y, int x) {
		return p * 100 + y * 10 + x;
	}

	@Test
	void planesAndRowsReadAsTheyLie() throws IOException {
		for (boolean streamed : new boolean[] { false, true }) {
			PositionSource s = open(2, streamed);
			assertEquals(4, s.positions());
			assertEquals(4, s.plainStackSize(), "a plain stack: its slices could be channels");
			assertEquals(Optional.of(stack), s.file());
			assertEquals(streamed, s.streamed());
			assertEquals(streamed, s.readsSlabs());
			assertEquals(Shape.of(1, 3, 5), s.shape());
			assertEquals(v(3, 2, 4), s.read(3).toArray()[14]);
			assertThrows(IndexOutOfBoundsException.class, () -> s.read(4));
			assertThrows(IndexOutOfBoundsException.class, () -> s.read(-1));
			if (!streamed) {
				UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> s.readSlab(0, new int[] { 0 }, 0));
				assertEquals("'s.tif' is not read a slab at a time", e.getMessage());
				continue;
			}
			// rows 2, padding, 0 of slice 1, the padding filled with 7
			float[] rows = s.readSlab(1, new int[] { 2, -1, 0 }, 7).toArray();
			for (int x = 0; x < 5; x++) {
				assertEquals(v(1, 2, x), rows[x]);
				assertEquals(7, rows[5 + x]);
				assertEquals(v(1, 0, x), rows[10 + x]);
			}
			assertArrayEquals(new float[] { -1, -1, -1, -1, -1 }, s.readSlab(0, new int[] { -1 }, -1).toArray(), "padding only");
			assertThrows(IndexOutOfBoundsException.class, () -> s.readSlab(4, new int[] { 0 }, 0));
			assertThrows(IndexOutOfBoundsException.class, () -> s.readSlab(-1, new int[] { 0 }, 0));
		}
	}

	@Test
	void aVolumeReadsItsPlanesAsSlabs() throws IOException {
		PositionSource s = open(3, true);
		assertEquals(1, s.positions());
		assertEquals(Shape.of(1, 4, 3, 5), s.shape());
		assertArrayEquals(new int[] { 5, 3, 4 }, s.imageSize());
		assertArrayEquals(new int[] { 0, 0, 0 }, s.offset());
		float[] planes = s.readSlab(0, new int[] { 3, -1, -1, 1 }, 9).toArray();
		assertEquals(v(3, 2, 4), planes[14]);
		assertEquals(9, planes[15]);
		assertEquals(9, planes[44], "both padding planes filled");
		assertEquals(v(1, 0, 0), planes[45]);
		assertEquals(v(1, 2, 4), planes[59]);
		assertThrows(IndexOutOfBoundsException.class, () -> s.readSlab(1, new int[] { 0 }, 0));
		PositionSource whole = open(3, false);
		assertFalse(whole.readsSlabs());
		assertArrayEquals(whole.read(0).toArray(), s.readSlab(0, new int[] { 0, 1, 2, 3 }, 0).toArray());
	}
}
