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
	void aStackTooLargeForTheHeapIsRefusedBeforeAnyWorkAndATiffOutputIsRefusedPlainly() throws IOException, URISyntaxException {
		copyCases();
		Path out = dir.resolve("big.npy");
		MainTest.Result r = MainTest.run("stack", "input=" + dir.resolve("vgg_block_2d.input.npy"), "output=" + out,
			"layers=[convt w=" + dir.resolve("down_up_2d.3.w.npy").toString().replace("down_up_2d.3", "big") + "]");
		assertEquals(2, r.status); // no such weights: refused by name
		assertTrue(r.err.startsWith("convkit: layer 1 (convt): w file "), r.err);
		Files.write(dir.resolve("huge.layers.txt"), "avgpool k=1\nconvt w=big.w.npy s=1000\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
		try (java.io.OutputStream o = Files.newOutputStream(dir.resolve("big.w.npy"))) {
			Npy.write(o, new int[] { 3, 1, 3, 3 }, new float[27]);
		}
		r = MainTest.run("stack", "input=" + dir.resolve("vgg_block_2d.input.npy"), "output=" + out, "layers=@" + dir.resolve("huge.layers.txt"));
		assertEquals(2, r.status, r.out);
		assertTrue(r.err.matches("convkit: this stack needs about \\d+ MB for its layers and outputs, but Java has only \\d+ MB free; crop the input,"
			+ " or give Java more memory with -Xmx \\(e.g. java -Xmx8g -jar ...\\)\\R"), r.err);
		assertFalse(Files.exists(out));
		r = MainTest.run("stack", "input=" + dir.resolve("vgg_block_2d.input.npy"), "output=" + dir.resolve("out.tif"), "layers=[relu]");
		assertEquals("convkit: output '" + dir.resolve("out.tif") + "': stack writes .npy files (TIFF outputs of a stack are not available yet);"
			+ " give output=NAME.npy", r.err.trim());
		assertFalse(Files.exists(dir.resolve("out.tif")));
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
