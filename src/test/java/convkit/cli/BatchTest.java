package convkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.batch.BatchLog;
import convkit.batch.BatchSettings;
import convkit.testing.Reference;
import convkit.testing.Tolerance;
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.io.Opener;
import ij.process.FloatProcessor;
import ij.process.ShortProcessor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code batch} over a folder with good TIFFs, a corrupt file and a non-image; outputs against the independent reference. */
class BatchTest {

	@TempDir
	Path dir;

	static final String OPTIONS = "kernel=[1 2 1; 2 4 2; 1 2 1] padding=1 padding_mode=reflect stride=2";

	static void saveFloat(Path p, int channels, int w, int h, long seed) {
		Random r = new Random(seed);
		ImageStack st = new ImageStack(w, h);
		for (int c = 0; c < channels; c++) {
			float[] v = new float[w * h];
			for (int i = 0; i < v.length; i++) v[i] = r.nextFloat() * 100;
			st.addSlice(new FloatProcessor(w, h, v));
		}
		ImagePlus imp = new ImagePlus(p.getFileName().toString(), st);
		imp.setDimensions(channels, 1, 1);
		FileSaver saver = new FileSaver(imp);
		assertTrue(channels > 1 ? saver.saveAsTiffStack(p.toString()) : saver.saveAsTiff(p.toString()));
	}

	/**
	 * What an output must hold, computed by the independent reference from the input's pixels as
	 * ImageJ reads them (not through ConvKit's adapter): the kernel applied to every channel, padding
	 * 1 reflect, stride 2.
	 */
	static double[] expected(Path in) {
		ImagePlus imp = new Opener().openImage(in.toString());
		Reference.Case c = new Reference.Case();
		c.channels = imp.getStackSize();
		c.groups = c.channels;
		c.outChannels = c.channels;
		c.height = imp.getHeight();
		c.width = imp.getWidth();
		c.input = new float[c.channels * c.height * c.width];
		for (int ch = 0; ch < c.channels; ch++) {
			ij.process.ImageProcessor ip = imp.getStack().getProcessor(ch + 1);
			for (int y = 0; y < c.height; y++) for (int x = 0; x < c.width; x++) c.input[(ch * c.height + y) * c.width + x] = ip.getf(x, y);
		}
		c.kh = 3;
		c.kw = 3;
		float[] k = { 1, 2, 1, 2, 4, 2, 1, 2, 1 };
		c.weights = new float[c.channels * 9];
		for (int ch = 0; ch < c.channels; ch++) System.arraycopy(k, 0, c.weights, ch * 9, 9);
		c.padding = new int[] { 1, 1, 1, 1, 0, 0 };
		c.mode = "reflect";
		c.stride = new int[] { 2, 2, 1 };
		return Reference.conv(c);
	}

	static void assertOutputMatches(Path in, Path out) {
		assertTrue(Files.isRegularFile(out), out + " exists");
		double[] exp = expected(in);
		ImagePlus res = new Opener().openImage(out.toString());
		float[] got = new float[res.getStackSize() * res.getWidth() * res.getHeight()];
		for (int ch = 0; ch < res.getStackSize(); ch++) {
			float[] px = (float[]) res.getStack().getProcessor(ch + 1).getPixels();
			System.arraycopy(px, 0, got, ch * px.length, px.length);
		}
		Tolerance.assertClose(exp, got, 1e-5, out.toString());
	}

	@Test
	void goodFilesAreWrittenBadOnesReportedAndSkipExistingDoesNoWork() throws IOException {
		Path in = Files.createDirectories(dir.resolve("in"));
		Path out = dir.resolve("out");
		saveFloat(in.resolve("a.tif"), 2, 20, 15, 1);
		Files.createDirectories(in.resolve("sub"));
		saveFloat(in.resolve("sub").resolve("b.tif"), 1, 9, 11, 2);
		short[] px = new short[12 * 10];
		for (int i = 0; i < px.length; i++) px[i] = (short) (i * 500);
		assertTrue(new FileSaver(new ImagePlus("c", new ShortProcessor(12, 10, px, null))).saveAsTiff(in.resolve("c.tif").toString()));
		Files.write(in.resolve("corrupt.tif"), "II*\0 this is not really a TIFF".getBytes(StandardCharsets.ISO_8859_1));
		Files.write(in.resolve("notes.txt"), "not an image".getBytes(StandardCharsets.UTF_8));

		MainTest.Result r = MainTest.run("batch", "input=" + in, "output=" + out, "pattern=*", "recursive", OPTIONS);
		assertEquals(1, r.status, "some files failed: " + r.err);
		for (String f : new String[] { "a.tif", "sub/b.tif", "c.tif" }) assertOutputMatches(in.resolve(f), out.resolve(f));
		assertFalse(Files.exists(out.resolve("corrupt.tif")));
		assertFalse(Files.exists(out.resolve("notes.tif")));
		assertFalse(Files.exists(out.resolve(BatchSettings.TEMPORARY_DIR)), "temporary folder removed");
		List<String> log = Files.readAllLines(out.resolve(BatchLog.NAME));
		assertEquals("file,status,message,seconds", log.get(0));
		assertEquals(6, log.size(), String.join("\n", log));
		assertTrue(log.get(1).startsWith("a.tif,ok,\"[2, 8, 10]\","), log.get(1));
		assertTrue(log.get(2).startsWith("c.tif,ok,"), log.get(2));
		assertTrue(log.get(3).startsWith("corrupt.tif,failed,"), log.get(3));
		assertTrue(log.get(4).startsWith("notes.txt,failed,") && log.get(4).contains("not an image"), log.get(4));
		assertTrue(log.get(5).startsWith("sub/b.tif,ok,"), log.get(5));
		assertEquals(2, r.err.trim().split("\n").length, r.err);
		assertTrue(r.out.contains("[5/5] sub/b.tif ok") && r.out.contains("left"), r.out);
		assertTrue(r.out.contains("batch: 3 written, 0 skipped, 2 failed of 5 files"), r.out);

		FileTime before = Files.getLastModifiedTime(out.resolve("a.tif"));
		Files.setLastModifiedTime(out.resolve("a.tif"), FileTime.fromMillis(before.toMillis() - 60_000));
		FileTime aged = Files.getLastModifiedTime(out.resolve("a.tif"));
		MainTest.Result again = MainTest.run("batch", "input=" + in, "output=" + out, "pattern=*.tif", "recursive",
			"skip_existing", OPTIONS);
		assertEquals(1, again.status, "corrupt.tif still fails");
		assertEquals(aged, Files.getLastModifiedTime(out.resolve("a.tif")), "a.tif was not written again");
		assertTrue(again.out.contains("batch: 0 written, 3 skipped, 1 failed of 4 files"), again.out);
	}

	@Test
	void badSettingsAreRefusedBeforeAnyFileIsTouched() throws IOException {
		Path in = Files.createDirectories(dir.resolve("in"));
		saveFloat(in.resolve("a.tif"), 1, 8, 8, 3);
		Path out = dir.resolve("out");
		MainTest.Result r = MainTest.run("batch", "input=" + in, "output=" + out, "kernel=box(3)", "padding_mode=mirror");
		assertEquals(2, r.status);
		assertTrue(r.err.contains("padding_mode 'mirror'"), r.err);
		assertFalse(Files.exists(out));
		MainTest.Result none = MainTest.run("batch", "input=" + in, "output=" + out, "kernel=box(3)", "pattern=*.png");
		assertEquals(2, none.status);
		assertTrue(none.err.contains("no file in"), none.err);
		MainTest.Result same = MainTest.run("batch", "input=" + in, "output=" + in, "kernel=box(3)");
		assertEquals(2, same.status);
		assertTrue(same.err.contains("is the input folder"), same.err);
		assertTrue(Files.exists(in.resolve("a.tif")) && !Files.exists(in.resolve(BatchLog.NAME)), "the input folder is untouched");
	}
}
