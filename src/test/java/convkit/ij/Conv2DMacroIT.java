package convkit.ij;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.engine.Tensor;
import convkit.image.ImageTensors;
import convkit.io.NdArray;
import convkit.io.Npy;
import convkit.ijtest.ImageJRunner;
import convkit.options.ChannelMapping;
import convkit.testing.CaseFiles;
import convkit.testing.ConformanceCase;
import convkit.testing.Tolerance;
import ij.ImagePlus;
import ij.io.FileSaver;
import ij.io.Opener;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run("Conv2D...", ...)} in a real ImageJ 1 ({@code ij.ImageJ -batch} under Xvfb, the
 * plugin jar in its plugins folder): conformance cases, RGB, 16-bit, hyperstacks, stacks,
 * kernel sources, calibration, selections; the input image is unchanged by every run.
 */
class Conv2DMacroIT {

	/** A macro function: title, shape, calibration, Info, selection and a weighted pixel sum. */
	static final String FINGERPRINT = String.join("\n",
		"function fingerprint(id) {",
		"  selectImage(id);",
		"  Stack.getDimensions(w, h, c, z, t);",
		"  getVoxelSize(pw, ph, pd, unit);",
		"  s = getTitle() + '|' + w + 'x' + h + '|' + c + ',' + z + ',' + t + '|' + bitDepth() + '|' + pw + ',' + ph + ',' + pd",
		"    + ',' + unit + '|' + getMetadata('Info') + '|' + selectionType();",
		"  n = getSliceNumber(); sum = 0;",
		"  for (i = 1; i <= nSlices; i++) { setSlice(i); for (y = 0; y < h; y++) for (x = 0; x < w; x++)",
		"    sum = sum + getPixel(x, y) * (1 + x + 3 * y + 7 * i); }",
		"  setSlice(n);",
		"  return s + '|' + d2s(sum, 6);",
		"}", "");

	@TempDir
	static Path dir;

	static ImageJRunner imagej;

	@BeforeAll
	static void startImageJHome() throws IOException {
		imagej = new ImageJRunner(dir);
	}

	private static String path(Path p) {
		return p.toString().replace("\\", "/");
	}

	/** Copies case {@code c}'s arrays into {@code data} and writes its input as a 32-bit TIFF there; the TIFF's path. */
	private static Path caseImage(ConformanceCase c, Path data) throws IOException {
		CaseFiles.copy(c, data);
		NdArray in = c.array("input");
		ImagePlus imp = ImageTensors.toImage(Collections.singletonList(Tensor.of(in.dim(0), in.dim(1), in.dim(2), in.toArray())), 1, 1,
			c.name());
		Path tif = data.resolve(c.name() + ".tif");
		assertTrue(new FileSaver(imp).saveAsTiff(tif.toString()));
		return tif;
	}

	/** Case {@code c}'s settings as one Conv2D option string (files in {@code data}). */
	private static String caseOptions(ConformanceCase c, Path data) {
		return String.join(" ", CaseFiles.convArguments(c, data));
	}

	@Test
	void sharedConformanceCasesMatchThroughTheMenuCommand() throws Exception {
		List<ConformanceCase> cases = ConformanceCase.load("conformance", "cases.tsv");
		Path data = Files.createDirectories(dir.resolve("conformance"));
		StringBuilder macro = new StringBuilder(FINGERPRINT);
		for (ConformanceCase c : cases) {
			Path tif = caseImage(c, data);
			macro.append("open('").append(path(tif)).append("'); id = getImageID(); fp = fingerprint(id);\n");
			macro.append("run('Conv2D...', '").append(caseOptions(c, data)).append("');\n");
			macro.append("saveAs('Tiff', '").append(path(data.resolve(c.name() + ".out.tif"))).append("');\n");
			macro.append("print('same-").append(c.name()).append("=' + (fp == fingerprint(id))); close('*');\n");
		}
		String out = imagej.macro("batch", macro.toString());
		for (ConformanceCase c : cases) {
			assertEquals("1", ImageJRunner.value(out, "same-" + c.name()), c.name() + ": input changed");
			ImagePlus res = new Opener().openImage(data.resolve(c.name() + ".out.tif").toString());
			Tensor t = ImageTensors.toTensors(res, ChannelMapping.AUTO, null).get(0);
			NdArray exp = c.array("expected");
			assertArrayEquals(exp.shape(), new int[] { t.channels(), t.height(), t.width() }, c.name());
			assertTrue(ConformanceCase.relativeError(t.toArray(), exp.toArray()) <= 1e-4, c.name());
		}
	}

	@Test
	void peerCasesConstantFillAndSameLowerMatchThroughTheMenuCommandWithEveryMethod() throws Exception {
		List<ConformanceCase> cases = ConformanceCase.load("conformance-peers", "cases.tsv");
		Path data = Files.createDirectories(dir.resolve("conformance-peers"));
		StringBuilder macro = new StringBuilder(FINGERPRINT);
		List<String> runs = new java.util.ArrayList<>();
		for (ConformanceCase c : cases) {
			Path tif = caseImage(c, data);
			String opts = caseOptions(c, data);
			convkit.engine.ConvPlan plan = convkit.engine.ConvPlan.of(c.input().shape(), c.weight(), c.bias(), c.spec());
			for (convkit.engine.Method m : convkit.engine.Method.values()) {
				try {
					convkit.engine.Convolution.prepare(plan, m);
				}
				catch (IllegalArgumentException notForThisPlan) {
					continue; // e.g. fft at stride 2, separable for a kernel of rank 2
				}
				String run = c.name() + "." + m.label();
				runs.add(run);
				macro.append("open('").append(path(tif)).append("'); id = getImageID(); fp = fingerprint(id);\n");
				macro.append("run('Conv2D...', '").append(opts).append(" method=").append(m.label()).append("');\n");
				macro.append("saveAs('Tiff', '").append(path(data.resolve(run + ".out.tif"))).append("');\n");
				macro.append("print('same-").append(run).append("=' + (fp == fingerprint(id))); close('*');\n");
			}
		}
		String out = imagej.macro("batch", macro.toString());
		assertTrue(runs.size() >= 2 * cases.size(), "auto and direct at least, more where they apply: " + runs.size());
		for (String run : runs) {
			ConformanceCase c = cases.stream().filter(k -> run.startsWith(k.name() + ".")).findFirst().get();
			assertEquals("1", ImageJRunner.value(out, "same-" + run), run + ": input changed");
			ImagePlus res = new Opener().openImage(data.resolve(run + ".out.tif").toString());
			Tensor t = ImageTensors.toTensors(res, ChannelMapping.AUTO, null).get(0);
			NdArray exp = c.array("expected");
			assertArrayEquals(exp.shape(), new int[] { t.channels(), t.height(), t.width() }, run);
			Tolerance.assertClose(c.expected(), Tolerance.roundingFloor(c.reference()), t.toArray(), 1e-4, run);
		}
	}

	@Test
	void outputTypeSameEqualsImageJsConvolveThroughBothMenuCommands() throws Exception {
		String[] kernels = { "-1 -1 -1\\n-1 9 -1\\n-1 -1 -1", "1 0 -1\\n2 0 -2\\n1 0 -1",
			"0.0625 0.125 0.0625\\n0.125 0.25 0.125\\n0.0625 0.125 0.0625" };
		StringBuilder macro = new StringBuilder(String.join("\n",
			"function differences(a, b) { selectImage(a); w = getWidth(); h = getHeight(); n = 0;",
			"  for (y = 0; y < h; y++) for (x = 0; x < w; x++) { selectImage(a); va = getPixel(x, y);",
			"    selectImage(b); if (getPixel(x, y) != va) n++; } return n; }",
			"open('" + path(Paths.get("samples", "cells.tif").toAbsolutePath()) + "'); run('8-bit'); rename('u8');",
			"newImage('u16', '16-bit black', 61, 47, 1);",
			"for (y = 0; y < 47; y++) for (x = 0; x < 61; x++) setPixel(x, y, (x * 7919 + y * 104729) % 65536);", ""));
		for (String type : new String[] { "u8", "u16" }) {
			for (int k = 0; k < kernels.length; k++) {
				String conv = kernels[k].replace("\\n", "; ");
				macro.append("selectImage('").append(type).append("'); run('Duplicate...', 'title=ij'); ij = getImageID();\n");
				macro.append("run('Convolve...', 'text1=[").append(kernels[k]).append("]');\n");
				macro.append("selectImage('").append(type).append("'); run('Conv2D...', 'kernel=[").append(conv)
					.append("] padding=same padding_mode=replicate output_type=same convert=clamp'); ck = getImageID();\n");
				macro.append("print('bits-").append(type).append(k).append("=' + bitDepth());\n");
				macro.append("print('diff-").append(type).append(k).append("=' + differences(ij, ck));\n");
				macro.append("selectImage(ij); close(); selectImage(ck); close();\n");
			}
		}
		String out = imagej.macro("batch", macro.toString());
		for (String type : new String[] { "u8", "u16" }) {
			for (int k = 0; k < kernels.length; k++) {
				assertEquals(type.equals("u8") ? "8" : "16", ImageJRunner.value(out, "bits-" + type + k), out);
				assertEquals("0", ImageJRunner.value(out, "diff-" + type + k), type + " kernel " + k + ": pixels that differ\n" + out);
			}
		}
	}

	@Test
	void extensionsFromTheMenuThePyTorchLineInLogAndInfoAndTheSlicesHint() throws Exception {
		String out = imagej.macro("batch", String.join("\n",
			"run('ConvKit Macro Extensions');",
			"newImage('e', '32-bit ramp', 30, 20, 3); Ext.conv2d('kernel=box(3) stride=2,1 dilation=1,3 padding=3');",
			"print('ext_title=' + getTitle() + ' ' + getWidth() + 'x' + getHeight());",
			"print('info_torch=' + (indexOf(getMetadata('Info'), 'PyTorch: nn.Conv2d(1, 1, kernel_size=(3, 3), stride=(1, 2), padding=(3, 3),"
				+ " dilation=(3, 1)') >= 0));",
			"newImage('plain', '32-bit ramp', 8, 8, 4); selectImage('plain');", ""));
		assertEquals("e-conv 17x20", ImageJRunner.value(out, "ext_title"), out);
		assertEquals("1", ImageJRunner.value(out, "info_torch"), out);
		// the Log (stdout under -batch): the same line
		assertTrue(out.contains("  PyTorch: nn.Conv2d(1, 1, kernel_size=(3, 3), stride=(1, 2), padding=(3, 3), dilation=(3, 1)"), out);
		// a kernel with 4 input channels on a plain 4-slice stack: the refusal names channels=slices
		String refused = imagej.macro("batch", "newImage('plain', '32-bit ramp', 8, 8, 4);\n"
			+ "run('Conv2D...', 'kernel=[[[[[1]], [[1]], [[1]], [[1]]]]]');\n");
		assertTrue(refused.contains("'plain' is a plain stack of 4 slices: channels=slices reads them as its 4 input channels"), refused);
	}

	@Test
	void aMacroLoopGetsEveryReportRowAtOnceAndTheOpenTableShowsThemAll() throws Exception {
		// the open table is redrawn once for the calls of a loop (ConvReport.REDRAW_DELAY_MS); its rows are there at once
		String out = imagej.macro("gui", String.join("\n",
			"newImage('loop', '32-bit ramp', 40, 30, 3);",
			"for (i = 0; i < 6; i++) { selectImage('loop'); run('Conv2D...', 'kernel=[1 2 1; 2 4 2; 1 2 1] padding=1'); close(); }",
			"call('convkit.ijtest.BatchLauncher.say', 'rows_at_once=' + Table.size('Conv2D Report'));",
			"wait(" + (4 * ConvReport.REDRAW_DELAY_MS) + ");",
			"selectWindow('Conv2D Report'); lines = split(getInfo('window.contents'), '\\n');",
			"call('convkit.ijtest.BatchLauncher.say', 'rows_shown=' + (lines.length - 1));", ""));
		assertEquals("12", ImageJRunner.value(out, "rows_at_once"), out);
		assertEquals("12", ImageJRunner.value(out, "rows_shown"), out);
	}

	@Test
	void aVirtualStackIsWrittenToTheOutputFilePlaneByPlane() throws Exception {
		Path data = Files.createDirectories(dir.resolve("virtual"));
		java.util.Random r = new java.util.Random(11);
		ij.ImageStack st = new ij.ImageStack(48, 36);
		for (int i = 0; i < 7; i++) {
			short[] v = new short[48 * 36];
			for (int k = 0; k < v.length; k++) v[k] = (short) r.nextInt(3000);
			st.addSlice("s" + i, new ij.process.ShortProcessor(48, 36, v, null));
		}
		ImagePlus stack = new ImagePlus("vs", st);
		stack.getCalibration().pixelWidth = 0.4;
		stack.getCalibration().pixelHeight = 0.4;
		stack.getCalibration().setUnit("um");
		Path in = data.resolve("vs.tif");
		assertTrue(new FileSaver(stack).saveAsTiff(in.toString()));
		String opts = "kernel=[gaussian(1.5)] stride=2 padding=same padding_mode=reflect output_type=same";
		String out = imagej.macro("batch", String.join("\n",
			"run('TIFF Virtual Stack...', 'open=[" + path(in) + "]');",
			"print('virtual=' + is('Virtual Stack'));",
			"run('Conv2D...', '" + opts + " output=[" + path(data.resolve("menu.tif")) + "]');",
			"print('images=' + nImages);", ""));
		assertEquals("1", ImageJRunner.value(out, "virtual"), out);
		assertEquals("1", ImageJRunner.value(out, "images"), "no result image is made: " + out);
		assertTrue(out.contains("Conv2D: wrote " + data.resolve("menu.tif") + " [1, 18, 24] x 7 positions, plane by plane (virtual stack)"),
			out);
		// the same file the command line writes for the file (streamed: stream=yes)
		List<String> cli = new java.util.ArrayList<>(List.of("conv", "input=" + in, "output=" + data.resolve("cli.tif"), "stream=yes"));
		for (String o : opts.split(" (?=[a-z_]+=)")) cli.add(o);
		assertEquals(0, convkit.cli.Main.run(cli.toArray(new String[0]), System.out, System.err));
		ImagePlus a = new Opener().openImage(data.resolve("menu.tif").toString());
		ImagePlus b = new Opener().openImage(data.resolve("cli.tif").toString());
		assertEquals(16, a.getBitDepth());
		assertArrayEquals(b.getDimensions(), a.getDimensions());
		for (int i = 1; i <= 7; i++) assertArrayEquals((short[]) b.getStack().getPixels(i), (short[]) a.getStack().getPixels(i), "plane " + i);
		assertEquals(0.8, a.getCalibration().pixelWidth, 1e-9);
		assertEquals("\u00b5m", a.getCalibration().getUnit()); // ImageJ shows um as µm
	}

	@Test
	void rgbSixteenBitHyperstacksAndStacks() throws Exception {
		String macro = FINGERPRINT + String.join("\n",
			"newImage('rgb', 'RGB black', 6, 5, 1); setPixel(2, 1, 7*65536 + 3*256 + 1); id = getImageID(); fp = fingerprint(id);",
			"run('Conv2D...', 'kernel=[[[[[1]], [[10]], [[100]]]]]');",
			"print('rgb_value=' + getPixel(2, 1)); print('rgb_bits=' + bitDepth()); print('rgb_title=' + getTitle());",
			"print('rgb_same=' + (fp == fingerprint(id)));",
			"newImage('u16', '16-bit black', 4, 4, 1); setPixel(1, 1, 60000); id = getImageID(); fp = fingerprint(id);",
			"run('Conv2D...', 'kernel=[0 0 0; 0 2 0; 0 0 0] padding=1');",
			"print('u16_value=' + getPixel(1, 1)); print('u16_size=' + getWidth() + 'x' + getHeight());",
			"print('u16_same=' + (fp == fingerprint(id)));",
			"newImage('hs', '32-bit composite-mode', 5, 4, 2, 3, 2);",
			"for (c = 1; c <= 2; c++) for (z = 1; z <= 3; z++) for (t = 1; t <= 2; t++) { Stack.setPosition(c, z, t);",
			"  for (y = 0; y < 4; y++) for (x = 0; x < 5; x++) setPixel(x, y, c*100 + z*10 + t + x); }",
			"Stack.setPosition(1, 1, 1); id = getImageID(); fp = fingerprint(id);",
			"run('Conv2D...', 'kernel=[[[[[1]], [[1]]], [[[1]], [[-1]]]]] stride=2');",
			"Stack.getDimensions(w, h, c, z, t); print('hs_dims=' + w + ',' + h + ',' + c + ',' + z + ',' + t);",
			"Stack.setPosition(1, 2, 2); print('hs_a=' + getPixel(1, 0)); Stack.setPosition(2, 3, 1); print('hs_b=' + getPixel(1, 1));",
			"print('hs_same=' + (fp == fingerprint(id)));",
			"newImage('st', '32-bit black', 3, 3, 3); for (i = 1; i <= 3; i++) { setSlice(i);",
			"  for (y = 0; y < 3; y++) for (x = 0; x < 3; x++) setPixel(x, y, i); } setSlice(1); id = getImageID(); fp = fingerprint(id);",
			"run('Conv2D...', 'kernel=[[[[[1]], [[2]], [[3]]]]] channels=slices');",
			"print('slices_value=' + getPixel(1, 1)); print('slices_n=' + nSlices);",
			"selectImage(id); run('Conv2D...', 'kernel=[2]');",
			"setSlice(3); print('planes_value=' + getPixel(1, 1)); print('planes_n=' + nSlices);",
			"print('st_same=' + (fp == fingerprint(id)));", "");
		String out = imagej.macro("batch", macro);
		assertEquals("137", ImageJRunner.value(out, "rgb_value"), "r + 10 g + 100 b");
		assertEquals("32", ImageJRunner.value(out, "rgb_bits"));
		assertEquals("rgb-conv", ImageJRunner.value(out, "rgb_title"));
		assertEquals("120000", ImageJRunner.value(out, "u16_value"), "16-bit values used as they are, no clamping");
		assertEquals("4x4", ImageJRunner.value(out, "u16_size"));
		assertEquals("3,2,2,3,2", ImageJRunner.value(out, "hs_dims"), "C_out=2, Z and T kept, stride within planes");
		// out1 = ch1 + ch2 at input x=2: (100 + 20 + 2 + 2) + (200 + 20 + 2 + 2) = 348
		assertEquals("348", ImageJRunner.value(out, "hs_a"));
		assertEquals("-100", ImageJRunner.value(out, "hs_b"));
		assertEquals("14", ImageJRunner.value(out, "slices_value"), "1*1 + 2*2 + 3*3");
		assertEquals("1", ImageJRunner.value(out, "slices_n"));
		assertEquals("6", ImageJRunner.value(out, "planes_value"));
		assertEquals("3", ImageJRunner.value(out, "planes_n"));
		for (String k : new String[] { "rgb_same", "u16_same", "hs_same", "st_same" }) {
			assertEquals("1", ImageJRunner.value(out, k), k + ": input image changed");
		}
	}

	@Test
	void everyKernelSourceGivesTheSameNumbers() throws Exception {
		Path k = Files.createDirectories(dir.resolve("kernels"));
		float[] w = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
		try (OutputStream o = Files.newOutputStream(k.resolve("k.npy"))) {
			Npy.write(o, new int[] { 3, 3 }, w);
		}
		Files.write(k.resolve("k.csv"), "1,2,3\n4,5,6\n7,8,9\n".getBytes(StandardCharsets.UTF_8));
		Files.write(k.resolve("k.txt"), "1\t2\t3\n4\t5\t6\n7\t8\t9\n".getBytes(StandardCharsets.UTF_8));
		String[] sources = { path(k.resolve("k.npy")), path(k.resolve("k.csv")), path(k.resolve("k.txt")), "kimg",
			"1 2 3; 4 5 6; 7 8 9", "[[1, 2, 3], [4, 5, 6], [7, 8, 9]]", "box(3)" };
		StringBuilder macro = new StringBuilder(FINGERPRINT);
		macro.append("newImage('kimg', '32-bit black', 3, 3, 1); for (i = 0; i < 9; i++) setPixel(i % 3, floor(i / 3), i + 1);\n");
		macro.append("newImage('in', '32-bit black', 5, 5, 1); for (y = 0; y < 5; y++) for (x = 0; x < 5; x++) setPixel(x, y, x + 10*y);\n");
		macro.append("id = getImageID(); fp = fingerprint(id);\n");
		for (int i = 0; i < sources.length; i++) {
			macro.append("selectImage(id); run('Conv2D...', 'kernel=[").append(sources[i]).append("]');\n");
			macro.append("print('src").append(i).append("=' + getPixel(0, 0) + ' ' + getWidth()); close();\n");
		}
		macro.append("print('same=' + (fp == fingerprint(id)));\n");
		String out = imagej.macro("batch", macro.toString());
		double expected = 0;
		for (int ky = 0; ky < 3; ky++) for (int kx = 0; kx < 3; kx++) expected += w[ky * 3 + kx] * (kx + 10 * ky);
		for (int i = 0; i < sources.length - 1; i++) {
			String[] v = ImageJRunner.value(out, "src" + i).split(" ");
			assertEquals(expected, Double.parseDouble(v[0]), 1e-3, sources[i]);
			assertEquals("3", v[1], sources[i]);
		}
		assertEquals(11.0, Double.parseDouble(ImageJRunner.value(out, "src" + (sources.length - 1)).split(" ")[0]), 1e-4,
			"box(3): mean of x + 10 y over the window");
		assertEquals("1", ImageJRunner.value(out, "same"));
	}

	@Test
	void stridedOutputIsCalibratedToOverlayTheInputAndSelectionsCrop() throws Exception {
		Path a = dir.resolve("cal-a.tif");
		Path b = dir.resolve("cal-b.tif");
		String macro = FINGERPRINT + String.join("\n",
			"newImage('cal', '32-bit ramp', 12, 10, 1); run('Properties...', 'unit=um pixel_width=0.5 pixel_height=0.25 voxel_depth=1');",
			"id = getImageID(); fp = fingerprint(id);",
			"run('Conv2D...', 'kernel=box(3) stride=2'); print('a_title=' + getTitle()); saveAs('Tiff', '" + path(a) + "');",
			"selectImage(id); makeRectangle(2, 4, 8, 6); fp2 = fingerprint(id);",
			"run('Conv2D...', 'kernel=box(3) stride=2'); saveAs('Tiff', '" + path(b) + "');",
			"print('same=' + (fp2 == fingerprint(id)));", "");
		String out = imagej.macro("batch", macro);
		assertEquals("cal-conv", ImageJRunner.value(out, "a_title"));
		assertEquals("1", ImageJRunner.value(out, "same"));
		ImagePlus ra = new Opener().openImage(a.toString());
		assertEquals(5, ra.getWidth()); // floor((12 - 3)/2) + 1
		assertEquals(4, ra.getHeight());
		assertEquals(1.0, ra.getCalibration().pixelWidth, 1e-9);
		assertEquals(0.5, ra.getCalibration().pixelHeight, 1e-9);
		assertEquals("\u00b5m", ra.getCalibration().getUnit());
		assertEquals(-0.5, ra.getCalibration().xOrigin, 1e-9); // (0 - start 1) / 2
		assertEquals(-0.5, ra.getCalibration().yOrigin, 1e-9);
		// output pixel 1 lies over input pixel start + 1·j = 3, in physical units 1.5 um
		assertEquals(1.5, ra.getCalibration().getX(1), 1e-9);
		ImagePlus rb = new Opener().openImage(b.toString());
		assertEquals(3, rb.getWidth());
		assertEquals(2, rb.getHeight());
		assertEquals(-1.5, rb.getCalibration().xOrigin, 1e-9); // (0 - 2 - 1) / 2
		assertEquals(-2.5, rb.getCalibration().yOrigin, 1e-9); // (0 - 4 - 1) / 2
		assertTrue(((String) rb.getProperty("Info")).contains("region: x=2 y=4 width=8 height=6"));
		assertFalse(out.contains("MACRO ERROR"), out);
	}

	@Test
	void exampleMacrosRun() throws Exception {
		Path png = Files.createDirectories(Paths.get("target", "screenshots").toAbsolutePath()).resolve("padding_modes.png");
		String demo = imagej.macro("batch", "runMacro('" + path(Paths.get("macros", "padding_modes_demo.ijm").toAbsolutePath())
			+ "', '" + path(png) + "');\n");
		for (String mode : new String[] { "zeros", "reflect", "symmetric", "replicate", "circular", "constant" }) {
			assertTrue(demo.contains(mode + ": 28 x 24"), demo);
		}
		assertTrue(demo.contains("o = floor("), "the report's formula: " + demo);
		assertTrue(Files.size(png) > 1000);
		String layer = imagej.macro("batch", "open('" + path(Paths.get("samples", "cells.tif").toAbsolutePath()) + "');\n"
			+ "runMacro('" + path(Paths.get("macros", "cnn_layer.ijm").toAbsolutePath()) + "');\n");
		assertTrue(layer.contains("output: cells-conv, 128 x 96, pixel size 1.300"), layer);
		Path rf = dir.resolve("rf.png");
		String fields = imagej.macro("batch", "runMacro('" + path(Paths.get("macros", "receptive_field_demo.ijm").toAbsolutePath())
			+ "', '" + path(Paths.get("samples", "cells.tif").toAbsolutePath()) + " " + path(rf) + "');\n");
		// layer 1: k 3, s 2, p 1 -> field 3, jump 2, start 0; layer 2: k 3, d 5, p 5 -> field 3 + 10·2 = 23, start 0
		assertTrue(fields.contains("output (40, 45): input x 69..91, y 79..101, padding: no"), fields);
		assertTrue(fields.contains("output (2, 10): input x -7..15, y 9..31, padding: yes"), fields);
		assertTrue(Files.size(rf) > 1000);
	}

	@Test
	void visualCommandsRunFromTheMenuInAMacro() throws Exception {
		Path pictures = Files.createDirectories(Paths.get("target", "screenshots").toAbsolutePath());
		String out = imagej.macro("batch", "runMacro('" + path(Paths.get("macros", "visual_demo.ijm").toAbsolutePath()) + "', '"
			+ path(pictures) + "');\n");
		// 5x5, k 3, s 2, p 1: 3 x 3 output positions
		assertTrue(out.contains("animation: 9 frames"), out);
		assertTrue(out.contains("padding picture: 1032 x 194"), out);
		// conv k=3 d=2, then two k=3: field 1 + 4 + 2 + 2 = 9
		assertTrue(out.contains("effective field: 13 x 9"), "the field 5 x 5, its margins and the colour bar: " + out);
		// 7 x 5 values, padding 2, dilation 2: 7 x 5 output positions
		assertTrue(out.contains("use_image animation: 35 frames"), out);
		for (String f : new String[] { "animation_frames.png", "padding_picture.png", "effective_field.png", "animation_use_image.png" }) {
			assertTrue(Files.size(pictures.resolve(f)) > 1000, f);
		}
		Path gif = pictures.resolve("anim.gif");
		imagej.macro("batch", "run('Conv Animation...', 'width=4 height=4 kernel=3 padding=1 padding_mode=circular');\n"
			+ "saveAs('Gif', '" + path(gif) + "');\n");
		assertEquals(16, new Opener().openImage(gif.toString()).getStackSize(), "an animated GIF with one frame per output position");
	}
}
