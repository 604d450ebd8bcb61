package convkit.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.engine.Tensor;
import convkit.io.NdArray;
import convkit.io.Npy;
import convkit.options.ChannelMapping;
import convkit.run.PositionSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One reading of every TIFF, whatever the route: each sample kind written by numpy's and PIL's
 * writers ({@code tools/make_tiff_cases.py}) gives numpy's numbers through ImageJ's reader, Java's
 * reader and the plane-by-plane reader alike; a damaged or lying file is refused by all of them
 * with the same message, and is never changed.
 */
class TiffKindsTest {

	@TempDir
	Path dir;

	/** The four routes: with ImageJ or without, whole or plane by plane. */
	private static final boolean[][] ROUTES = { { true, false }, { false, false }, { true, true }, { false, true } };

	private Path resource(String name) throws IOException {
		Path p = dir.resolve(name);
		if (!Files.exists(p)) {
			try (InputStream in = TiffKindsTest.class.getResourceAsStream("/tiff-kinds/" + name)) {
				Files.copy(in, p);
			}
		}
		return p;
	}

	private static PositionSource open(Path file, boolean[] route) throws IOException {
		return FileSource.open(file, ChannelMapping.AUTO, 2, route[0], route[1] ? -1 : Long.MAX_VALUE);
	}

	private static String route(boolean[] r) {
		return (r[0] ? "ImageJ" : "no ImageJ") + (r[1] ? ", plane by plane" : ", whole");
	}

	private static String hash(Path p) throws Exception {
		return new java.math.BigInteger(1, MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))).toString(16);
	}

	@ParameterizedTest
	@ValueSource(strings = { "uint8", "int8", "uint16", "int16", "uint32", "int32", "float16", "float32", "float64", "pil8", "pil16", "pil1",
		"imagej_chain_loop", "uint64", "int64", "float16_special", "uint16_strips", "int16_strips_be", "float32_strips_be",
		"pil_lzw", "pil_deflate", "rgb_stack" })
	void everyRouteReadsNumpysNumbers(String name) throws Exception {
		Path file = resource(name + ".tif");
		String before = hash(file);
		NdArray expected = Npy.read(resource(name + ".expected.npy"));
		float[] want = expected.toArray();
		for (boolean[] r : ROUTES) {
			PositionSource s = open(file, r);
			float[] got = new float[want.length];
			int at = 0;
			for (int p = 0; p < s.positions(); p++) {
				Tensor t = s.read(p);
				float[] v = t.toArray();
				assertTrue(at + v.length <= want.length, name + ", " + route(r) + ": more values than numpy reads");
				System.arraycopy(v, 0, got, at, v.length);
				at += v.length;
			}
			assertEquals(want.length, at, name + ", " + route(r) + ": every plane read");
			assertArrayEquals(want, got, name + ", " + route(r));
		}
		assertEquals(before, hash(file), "the file is not changed");
	}

	/** Rows read a few at a time (as slabs of a large plane are) across strips of several rows, in both byte orders. */
	@ParameterizedTest
	@ValueSource(strings = { "uint16_strips", "int16_strips_be", "float32_strips_be", "float16_special", "uint8" })
	void rowsReadAFewAtATimeAreThePlanesRows(String name) throws Exception {
		Path file = resource(name + ".tif");
		NdArray expected = Npy.read(resource(name + ".expected.npy"));
		float[] want = expected.toArray();
		int[] shape = expected.shape();
		int h = shape[1];
		int w = shape[2];
		for (boolean[] r : new boolean[][] { ROUTES[2], ROUTES[3] }) {
			PositionSource s = open(file, r);
			assertTrue(s.readsSlabs(), name + ", " + route(r));
			for (int p = 0; p < shape[0]; p++) {
				for (int y0 = 0; y0 < h; y0++) {
					for (int count = 1; y0 + count <= h; count++) {
						int[] at = new int[count];
						for (int i = 0; i < count; i++) at[i] = y0 + i;
						float[] got = s.readSlab(p, at, 0).toArray();
						float[] rows = java.util.Arrays.copyOfRange(want, (p * h + y0) * w, (p * h + y0 + count) * w);
						assertArrayEquals(rows, got, name + ", " + route(r) + ", plane " + p + ", rows " + y0 + "+" + count);
					}
				}
			}
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "chain_loop: is damaged: the chain of directories loops back",
		"chain_past_end: is damaged: directory 3 is said to start at byte",
		"chain_cut: is damaged: directory 3 at byte",
		"lzw_over_raw: page 1 says its data is compressed with LZW (compression 5), but its first strip does not start as such data",
		"short_strips: is damaged: page 2's strips hold 7 bytes, fewer than the 30",
		"pages_sizes: page 2 is 7 x 6, unsigned 8-bit, and page 1 7 x 5, unsigned 8-bit; the pages of a stack must agree",
		"pages_kinds: page 2 is 7 x 5, unsigned 16-bit, and page 1 7 x 5, unsigned 8-bit; the pages of a stack must agree",
		"claims_images: is cut short or its description is wrong: its ImageJ description claims images=99999999999, but the file holds at most 8 planes of 7 x 5",
		"int16_deflate: holds signed 16-bit samples with compression 8; ConvKit reads signed 16-bit samples uncompressed only",
		"lzw_bad_header: page 1 says its data is compressed with LZW (compression 5), but its first strip does not start as such data",
		"deflate_bad_header: page 1 says its data is compressed with Deflate (compression 8), but its first strip does not start as",
		"jpeg_over_raw: page 1 says its data is compressed with JPEG (compression 7), but its first strip does not start as such",
		"lzw_bad_second_byte: page 1 says its data is compressed with LZW (compression 5), but its first strip does not start as",
		"deflate_bad_check: page 1 says its data is compressed with Deflate (compression 8), but its first strip does not start as",
		"rgb_short_strips: is damaged: page 2's strips hold 104 bytes, fewer than the 105 a 7 x 5 plane of 3 samples of unsigned 8-bit" })
	void aDamagedOrLyingFileIsRefusedTheSameWayOnEveryRoute(String nameAndMessage) throws Exception {
		String name = nameAndMessage.substring(0, nameAndMessage.indexOf(':'));
		String message = nameAndMessage.substring(nameAndMessage.indexOf(':') + 2);
		Path file = resource(name + ".tif");
		String before = hash(file);
		String first = null;
		for (boolean[] r : ROUTES) {
			IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> open(file, r), name + ", " + route(r));
			assertTrue(e.getMessage().contains(message), name + ", " + route(r) + ": " + e.getMessage());
			if (first == null) first = e.getMessage();
			assertEquals(first, e.getMessage(), name + ": the same message on every route");
		}
		assertEquals(before, hash(file), "the file is not changed");
	}

	@org.junit.jupiter.api.Test
	void aSigned16BitImageOpenedInImageJIsConvolvedWithTheValuesImageJShows() throws Exception {
		// the menu route: ImageJ opens the file itself (each value plus 32768, a calibration takes it off)
		ij.ImagePlus imp = new ij.io.Opener().openImage(resource("int16.tif").toString());
		assertTrue(imp.getCalibration().isSigned16Bit());
		PositionSource s = convkit.image.ImageSource.of(imp, ChannelMapping.AUTO, 2);
		float[] want = Npy.read(resource("int16.expected.npy")).toArray();
		float[] got = new float[want.length];
		for (int p = 0; p < s.positions(); p++) System.arraycopy(s.read(p).toArray(), 0, got, p * 35, 35);
		assertArrayEquals(want, got);
		assertEquals(0, s.bitDepth(), "output_type=same has no unsigned type that keeps it");
	}

	/**
	 * The calibration read without ImageJ is the one ImageJ reads: resolution tags in inches,
	 * centimetres or no unit (a pixel size all the same), and ImageJ's own description.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "res_inch", "res_cm", "res_none", "res_ij", "uint8" })
	void theCalibrationIsTheOneImageJReads(String name) throws Exception {
		Path file = resource(name + ".tif");
		ij.measure.Calibration ij = new ij.io.Opener().openImage(file.toString()).getCalibration();
		for (boolean[] r : new boolean[][] { ROUTES[1], ROUTES[3] }) {
			convkit.geometry.SpatialCalibration c = open(file, r).spatialCalibration();
			String where = name + ", " + route(r);
			// ImageJ's unit ' ' (ResolutionUnit none) is ConvKit's pixel
			assertEquals(ij.getUnit().trim().isEmpty() ? "pixel" : ij.getUnit(), c.unit(), where);
			assertEquals(ij.pixelWidth, c.pixelWidth(), 1e-9, where);
			assertEquals(ij.pixelHeight, c.pixelHeight(), 1e-9, where);
			assertEquals(ij.pixelDepth, c.pixelDepth(), 1e-9, where);
		}
	}
}
