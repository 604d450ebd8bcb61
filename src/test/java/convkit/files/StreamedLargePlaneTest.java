package convkit.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.io.Opener;
import ij.process.ShortProcessor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Planes too large for one piece of the plane-by-plane writer: 4096 x 600, so the first plane's
 * display range is read back in three pieces of 4 MB and {@code convert=rescale} converts in
 * bands of 256 rows — the extremes lie in the last piece and the last band. The file written plane
 * by plane holds what the file written whole holds.
 */
class StreamedLargePlaneTest {

	@TempDir
	static Path dir;

	private static Path input;

	@BeforeAll
	static void stack() {
		int w = 4096;
		int h = 600;
		ImageStack s = new ImageStack(w, h);
		for (int p = 0; p < 2; p++) {
			short[] v = new short[w * h];
			for (int i = 0; i < v.length; i++) v[i] = (short) (1000 + (i * 31 + p * 7) % 50000);
			if (p == 0) {
				v[w * (h - 1) + 5] = (short) 65000; // plane 0's largest value, in its last row
				v[w * (h - 2) + 9] = 7; // and its smallest
			}
			else {
				v[w * (h - 1) + w - 1] = (short) 65535; // the stack's largest, in plane 1's last row
				v[w * 300] = 2; // and its smallest
			}
			s.addSlice(new ShortProcessor(w, h, v, null));
		}
		input = dir.resolve("large.tif");
		assertTrue(new FileSaver(new ImagePlus("large", s)).saveAsTiffStack(input.toString()));
	}

	private static Path conv(String name, String... more) {
		Path out = dir.resolve(name);
		NpyBatchTest.conv(input, out, more);
		return out;
	}

	@Test
	void aLargePlaneWrittenPlaneByPlaneIsTheFileWrittenWhole() throws IOException {
		for (String type : new String[] { "output_type=float", "output_type=same convert=rescale", "output_type=same" }) {
			String[] t = type.split(" ");
			String[] whole = new String[t.length + 1];
			String[] streamed = new String[t.length + 1];
			System.arraycopy(t, 0, whole, 0, t.length);
			System.arraycopy(t, 0, streamed, 0, t.length);
			whole[t.length] = "stream=no";
			streamed[t.length] = "stream=yes";
			String tag = type.replace(' ', '-').replace('=', '_');
			Path a = conv("whole-" + tag + ".tif", whole);
			Path b = conv("streamed-" + tag + ".tif", streamed);
			ImagePlus imp = new Opener().openImage(b.toString());
			ImagePlus ref = new Opener().openImage(a.toString());
			assertEquals(ref.getBitDepth(), imp.getBitDepth());
			assertEquals(ref.getStackSize(), imp.getStackSize());
			for (int i = 1; i <= ref.getStackSize(); i++) {
				Object x = ref.getStack().getPixels(i);
				Object y = imp.getStack().getPixels(i);
				if (x instanceof float[]) assertArrayEquals((float[]) x, (float[]) y, type + ", plane " + i);
				else assertArrayEquals((short[]) x, (short[]) y, type + ", plane " + i);
				assertEquals(ref.getStack().getSliceLabel(i), imp.getStack().getSliceLabel(i));
			}
			// the display range as written (ImageJ would show a range of 0..0 as the plane's own)
			java.util.Map<String, String> da = TiffDirectories.read(a).description;
			java.util.Map<String, String> db = TiffDirectories.read(b).description;
			assertEquals(da.get("min"), db.get("min"), type);
			assertEquals(da.get("max"), db.get("max"), type);
			assertEquals(ref.getDisplayRangeMin(), imp.getDisplayRangeMin(), type);
			assertEquals(ref.getDisplayRangeMax(), imp.getDisplayRangeMax(), type);
			assertEquals(ref.getInfoProperty().replace("whole-", "streamed-").replace("stream=no", "stream=yes"), imp.getInfoProperty());
			if (type.equals("output_type=float")) {
				assertEquals("7.0", db.get("min"));
				assertEquals("65000.0", db.get("max"));
				assertEquals(7, imp.getDisplayRangeMin(), type + ": the first plane's range");
				assertEquals(65000, imp.getDisplayRangeMax(), type);
			}
			if (type.contains("rescale")) {
				imp.setSlice(2);
				assertEquals(65535, imp.getProcessor().get(4095, 599), "the stack's largest value is the top of the range");
				assertEquals(0, imp.getProcessor().get(0, 300), "and its smallest the bottom");
				imp.setSlice(1);
				assertEquals(Math.round((65000 - 2) * 65535.0 / 65533), imp.getProcessor().get(5, 599));
			}
			Files.delete(a);
			Files.delete(b);
		}
	}
}
