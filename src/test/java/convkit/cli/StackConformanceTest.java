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
