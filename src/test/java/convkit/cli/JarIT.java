package convkit.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.io.NdArray;
import convkit.io.Npy;
import convkit.testing.CaseFiles;
import convkit.testing.ConformanceCase;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The packaged jar, run as users run it: {@code java -jar target/ConvKit_-VERSION.jar conv ...}. */
class JarIT {

	private static Path jar;

	@TempDir
	Path dir;

	/** The packaged jar (found on first use). */
	static Path jarPath() throws IOException {
		if (jar == null) findJar();
		return jar;
	}

	@BeforeAll
	static void findJar() throws IOException {
		try (Stream<Path> s = Files.list(Paths.get("target"))) {
			List<Path> jars = s.filter(p -> p.getFileName().toString().matches("ConvKit_-[^-]+(-SNAPSHOT)?\\.jar"))
				.collect(Collectors.toList());
			assertEquals(1, jars.size(), "one plugin jar in target/: " + jars);
			jar = jars.get(0);
		}
	}

	/** Exit status, stdout, stderr. */
	static String[] java(String... args) throws IOException, InterruptedException {
		return javaWithHeap(null, args);
	}

	/** Exit status, stdout, stderr of the jar run with {@code -Xmx<heap>} (the JVM's default when null). */
	static String[] javaWithHeap(String heap, String... args) throws IOException, InterruptedException {
		List<String> cmd = new ArrayList<>(Arrays.asList(Paths.get(System.getProperty("java.home"), "bin", "java").toString()));
		if (heap != null) cmd.add("-Xmx" + heap);
		cmd.addAll(Arrays.asList("-jar", jar.toString()));
		cmd.addAll(Arrays.asList(args));
		Process p = new ProcessBuilder(cmd).start();
		byte[] out = p.getInputStream().readAllBytes();
		byte[] err = p.getErrorStream().readAllBytes();
		assertTrue(p.waitFor(120, TimeUnit.SECONDS));
		return new String[] { Integer.toString(p.exitValue()), new String(out, StandardCharsets.UTF_8),
			new String(err, StandardCharsets.UTF_8) };
	}

	static Stream<ConformanceCase> cases() {
		return ConformanceCase.all("cases.tsv").stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void everyCaseMatchesThroughTheJar(ConformanceCase c) throws Exception {
		CaseFiles.copy(c, dir);
		Path out = dir.resolve("out.npy");
		List<String> a = new ArrayList<>(Arrays.asList("conv", "input=" + dir.resolve(c.name() + ".input.npy")));
		a.addAll(Arrays.asList(CaseFiles.convArguments(c, dir)));
		a.add("output=" + out);
		String[] r = java(a.toArray(new String[0]));
		assertEquals("0", r[0], r[2]);
		NdArray got = Npy.read(out);
		NdArray expected = c.array("expected");
		assertArrayEquals(expected.shape(), got.shape());
		assertTrue(ConformanceCase.relativeError(got.toArray(), expected.toArray()) <= 1e-4);
	}

	@Test
	void badInputExitsNonZeroWithOneLineAndNoFile() throws Exception {
		Path in = dir.resolve("in.npy");
		try (java.io.OutputStream o = Files.newOutputStream(in)) {
			Npy.write(o, new int[] { 1, 4, 4 }, new float[16]);
		}
		Path out = dir.resolve("out.npy");
		String[] r = java("conv", "input=" + in, "output=" + out, "kernel=box(3)", "padding=4", "padding_mode=reflect");
		assertEquals("2", r[0]);
		assertEquals(1, r[2].trim().split("\n").length, r[2]);
		assertTrue(r[2].contains("reflect padding must be smaller than the input size"), r[2]);
		assertFalse(Files.exists(out));
	}

	@Test
	void helpAndCalcRun() throws Exception {
		String[] help = java("--help");
		assertEquals("0", help[0]);
		assertTrue(help[1].contains("padding_mode"));
		String[] calc = java("calc", "layers=[conv k=3; conv k=3]", "size=32");
		assertEquals("0", calc[0], calc[2]);
		assertTrue(calc[1].contains("conv k=3 s=1 p=0"), calc[1]);
	}

	/** Files of random bytes under every name ImageJ's opener knows: one line from the jar, nothing from ImageJ, no trace. */
	@Test
	void garbageUnderAnyImageNameGivesOneLineAndNoStackTrace() throws Exception {
		byte[] garbage = new byte[3000];
		new java.util.Random(12).nextBytes(garbage);
		for (String ext : new String[] { "png", "jpg", "tif", "dcm", "txt", "roi" }) { // each a different reader of ImageJ
			Path in = dir.resolve("garbage." + ext);
			Files.write(in, garbage);
			Path out = dir.resolve("out.tif");
			String[] r = java("conv", "input=" + in, "output=" + out, "kernel=[box(3)]");
			assertEquals("2", r[0], ext + ": " + r[1] + r[2]);
			assertEquals("", r[1], ext + ": nothing on stdout");
			assertEquals(1, r[2].trim().split("\n").length, ext + ": " + r[2]);
			assertTrue(r[2].startsWith("convkit: ") && !r[2].contains("Exception"), ext + ": " + r[2]);
			assertFalse(Files.exists(out), ext);
		}
	}

	/** Memory that cannot suffice, in a 256 MB JVM: refused before the work, naming what needs it, with nothing written. */
	@Test
	void workThatCannotFitIsRefusedBeforeItStarts() throws Exception {
		Path in = dir.resolve("big.npy");
		try (java.io.OutputStream o = Files.newOutputStream(in)) {
			Npy.write(o, new int[] { 1, 1200, 1200 }, new float[1200 * 1200]);
		}
		Path k1001 = dir.resolve("k1001.npy");
		try (java.io.OutputStream o = Files.newOutputStream(k1001)) {
			Npy.write(o, new int[] { 1001, 1001 }, new float[1001 * 1001]);
		}
		Path k64 = dir.resolve("k64.npy");
		try (java.io.OutputStream o = Files.newOutputStream(k64)) {
			Npy.write(o, new int[] { 64, 1, 1, 1 }, new float[64]);
		}
		String[][] cases = { { "kernel=[" + k1001 + "]", "method=direct", "direct workspace" },
			{ "kernel=[" + k64 + "]", "threads=1", "needs about 352 MB to keep" } };
		for (String[] c : cases) {
			Path out = dir.resolve("out.tif");
			long t0 = System.nanoTime();
			String[] r = javaWithHeap("256m", "conv", "input=" + in, "output=" + out, c[0], c[1]);
			double seconds = (System.nanoTime() - t0) / 1e9;
			assertEquals("2", r[0], c[0] + ": " + r[2]);
			assertEquals(1, r[2].trim().split("\\n").length, r[2]);
			assertTrue(r[2].contains(c[2]) && r[2].contains("-Xmx"), r[2]);
			assertFalse(Files.exists(out), c[0]);
			assertTrue(seconds < 30, c[0] + ": " + seconds + " s");
		}
	}
}
