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
	void browsePreviewRecordAndReplayAsAFirstHourUserDoes() throws Exception {
		ImageJRunner imagej = new ImageJRunner(dir);
		Path shots = Paths.get("target", "screenshots").toAbsolutePath();
		// the image in a folder of its own: Browse… starts there, not in ImageJ's folder
		Path images = Files.createDirectories(dir.resolve("images"));
		Path cells = Files.copy(Paths.get("samples", "cells.tif"), images.resolve("cells.tif"));
		Path kernel = Paths.get("samples", "edges_3to2.npy").toAbsolutePath();
		Path bias = Paths.get("samples", "edges_3to2.bias.npy").toAbsolutePath();
		String out = imagej.java(convkit.ijtest.BrowseDialogDriver.class.getName(), shots.toString(), cells.toString(),
			kernel.toString(), bias.toString(), "Conv2D");
		assertEquals(images.toString(), ImageJRunner.value(out, "BROWSE_FOLDER"), out);
		assertEquals("1", ImageJRunner.value(out, "KERNEL_KEYS"), "one kernel key, however the path got there: " + out);
		assertEquals("1", ImageJRunner.value(out, "BIAS_KEYS"), out);
		assertEquals("run(\"Conv2D...\", \"kernel=" + kernel + " bias=" + bias + " stride=2 padding=0 padding_mode=zeros value=0"
			+ " dilation=1 groups=1 channels=auto output_type=float convert=clamp\");", ImageJRunner.value(out, "RECORDED"));
		assertEquals("254x190x1x2", ImageJRunner.value(out, "PREVIEW_SIZE"), "the current plane's result, PyTorch's padding 0: " + out);
		assertEquals("127x95x1x2", ImageJRunner.value(out, "PREVIEW_AFTER_STRIDE"), "the preview follows the stride: " + out);
		assertEquals("true", ImageJRunner.value(out, "PREVIEW_CLOSED"), out);
		assertEquals("cells.tif", ImageJRunner.value(out, "IMAGES_BEFORE_OK"), "the preview made no image of its own: " + out);
		assertEquals("true", ImageJRunner.value(out, "REPLAY_SAME"), out);
	}

	@Test
	void aDialogThatOpensInvalidSaysWhyAndKeepsOkOff() throws Exception {
		ImageJRunner imagej = new ImageJRunner(dir);
		// laplacian (3x3) at padding 0 on a 2x2 image: no output pixel
		String out = imagej.java(convkit.ijtest.OkStateDriver.class.getName(), "Conv2D...", "Conv2D", "'32-bit ramp', 2, 2, 1");
		assertEquals("false", ImageJRunner.value(out, "OK_ENABLED"), out);
		assertTrue(ImageJRunner.value(out, "STATUS").contains("output size along x would be 0"), out);
		String calc = imagej.java(convkit.ijtest.OkStateDriver.class.getName(), "Conv Calculator...", "Conv Calculator", "none",
			"conv k=3 strid=2");
		assertEquals("false", ImageJRunner.value(calc, "OK_ENABLED"), calc);
		assertTrue(ImageJRunner.value(calc, "STATUS").contains("'strid=2'"), calc);
		String field = imagej.java(convkit.ijtest.OkStateDriver.class.getName(), "Effective Receptive Field...", "Effective Receptive Field",
			"none", "conv k=0");
		assertEquals("false", ImageJRunner.value(field, "OK_ENABLED"), field);
		String animation = imagej.java(convkit.ijtest.OkStateDriver.class.getName(), "Conv Animation...", "Conv Animation", "none", "0");
		assertEquals("false", ImageJRunner.value(animation, "OK_ENABLED"), animation);
		assertTrue(ImageJRunner.value(animation, "STATUS").contains("width"), animation);
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
		// padding 0 (PyTorch's default): 38 x 28; the spike of slice 5 at input (25, 4) is seen by output (24, 3)
		assertEquals(38, result.getWidth());
		assertEquals(5f / 9, ((float[]) result.getStack().getPixels(5))[3 * 38 + 24], 1e-6f);
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
