package convkit.ij;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.ijtest.ImageJRunner;
import convkit.ijtest.StackDialogDriver;
import convkit.io.NdArray;
import convkit.io.Npy;
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.Opener;
import ij.process.FloatProcessor;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Conv Stack...} in a real ImageJ 1 under Xvfb, and its macro calls truly headless: the
 * PyTorch layer-stack cases (src/test/resources/conformance-stack) on hyperstacks — the case's
 * channels as channels, a 3-D case's depth as slices — every voxel compared, the input unchanged;
 * every stack PyTorch refuses aborts the macro with one line naming {@code layer N}, and no image
 * is made; the dialog shows every layer's size and field, records a line with absolute file names
 * (typed or picked with Browse…), and that line replays to the same images.
 */
class ConvStackMacroIT {

	@TempDir
	static Path dir;

	static ImageJRunner imagej;
	static Path cases;

	@BeforeAll
	static void startImageJHome() throws IOException, URISyntaxException {
		imagej = new ImageJRunner(dir);
		cases = Files.createDirectories(dir.resolve("conformance-stack"));
		Path from = Paths.get(ConvStackMacroIT.class.getResource("/conformance-stack/cases.tsv").toURI()).getParent();
		try (Stream<Path> s = Files.list(from)) {
			for (Path p : s.collect(Collectors.toList())) Files.copy(p, cases.resolve(p.getFileName()));
		}
	}

	private static String path(Path p) {
		return p.toString().replace("\\", "/");
	}

	private static List<String[]> rows(String table) throws IOException {
		List<String[]> out = new ArrayList<>();
		List<String> lines = Files.readAllLines(cases.resolve(table), StandardCharsets.UTF_8);
		for (String l : lines.subList(1, lines.size())) {
			if (!l.trim().isEmpty()) out.add(l.split("\t"));
		}
		return out;
	}

	/** {@code [C, H, W]} or {@code [C, D, H, W]} as C, D (1 for a plane), H, W. */
	private static int[] cdhw(NdArray a) {
		int[] s = a.shape();
		return new int[] { s[0], s.length == 4 ? s[1] : 1, s[s.length - 2], s[s.length - 1] };
	}

	/** The case's input {@code [C, H, W]} or {@code [C, D, H, W]} as a TIFF hyperstack: C channels, D slices. */
	private static Path hyperstack(String name) throws IOException {
		NdArray in = Npy.read(cases.resolve(name + ".input.npy"));
		int[] cdhw = cdhw(in);
		int c = cdhw[0], d = cdhw[1], h = cdhw[2], w = cdhw[3];
		float[] v = in.toArray();
		ImageStack st = new ImageStack(w, h);
		for (int z = 0; z < d; z++) {
			for (int ch = 0; ch < c; ch++) {
				float[] plane = new float[w * h];
				System.arraycopy(v, (ch * d + z) * w * h, plane, 0, w * h);
				st.addSlice(new FloatProcessor(w, h, plane));
			}
		}
		ImagePlus imp = new ImagePlus(name, st);
		imp.setDimensions(c, d, 1);
		if (c * d > 1) imp.setOpenAsHyperStack(true);
		Path tif = cases.resolve(name + ".input.tif");
		ij.io.FileSaver saver = new ij.io.FileSaver(imp);
		assertTrue(st.getSize() > 1 ? saver.saveAsTiffStack(tif.toString()) : saver.saveAsTiff(tif.toString()), name);
		return tif;
	}

	/**
	 * Macro code that makes the case's input as a hyperstack titled {@code title} with
	 * {@code newImage} and {@code setPixel} (truly headless, {@code open} needs ImageJ's menus).
	 */
	private static String newHyperstack(String name, String title) throws IOException {
		NdArray in = Npy.read(cases.resolve(name + ".input.npy"));
		int[] cdhw = cdhw(in);
		int c = cdhw[0], d = cdhw[1], h = cdhw[2], w = cdhw[3];
		float[] v = in.toArray();
		StringBuilder m = new StringBuilder("newImage('" + title + "', '32-bit black', " + w + ", " + h + ", " + c + ", " + d + ", 1);\n");
		for (int ch = 0; ch < c; ch++) {
			for (int z = 0; z < d; z++) {
				m.append("Stack.setPosition(").append(ch + 1).append(", ").append(z + 1).append(", 1); a = newArray(");
				for (int i = 0; i < w * h; i++) {
					m.append(i == 0 ? "" : ",").append(new java.math.BigDecimal(Float.toString(v[(ch * d + z) * w * h + i])).toPlainString());
				}
				m.append(");\nfor (i = 0; i < a.length; i++) setPixel(i % ").append(w).append(", floor(i / ").append(w).append("), a[i]);\n");
			}
		}
		return m.toString();
	}

	/** The TIFF's voxels as {@code [C, (D,) H, W]}, compared with the case's expected output to 1e-4 of max(1, max|expected|). */
	private static void assertAgrees(String name, Path tif) throws IOException {
		NdArray expected = Npy.read(cases.resolve(name + ".expected.npy"));
		int[] e = cdhw(expected);
		ImagePlus res = new Opener().openImage(tif.toString());
		int c = e[0];
		int d = e[1];
		assertArrayEquals(e, new int[] { res.getNChannels(), res.getNSlices(),
			res.getHeight(), res.getWidth() }, name + " shape");
		float[] want = expected.toArray();
		double scale = 1;
		for (float x : want) scale = Math.max(scale, Math.abs(x));
		int plane = res.getWidth() * res.getHeight();
		for (int ch = 0; ch < c; ch++) {
			for (int z = 0; z < d; z++) {
				float[] px = (float[]) res.getStack().getProcessor(res.getStackIndex(ch + 1, z + 1, 1)).getPixels();
				for (int i = 0; i < plane; i++) {
					float x = want[(ch * d + z) * plane + i];
					assertTrue(Math.abs(px[i] - x) <= 1e-4 * scale, name + ": channel " + ch + " slice " + z + " pixel " + i + " is " + px[i]
						+ ", PyTorch " + x);
				}
			}
		}
	}

	@Test
	void everyCaseAgreesWithPyTorchOnHyperstacksThroughTheMenuCommand() throws Exception {
		List<String[]> all = rows("cases.tsv");
		assertEquals(19, all.size());
		StringBuilder macro = new StringBuilder(Conv2DMacroIT.FINGERPRINT);
		for (String[] c : all) {
			String name = c[0];
			macro.append("open('").append(path(hyperstack(name))).append("');\n");
			macro.append("id = getImageID(); fp = fingerprint(id);\n");
			macro.append("run('Conv Stack...', 'layers=[@").append(path(cases.resolve(name + ".layers.txt"))).append("]');\n");
			macro.append("print('title-").append(name).append("=' + getTitle());\n");
			macro.append("saveAs('Tiff', '").append(path(cases.resolve(name + ".out.tif"))).append("');\n");
			macro.append("print('same-").append(name).append("=' + (fp == fingerprint(id))); close('*');\n");
		}
		String out = imagej.macro("batch", macro.toString());
		assertFalse(out.contains("MACRO ERROR"), out);
		for (String[] c : all) {
			String name = c[0];
			assertEquals("1", ImageJRunner.value(out, "same-" + name), name + ": input changed");
			assertEquals(name + ".input-stack", ImageJRunner.value(out, "title-" + name));
			assertAgrees(name, cases.resolve(name + ".out.tif"));
		}
	}

	@Test
	void everyStackPyTorchRefusesAbortsTheMacroWithOneLineNamingTheLayerAndMakesNoImage() throws Exception {
		List<String[]> errors = rows("errors.tsv");
		assertEquals(6, errors.size());
		String[] macros = new String[errors.size()];
		for (int i = 0; i < macros.length; i++) {
			String name = errors.get(i)[0];
			macros[i] = "open('" + path(hyperstack(name)) + "');\nrun('Conv Stack...', 'layers=[@" + path(cases.resolve(name + ".layers.txt"))
				+ "]');\nprint('NOT ABORTED');\n";
		}
		String[] outs = imagej.guiMacros(macros);
		for (int i = 0; i < macros.length; i++) {
			String name = errors.get(i)[0];
			String out = outs[i];
			assertFalse(out.contains("NOT ABORTED"), name + ": the macro went on: " + out);
			String error = null;
			for (String l : out.split("\n")) {
				if (l.startsWith("MACRO ERROR: ")) error = l.substring("MACRO ERROR: ".length());
			}
			assertTrue(error != null && error.matches("layer \\d+\\b.*"), name + ": " + out);
			assertFalse(error.contains("Exception"), error);
			assertTrue(out.contains("IMAGES OPEN: " + name + ".input.tif\n"), name + ": only the input is open: " + out);
		}
	}

	@Test
	void macroCallsAndExtensionsRunAStackTrulyHeadlessAndRefuseABadOneNamingTheLayer() throws Exception {
		Path out1 = cases.resolve("call.out.tif");
		Path out2 = cases.resolve("ext.out.tif");
		Path layers = cases.resolve("vgg_block_2d.layers.txt");
		String macro = newHyperstack("vgg_block_2d", "vgg.tif") + "id = getImageID();\n"
			+ "t = call('convkit.ij.MacroCalls.convStack', 'layers=[@" + path(layers) + "] keep');\n"
			+ "print('CALL_TITLE=' + t); print('CALL_IMAGES=' + nImages);\n"
			+ "saveAs('Tiff', '" + path(out1) + "');\n"
			+ "selectImage(id); call('convkit.ij.ConvKitExtensions.register');\n"
			+ "Ext.convStack('layers=[@" + path(layers) + "]');\n"
			+ "print('EXT_TITLE=' + getTitle());\n"
			+ "saveAs('Tiff', '" + path(out2) + "');\n"
			+ "selectImage(id); n = nImages;\n"
			+ "Ext.convStack('layers=[@" + path(cases.resolve("e_unknown.layers.txt")) + "]');\n"
			+ "print('NOT ABORTED');\n";
		String out = imagej.headless(imagej.macroFile(macro), null);
		assertEquals("vgg layer 4 (maxpool)", ImageJRunner.value(out, "CALL_TITLE"), out);
		assertEquals("5", ImageJRunner.value(out, "CALL_IMAGES"), "the input and one image per layer: " + out);
		assertEquals("vgg-stack", ImageJRunner.value(out, "EXT_TITLE"), out);
		assertAgrees("vgg_block_2d", out1);
		assertAgrees("vgg_block_2d", out2);
		assertFalse(out.contains("NOT ABORTED"), out);
		assertTrue(out.matches("(?s).*Macro Error: ConvKit convStack: layer \\d+: unknown layer kind.*"), out);
		assertFalse(out.contains("Exception"), out);
	}

	@Test
	void aVirtualStackIsWrittenToTheOutputFilePlaneByPlane() throws Exception {
		Path in = Files.createDirectories(dir.resolve("virtual")).resolve("nuclei.tif");
		Files.copy(Paths.get("samples", "nuclei3d.tif"), in);
		Path out = in.resolveSibling("nuclei-stack.tif");
		String macro = "run('TIFF Virtual Stack...', 'open=[" + path(in) + "]'); print('virtual=' + is('Virtual Stack'));\n"
			+ "run('Conv Stack...', 'layers=[avgpool k=2; leakyrelu slope=0.1] output=[" + path(out) + "]');\n"
			+ "print('images=' + nImages);\n";
		String log = imagej.macro("batch", macro);
		assertFalse(log.contains("MACRO ERROR"), log);
		assertEquals("1", ImageJRunner.value(log, "virtual"), log);
		assertEquals("1", ImageJRunner.value(log, "images"), "no result image: " + log);
		assertTrue(log.contains("wrote " + out + " [1, 36, 40] x 36 positions, plane by plane (virtual stack)"), log);
		ImagePlus res = new Opener().openImage(out.toString());
		assertEquals(36, res.getStackSize());
		assertEquals(40, res.getWidth());
	}

	@Test
	void theOverlayShowsTheFieldOfAPixelOfAnyLayersOutputInTheSource() throws Exception {
		String layers = "conv k=3 s=2 p=1; convt k=4 s=2 p=1; maxpool k=2";
		Path w1 = cases.resolve("ones_conv.npy");
		Path w2 = cases.resolve("ones_convt.npy");
		float[] nine = new float[3 * 9];
		java.util.Arrays.fill(nine, 1);
		float[] sixteen = new float[16];
		java.util.Arrays.fill(sixteen, 1);
		try (java.io.OutputStream os = Files.newOutputStream(w1)) {
			Npy.write(os, new int[] { 1, 3, 3, 3 }, nine);
		}
		try (java.io.OutputStream os = Files.newOutputStream(w2)) {
			Npy.write(os, new int[] { 1, 1, 4, 4 }, sixteen);
		}
		String text = "conv w=" + path(w1) + " s=2 p=1; convt w=" + path(w2) + " s=2 p=1; maxpool k=2";
		String macro = "open('" + path(Paths.get("samples", "cells.tif").toAbsolutePath()) + "');\n"
			+ "run('Conv Stack...', 'layers=[" + text + "] keep');\n"
			+ "selectImage('cells layer 1 (conv)'); getPixelSize(unit, pw, ph); print('pixel1=' + pw + ' ' + unit);\n"
			+ "selectImage('cells layer 2 (convt)'); getPixelSize(unit, pw, ph); print('pixel2=' + pw + ' ' + unit);\n"
			+ "makeSelection('point', newArray(0, 41), newArray(0, 30)); run('Receptive Field Overlay');\n"
			+ "selectImage('cells.tif'); n = Overlay.size;\n"
			+ "for (i = 0; i < n; i++) { Overlay.activateSelection(i); getSelectionBounds(x, y, w, h);\n"
			+ "  print('roi=' + Roi.getName + '|' + x + ',' + y + ',' + w + ',' + h); }\n";
		String out = imagej.macro("batch", macro);
		assertFalse(out.contains("MACRO ERROR"), out);
		assertEquals("1.3 microns", ImageJRunner.value(out, "pixel1"), "stride 2 doubles the 0.65 µm pixel: " + out);
		assertEquals("0.65 microns", ImageJRunner.value(out, "pixel2"), "the transposed layer halves it again: " + out);
		java.util.List<convkit.geometry.ReceptiveField.Row> rows = convkit.geometry.ReceptiveField.trace(
			convkit.io.LayerStackText.parse(layers), new int[] { 256, 192 });
		for (int[] p : new int[][] { { 0, 0 }, { 41, 30 } }) {
			int[] x = rows.get(1).x().reach(p[0]);
			int[] y = rows.get(1).y().reach(p[1]);
			String want = "roi=RF " + p[0] + "," + p[1] + "|" + x[0] + "," + y[0] + "," + (x[1] - x[0] + 1) + "," + (y[1] - y[0] + 1);
			assertTrue(out.contains(want + "\n"), want + " in " + out);
		}
	}

	@Test
	void theDialogShowsEveryLayerRecordsAbsoluteNamesAndTheLineReplays() throws Exception {
		Path shots = Paths.get("target", "screenshots").toAbsolutePath();
		String text = "conv w=samples/edges_3to2.npy b=samples/edges_3to2.bias.npy p=1\nrelu\nmaxpool k=2";
		String out = imagej.java(StackDialogDriver.class.getName(), shots.toString(), "samples/cells.tif", text, "true", "dialog_stack.png");
		Path w = Paths.get("samples", "edges_3to2.npy").toAbsolutePath();
		Path b = Paths.get("samples", "edges_3to2.bias.npy").toAbsolutePath();
		assertEquals("run(\"Conv Stack...\", \"layers=[conv w=" + w + " b=" + b + " p=1; relu; maxpool k=2] keep\");",
			ImageJRunner.value(out, "RECORDED"), out);
		String status = ImageJRunner.value(out, "STATUS");
		assertTrue(status.startsWith("2-D stack on [3, 192, 256] -> [2, 96, 128]"), status);
		assertTrue(status.contains("layer 1 (conv)       -> [2, 192, 256]      field 3 x 3, jump 1 x 1"), status);
		assertTrue(status.contains("layer 3 (maxpool)    -> [2, 96, 128]       field 4 x 4, jump 2 x 2"), status);
		assertEquals("true", ImageJRunner.value(out, "OK_ENABLED"), out);
		assertEquals("cells layer 1 (conv)|cells layer 2 (relu)|cells layer 3 (maxpool)", ImageJRunner.value(out, "TITLES"), out);
		assertEquals("true", ImageJRunner.value(out, "REPLAY_SAME"), out);
		assertTrue(Files.size(shots.resolve("dialog_stack.png")) > 1000);
	}

	@Test
	void aStackFilePickedWithBrowseInAFolderWithSpacesIsRecordedAndReplays() throws Exception {
		Path folder = Files.createDirectories(dir.resolve("my stacks"));
		for (String f : new String[] { "edges_3to2.npy", "edges_3to2.bias.npy" }) Files.copy(Paths.get("samples", f), folder.resolve(f));
		Path file = folder.resolve("edges block.txt");
		Files.write(file, "# a block\nconv w=edges_3to2.npy b=edges_3to2.bias.npy p=1\nleakyrelu slope=0.1\navgpool k=2\n".getBytes(StandardCharsets.UTF_8));
		Path shots = Paths.get("target", "screenshots").toAbsolutePath();
		String out = imagej.java(StackDialogDriver.class.getName(), shots.toString(), "samples/cells.tif", "@" + file, "false",
			"dialog_stack_browse.png");
		assertEquals("@" + file, ImageJRunner.value(out, "AREA"), out);
		assertEquals("run(\"Conv Stack...\", \"layers=[@" + file + "]\");", ImageJRunner.value(out, "RECORDED"), out);
		assertTrue(ImageJRunner.value(out, "STATUS").contains("layer 2 (leakyrelu)"), out);
		assertEquals("cells-stack", ImageJRunner.value(out, "TITLES"), out);
		assertEquals("true", ImageJRunner.value(out, "REPLAY_SAME"), out);
	}

	@Test
	void aBadStackInTheDialogSaysWhichLayerAndKeepsOkOff() throws Exception {
		Path shots = Paths.get("target", "screenshots").toAbsolutePath();
		String out = imagej.java(StackDialogDriver.class.getName(), shots.toString(), "samples/cells.tif",
			"conv w=samples/edges_3to2.npy p=1\nconv w=samples/edges_3to2.npy", "false", "dialog_stack_bad.png");
		assertEquals("\u26a0 layer 2 (conv): kernel [2, 3, 3, 3] expects C_in/groups = 3, but the input has 2 channels in 1 group(s), so it"
			+ " must be 2 (its input is [2, 192, 256])", ImageJRunner.value(out, "STATUS").replace("|", " "), out);
		assertEquals("false", ImageJRunner.value(out, "OK_ENABLED"), out);
		assertEquals("1", ImageJRunner.value(out, "IMAGES"), "only the input: " + out);
	}
}
