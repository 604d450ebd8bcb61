package convkit.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.ijtest.DialogDriver;
import convkit.ijtest.ImageJRunner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The menu path with its dialog, under Xvfb: a user fills the dialog with the Recorder on, the
 * recorded line replays to the same result; bad options abort a macro with the message and
 * create no image. Screenshots land in target/screenshots (the README's pictures come from there).
 */
class Conv2DDialogIT {

	@TempDir
	Path dir;

	@Test
	void dialogRecordsALineThatReplaysToTheSameResult() throws Exception {
		ImageJRunner imagej = new ImageJRunner(dir);
		Path shots = Paths.get("target", "screenshots").toAbsolutePath();
		String out = imagej.java(DialogDriver.class.getName(), shots.toString(), "samples/cells.tif", "samples/edges_3to2.npy",
			"samples/edges_3to2.bias.npy", "2", "same", "reflect", "1");
		assertEquals("run(\"Conv2D...\", \"kernel=" + Paths.get("samples", "edges_3to2.npy").toAbsolutePath() + " bias="
			+ Paths.get("samples", "edges_3to2.bias.npy").toAbsolutePath() + " stride=2 padding=same"
			+ " padding_mode=reflect value=0 dilation=1 groups=1 channels=auto output_type=float convert=clamp\");", ImageJRunner.value(out, "RECORDED"));
		assertEquals("true", ImageJRunner.value(out, "REPLAY_SAME"), out);
		assertTrue(ImageJRunner.value(out, "STATUS").startsWith("Output [2, 96, 128] per position; receptive field 3 x 3"),
			"live output size in the dialog: " + out);
		assertEquals("cells-conv|cells-conv-1", ImageJRunner.value(out, "TITLES"), "a second result gets a title of its own");
		assertEquals("6", ImageJRunner.value(out, "REPORT_ROWS"), "rows appended: two axes of three runs");
		// box(3) stride 2 after the 3x3 stride-2 layer: this layer 3, composed 3 + (3 - 1) * 2 = 7, in cells.tif
		assertEquals("3.0|7.0|cells.tif", ImageJRunner.value(out, "REPORT_LAST_FIELD"));
		assertTrue(Files.size(shots.resolve("dialog.png")) > 1000);
	}

	@Test
	void aVirtualStackAsksForTheOutputFileAndRecordsIt() throws Exception {
		ImageJRunner imagej = new ImageJRunner(dir);
		ij.ImageStack st = new ij.ImageStack(40, 30);
		for (int i = 0; i < 5; i++) st.addSlice(new ij.process.FloatProcessor(40, 30, new float[1200]));
		for (int i = 1; i <= 5; i++) ((float[]) st.getPixels(i))[i * 37] = i;
		Path in = dir.resolve("virtual in.tif");
		assertTrue(new ij.io.FileSaver(new ij.ImagePlus("v", st)).saveAsTiff(in.toString()));
		Path outFile = dir.resolve("virtual out.tif");
		Path shots = Paths.get("target", "screenshots").toAbsolutePath();
		String out = imagej.java(convkit.ijtest.VirtualDialogDriver.class.getName(), shots.toString(), in.toString(), "box(3)",
			outFile.toString());
		assertEquals("true", ImageJRunner.value(out, "VIRTUAL"), out);
		assertEquals("1", ImageJRunner.value(out, "IMAGES"), "the result is the file, not a new image: " + out);
		assertEquals("true", ImageJRunner.value(out, "WRITTEN"), out);
		assertTrue(ImageJRunner.value(out, "RECORDED").contains(" output=[" + outFile + "]"), out);
		assertEquals("true", ImageJRunner.value(out, "REPLAY_SAME"), out);
		ij.ImagePlus result = new ij.io.Opener().openImage(outFile.toString());
		assertEquals(5, result.getStackSize());
		assertEquals(5f / 9, ((float[]) result.getStack().getPixels(5))[5 * 37], 1e-6f);
	}

	@Test
	void badOptionsAbortTheMacroWithTheMessageAndCreateNothing() throws Exception {
		ImageJRunner imagej = new ImageJRunner(dir);
		String[][] bad = {
			{ "kernel=box(3) stride=0", "stride must be positive: 0,0" },
			{ "kernel=box(3) padding=5 padding_mode=reflect", "reflect padding must be smaller than the input size" },
			{ "kernel=nonsense", "kernel 'nonsense' is neither a file" },
			{ "kernel=box(3) strid=2", "unknown option 'strid'" },
			{ "kernel=[[[[[1]]], [[[1]]]]] groups=2", "must be divisible by groups" },
			{ "kernel=box(9)", "output size along x would be -3" },
			// settings that once hung the command (in its memory check) or wrapped around
			{ "kernel=[box(3)] padding=same dilation=1073741824", "along x: padding=same would pad 2147483648 pixels" },
			{ "kernel=[box(3)] padding=2147483647,0", "more than 2147483647 pixels" } };
		double seconds = imagej.assertEachAborts("'32-bit ramp', 5, 4, 1", "Conv2D...", bad); // one ImageJ for all
		assertTrue(seconds < 120, "took " + seconds + " s");
	}
}
