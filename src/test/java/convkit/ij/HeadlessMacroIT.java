package convkit.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.ijtest.ImageJRunner;
import convkit.testing.Reference;
import convkit.testing.Tolerance;
import ij.ImagePlus;
import ij.io.FileSaver;
import ij.io.Opener;
import ij.process.FloatProcessor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real ImageJ 1 with {@code -Djava.awt.headless=true -batch} (no display at all): the
 * {@code call(...)} entries, the {@code Ext.*} functions, and macros/batch_convolve.ijm.
 */
class HeadlessMacroIT {

	@TempDir
	Path dir;

	@Test
	void pixelsReadAfterACallAreTheResultsAndOutputWritesTheFile() throws Exception {
		ImageJRunner imagej = new ImageJRunner(dir);
		Path out = dir.resolve("called out.tif");
		Path missing = dir.resolve("no such folder").resolve("x.tif");
		String macro = String.join("\n",
			"newImage('in', '32-bit black', 8, 6, 1);",
			"setPixel(2, 2, 100);",
			"t = call('convkit.ij.MacroCalls.conv2d', 'kernel=[3]');",
			"print('after_call=' + getTitle() + ' ' + getPixel(2, 2));",
			"setPixel(3, 3, 5);",
			"print('set_on_result=' + getPixel(3, 3));",
			"call('convkit.ij.ConvKitExtensions.register');",
			"selectImage('in');",
			"setPixel(1, 1, 7);",
			"Ext.conv2d('kernel=[2]');",
			"print('after_ext=' + getTitle() + ' ' + getPixel(1, 1));",
			"selectImage('in');",
			"n = nImages;",
			"f = call('convkit.ij.MacroCalls.conv2d', 'kernel=[2] output=[" + out.toString().replace("\\", "/") + "]');",
			"print('output_call=' + File.exists(f) + ' ' + (nImages - n));",
			"call('convkit.ij.MacroCalls.conv2d', 'kernel=[2] output=[" + missing.toString().replace("\\", "/") + "]');",
			"print('NOT ABORTED');");
		String printed = imagej.headless(imagej.macroFile(macro), null);
		// a file-to-file call whose output is its kernel: refused, the kernel kept
		Path kernel = dir.resolve("k.npy");
		try (java.io.OutputStream os = Files.newOutputStream(kernel)) {
			convkit.io.Npy.write(os, new int[] { 3, 3 }, new float[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 });
		}
		byte[] kernelBefore = Files.readAllBytes(kernel);
		Path input = dir.resolve("in.tif");
		assertTrue(new ij.io.FileSaver(ij.IJ.createImage("in", "32-bit ramp", 12, 10, 1)).saveAsTiff(input.toString()));
		String k = kernel.toString().replace("\\", "/");
		String overKernel = imagej.headless(imagej.macroFile("call('convkit.ij.MacroCalls.convolveFile', '" + input.toString()
			.replace("\\", "/") + "', '" + k + "', 'kernel=[" + k + "]');\nprint('NOT ABORTED');\n"), null);
		assertTrue(overKernel.contains("Macro Error: ConvKit convolveFile: output '" + kernel + "' is the kernel file"), overKernel);
		assertFalse(overKernel.contains("NOT ABORTED"), overKernel);
		assertTrue(java.util.Arrays.equals(kernelBefore, Files.readAllBytes(kernel)), "the kernel is kept");
		assertEquals("in-conv 300", ImageJRunner.value(printed, "after_call"), "getPixel reads the result, the current image: " + printed);
		assertEquals("5", ImageJRunner.value(printed, "set_on_result"), printed);
		assertEquals("in-conv-1 14", ImageJRunner.value(printed, "after_ext"), printed);
		assertEquals("1 0", ImageJRunner.value(printed, "output_call"), "the file is written, no image made: " + printed);
		assertEquals(2f * 100, ((float[]) new ij.io.Opener().openImage(out.toString()).getProcessor().getPixels())[2 * 8 + 2]);
		assertTrue(printed.contains("Macro Error: ConvKit conv2d: output folder '" + missing.getParent() + "' does not exist"), printed);
		assertFalse(printed.contains("NOT ABORTED"), printed);
	}

	@Test
	void callEntriesAndExtensionFunctionsWorkWithoutADisplay() throws Exception {
		ImageJRunner imagej = new ImageJRunner(dir);
		String macro = String.join("\n",
			"newImage('in', '32-bit ramp', 12, 10, 1);",
			"t = call('convkit.ij.MacroCalls.conv2d', 'kernel=[1 1; 1 1] stride=2');",
			"print('call_title=' + t); print('call_current=' + getTitle() + ' ' + getWidth() + 'x' + getHeight());",
			"print('call_value=' + getPixel(1, 1));",
			"print('calc=' + call('convkit.ij.MacroCalls.calc', 'conv k=3 s=2 p=same; maxpool k=2', '224,224', '2', 'rf.x'));",
			"call('convkit.ij.ConvKitExtensions.register');",
			"print('ext_size=' + Ext.outputSize(224, 3, 2, 1, 1, 1));",
			"print('ext_size_valid=' + Ext.outputSize(7, 3, 1, 0, 0, 2));",
			"Ext.receptiveField('conv k=3; conv k=3', 'x', rf, jump, start);",
			"print('ext_rf=' + rf + ',' + jump + ',' + start);",
			"Ext.receptiveField('conv k=3 s=2; maxpool k=2; conv k=3 d=2 p=2', 'y', rf, jump, start);",
			"print('ext_rf2=' + rf + ',' + jump + ',' + start);",
			"print('frames=' + call('convkit.ij.MacroCalls.animation', 'width=7 height=4 kernel=3,2 stride=2,1 padding=same'));",
			"print('erf=' + call('convkit.ij.MacroCalls.effectiveField', 'layers=[conv k=3; maxpool k=2; relu; conv k=3]'));",
			"selectImage('in'); Ext.conv2d('kernel=box(3) padding=1 padding_mode=replicate');",
			"print('ext_title=' + getTitle() + ' ' + getWidth());",
			"Ext.conv2d('kernel=box(3) padding=1 padding_mode=mirror');",
			"print('NOT ABORTED');", "");
		String out = imagej.headless(imagej.macroFile(macro), null);
		assertEquals("in-conv", ImageJRunner.value(out, "call_title"), out);
		assertEquals("in-conv 6x5", ImageJRunner.value(out, "call_current"));
		// ramp: value(x, y) = x / 12; window at (2,2)..(3,3): (2 + 3 + 2 + 3) / 12
		assertEquals(10 / 12.0, Double.parseDouble(ImageJRunner.value(out, "call_value")), 1e-4);
		// conv k=3 s=2 same: rf 3, jump 2; maxpool k=2: rf 3 + 1·2 = 5
		assertEquals("5", ImageJRunner.value(out, "calc"));
		assertEquals("112", ImageJRunner.value(out, "ext_size"));
		assertEquals("3", ImageJRunner.value(out, "ext_size_valid"));
		assertEquals("5,1,2", ImageJRunner.value(out, "ext_rf"));
		// y: k3 s2 -> r 3, j 2, start 1; maxpool k2 -> r 5, j 4, start 2; conv k3 d2 p2 -> r 5 + 4·4 = 21, start 2 + 0
		assertEquals("21,4,2", ImageJRunner.value(out, "ext_rf2"));
		assertEquals("in-conv-1 12", ImageJRunner.value(out, "ext_title"), "in-conv is open: the second result gets a title of its own");
		// same at stride 2 on 7: 4 columns; stride 1 on 4: 4 rows
		assertEquals("16", ImageJRunner.value(out, "frames"));
		// conv 3 -> 3; maxpool 2 (jump 1 -> 2): 3 + 1 = 4; relu; conv 3: 4 + 2·2 = 8
		assertEquals("8x8", ImageJRunner.value(out, "erf"));
		assertTrue(out.contains("Macro Error: ConvKit conv2d: padding_mode 'mirror' is not known"), out);
		assertFalse(out.contains("NOT ABORTED"), out);
		assertFalse(out.contains("HeadlessException"), out);
	}

	@Test
	void batchConvolveMacroRunsHeadless() throws Exception {
		ImageJRunner imagej = new ImageJRunner(dir);
		Path in = Files.createDirectories(dir.resolve("in"));
		Path out = dir.resolve("out");
		for (int i = 0; i < 3; i++) {
			float[] v = new float[30 * 20];
			for (int j = 0; j < v.length; j++) v[j] = (j * (i + 3)) % 17;
			new FileSaver(new ImagePlus("i" + i, new FloatProcessor(30, 20, v))).saveAsTiff(in.resolve("i" + i + ".tif").toString());
		}
		Files.write(in.resolve("notes.txt"), new byte[] { 'x' });
		String options = "kernel=sobel_x stride=2 padding=same padding_mode=symmetric";
		String log = imagej.headless(Paths.get("macros", "batch_convolve.ijm").toAbsolutePath(),
			"input=" + in + " output=" + out + " options=[" + options + "]");
		assertTrue(log.contains("batch_convolve: 3 files written"), log);
		for (int i = 0; i < 3; i++) {
			// the independent reference: sobel_x, stride 2, same (TensorFlow's rule), symmetric
			Reference.Case c = new Reference.Case();
			c.channels = 1;
			c.outChannels = 1;
			c.height = 20;
			c.width = 30;
			c.input = new float[600];
			for (int j = 0; j < 600; j++) c.input[j] = (j * (i + 3)) % 17;
			c.kh = 3;
			c.kw = 3;
			c.weights = new float[] { -1, 0, 1, -2, 0, 2, -1, 0, 1 };
			c.stride = new int[] { 2, 2, 1 };
			c.same = true;
			c.mode = "symmetric";
			ImagePlus res = new Opener().openImage(out.resolve("i" + i + ".tif").toString());
			Tolerance.assertClose(Reference.conv(c), (float[]) res.getProcessor().getPixels(), 1e-5, "i" + i);
		}
		try (Stream<Path> s = Files.list(out)) {
			assertEquals(3, s.count(), "three outputs, no temporary file");
		}
	}
}
