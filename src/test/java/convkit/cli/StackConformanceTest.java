package convkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.io.NdArray;
import convkit.io.Npy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The layer-stack cases PyTorch computed (src/test/resources/conformance-stack, a copy of the
 * shared folder): every case through {@code stack} agrees with PyTorch to 1e-4 of
 * {@code max(1, max|expected|)} and keeps its shape; every stack PyTorch refuses is refused with
 * exit 2, one line naming {@code layer N}, and nothing written — what check_stack.py asks of the jar.
 */
class StackConformanceTest {

	@TempDir
	Path dir;

	@Test
	void everyCaseAgreesWithPyTorch() throws IOException, URISyntaxException {
		copyCases();
		List<String[]> cases = rows("cases.tsv");
		assertEquals(19, cases.size());
		for (String[] c : cases) {
			String name = c[0];
			Path out = dir.resolve(name + ".out.npy");
			MainTest.Result r = MainTest.run("stack", "input=" + dir.resolve(name + ".input.npy"), "output=" + out,
				"layers=@" + dir.resolve(name + ".layers.txt"));
			assertEquals(0, r.status, name + ": " + r.err);
			NdArray expected = Npy.read(dir.resolve(name + ".expected.npy"));
			NdArray got = Npy.read(out);
			assertEquals(expected.shapeString(), got.shapeString(), name);
			float[] e = expected.toArray(), g = got.toArray();
			double scale = 1;
			for (float v : e) scale = Math.max(scale, Math.abs(v));
			for (int i = 0; i < e.length; i++) {
				assertTrue(Math.abs(e[i] - g[i]) <= 1e-4 * scale, name + ": element " + i + " is " + g[i] + ", PyTorch " + e[i]);
			}
			assertTrue(r.out.contains("PyTorch: nn.Sequential("), name + ": " + r.out);
		}
	}

	@Test
	void everyStackPyTorchRefusesIsRefusedNamingTheLayerAndNothingIsWritten() throws IOException, URISyntaxException {
		copyCases();
		List<String[]> errors = rows("errors.tsv");
		assertEquals(6, errors.size());
		for (String[] c : errors) {
			String name = c[0];
			Path out = dir.resolve(name + ".out.npy");
			List<Path> before = files();
			MainTest.Result r = MainTest.run("stack", "input=" + dir.resolve(name + ".input.npy"), "output=" + out,
				"layers=@" + dir.resolve(name + ".layers.txt"));
			assertEquals(2, r.status, name + ": " + r.out);
			String[] lines = r.err.trim().split("\\R");
			assertEquals(1, lines.length, name + ": " + r.err);
			assertTrue(lines[0].matches("convkit: layer \\d+\\b.*"), name + ": " + lines[0]);
			assertFalse(lines[0].contains("Exception"), lines[0]);
			assertFalse(Files.exists(out), name);
			assertEquals(before, files(), name + ": a file appeared");
		}
	}

	@Test
	void aStackTooLargeForTheHeapIsRefusedBeforeAnyWork() throws IOException, URISyntaxException {
		copyCases();
		Path out = dir.resolve("big.npy");
		MainTest.Result r = MainTest.run("stack", "input=" + dir.resolve("vgg_block_2d.input.npy"), "output=" + out,
			"layers=[convt w=" + dir.resolve("down_up_2d.3.w.npy").toString().replace("down_up_2d.3", "big") + "]");
		assertEquals(2, r.status); // no such weights: refused by name
		assertTrue(r.err.startsWith("convkit: layer 1 (convt): w file "), r.err);
		Files.write(dir.resolve("huge.layers.txt"), "avgpool k=1\nconvt w=big.w.npy s=1500\nrelu\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
		try (java.io.OutputStream o = Files.newOutputStream(dir.resolve("big.w.npy"))) {
			Npy.write(o, new int[] { 3, 1, 3, 3 }, new float[27]);
		}
		r = MainTest.run("stack", "input=" + dir.resolve("vgg_block_2d.input.npy"), "output=" + out, "layers=@" + dir.resolve("huge.layers.txt"));
		assertEquals(2, r.status, r.out + r.err);
		assertTrue(r.err.matches("convkit: this stack needs about \\d+ MB for its layers and outputs, but Java has only \\d+ MB free; crop the input,"
			+ " or give Java more memory with -Xmx \\(e.g. java -Xmx8g -jar ...\\)\\R"), r.err);
		assertFalse(Files.exists(out));
	}

	@Test
	void everyCaseWrittenAsATiffHyperstackHoldsTheSameValuesAndItsGeometry() throws IOException, URISyntaxException {
		copyCases();
		for (String[] c : rows("cases.tsv")) {
			String name = c[0];
			Path out = dir.resolve(name + ".out.tif");
			MainTest.Result r = MainTest.run("stack", "input=" + dir.resolve(name + ".input.npy"), "output=" + out,
				"layers=@" + dir.resolve(name + ".layers.txt"));
			assertEquals(0, r.status, name + ": " + r.err);
			NdArray expected = Npy.read(dir.resolve(name + ".expected.npy"));
			int[] e = expected.shape();
			ij.ImagePlus tif = new ij.io.Opener().openImage(out.toString());
			int channels = e[0];
			int depth = e.length == 4 ? e[1] : 1;
			assertEquals(channels + "," + depth + "," + e[e.length - 2] + "," + e[e.length - 1], tif.getNChannels() + "," + tif.getNSlices() + ","
				+ tif.getHeight() + "," + tif.getWidth(), name);
			float[] want = expected.toArray();
			double scale = 1;
			for (float v : want) scale = Math.max(scale, Math.abs(v));
			int plane = tif.getWidth() * tif.getHeight();
			for (int ch = 0; ch < channels; ch++) {
				for (int z = 0; z < depth; z++) {
					float[] px = (float[]) tif.getStack().getPixels(tif.getStackIndex(ch + 1, z + 1, 1));
					for (int i = 0; i < plane; i++) {
						assertTrue(Math.abs(px[i] - want[(ch * depth + z) * plane + i]) <= 1e-4 * scale, name + " channel " + ch + " slice " + z);
					}
				}
			}
			String chain = tif.getProp("ConvKit.chain.x");
			assertTrue(chain != null && chain.split(";").length == Files.readAllLines(dir.resolve(name + ".layers.txt")).stream()
				.filter(l -> !l.trim().isEmpty() && !l.startsWith("#")).count(), name + ": one step a layer in " + chain);
		}
	}

	@Test
	void aTwoDStackStreamsATiffStackPlaneByPlaneToTheSameFile() throws IOException, URISyntaxException {
		copyCases();
		ij.ImageStack st = new ij.ImageStack(28, 32);
		java.util.Random r = new java.util.Random(5);
		for (int i = 0; i < 3 * 4; i++) {
			float[] v = new float[28 * 32];
			for (int k = 0; k < v.length; k++) v[k] = (float) r.nextGaussian();
			st.addSlice(new ij.process.FloatProcessor(28, 32, v));
		}
		ij.ImagePlus imp = new ij.ImagePlus("planes", st);
		imp.setDimensions(3, 4, 1);
		imp.setOpenAsHyperStack(true);
		Path in = dir.resolve("planes.tif");
		assertTrue(new ij.io.FileSaver(imp).saveAsTiffStack(in.toString()));
		String layers = "layers=@" + dir.resolve("vgg_block_2d.layers.txt");
		MainTest.Result whole = MainTest.run("stack", "input=" + in, "output=" + dir.resolve("whole.tif"), layers, "stream=no");
		MainTest.Result streamed = MainTest.run("stack", "input=" + in, "output=" + dir.resolve("streamed.tif"), layers, "stream=yes");
		assertEquals(0, whole.status, whole.err);
		assertEquals(0, streamed.status, streamed.err);
		assertTrue(streamed.out.contains("positions: 4"), streamed.out);
		ij.ImagePlus a = new ij.io.Opener().openImage(dir.resolve("whole.tif").toString());
		ij.ImagePlus b = new ij.io.Opener().openImage(dir.resolve("streamed.tif").toString());
		assertEquals(8 * 4, a.getStackSize());
		assertEquals(a.getStackSize(), b.getStackSize());
		for (int i = 1; i <= a.getStackSize(); i++) {
			assertTrue(java.util.Arrays.equals((float[]) a.getStack().getPixels(i), (float[]) b.getStack().getPixels(i)), "plane " + i);
		}
		assertEquals(a.getProp("ConvKit.chain.x"), b.getProp("ConvKit.chain.x"));
	}

	private void copyCases() throws IOException, URISyntaxException {
		Path from = Paths.get(StackConformanceTest.class.getResource("/conformance-stack").toURI());
		try (Stream<Path> s = Files.list(from)) {
			for (Path p : s.collect(Collectors.toList())) Files.copy(p, dir.resolve(p.getFileName()));
		}
	}

	private List<String[]> rows(String file) throws IOException {
		List<String[]> out = new ArrayList<>();
		List<String> lines = Files.readAllLines(dir.resolve(file));
		for (String l : lines.subList(1, lines.size())) {
			if (!l.trim().isEmpty()) out.add(l.split("\t"));
		}
		return out;
	}

	private List<Path> files() throws IOException {
		try (Stream<Path> s = Files.list(dir)) {
			return s.sorted().collect(Collectors.toList());
		}
	}
}
