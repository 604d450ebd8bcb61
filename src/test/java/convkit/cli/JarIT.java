package convkit.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.io.NdArray;
import convkit.io.Npy;
import convkit.testing.CaseFiles;
import convkit.testing.ConformanceCase;
import ij.ImagePlus;

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
		return run(null, jar, heap, args);
	}

	/** Exit status, stdout, stderr of {@code java -jar theJar args} run in {@code folder} (this one when null). */
	static String[] run(Path folder, Path theJar, String heap, String... args) throws IOException, InterruptedException {
		List<String> cmd = new ArrayList<>(Arrays.asList(Paths.get(System.getProperty("java.home"), "bin", "java").toString()));
		if (heap != null) cmd.add("-Xmx" + heap);
		cmd.addAll(Arrays.asList("-jar", theJar.toString()));
		cmd.addAll(Arrays.asList(args));
		ProcessBuilder pb = new ProcessBuilder(cmd);
		if (folder != null) pb.directory(folder.toFile());
		Process p = pb.start();
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
	void theJarAloneInAnEmptyFolderAndInFijisLayoutWritesWhatItWritesBesideImageJ() throws Exception {
		String[] options = { "conv", "input=samples/cells.tif", "output=out.tif", "kernel=[samples/edges_3to2.npy]",
			"bias=[samples/edges_3to2.bias.npy]", "stride=2", "padding=same", "padding_mode=reflect" };
		// beside ImageJ (target/lib), as the README runs it
		Path home = Files.createDirectories(dir.resolve("home"));
		copySamples(home);
		String[] r = run(home, jar.toAbsolutePath(), null, options);
		assertEquals("0", r[0], r[2]);
		// alone: an empty folder with the jar (and the sample)
		Path alone = Files.createDirectories(dir.resolve("alone"));
		Files.copy(jar, alone.resolve("ConvKit_.jar"));
		copySamples(alone);
		r = run(alone, alone.resolve("ConvKit_.jar"), null, options);
		assertEquals("0", r[0], r[2]);
		assertTrue(r[1].contains("PyTorch: nn.Conv2d(3, 2, kernel_size=(3, 3), stride=(2, 2)"), r[1]);
		// Fiji: Fiji.app/plugins/ConvKit_.jar, ImageJ in Fiji.app/jars
		Path fiji = Files.createDirectories(dir.resolve("Fiji.app"));
		Files.createDirectories(fiji.resolve("plugins"));
		Files.createDirectories(fiji.resolve("jars"));
		Files.copy(jar, fiji.resolve("plugins").resolve("ConvKit_.jar"));
		try (Stream<Path> lib = Files.list(jar.toAbsolutePath().getParent().resolve("lib"))) {
			for (Path p : (Iterable<Path>) lib::iterator) {
				if (p.getFileName().toString().startsWith("ij-")) Files.copy(p, fiji.resolve("jars").resolve(p.getFileName()));
			}
		}
		copySamples(fiji);
		r = run(fiji, Paths.get("plugins", "ConvKit_.jar"), null, options);
		assertEquals("0", r[0], r[2]);
		for (Path other : new Path[] { alone, fiji }) {
			ImagePlus a = new ij.io.Opener().openImage(home.resolve("out.tif").toString());
			ImagePlus b = new ij.io.Opener().openImage(other.resolve("out.tif").toString());
			assertArrayEquals(a.getDimensions(), b.getDimensions());
			for (int i = 1; i <= a.getStackSize(); i++) {
				assertArrayEquals((float[]) a.getStack().getPixels(i), (float[]) b.getStack().getPixels(i), other + " plane " + i);
			}
			assertEquals(a.getCalibration().pixelWidth, b.getCalibration().pixelWidth, 1e-9);
			assertEquals(a.getInfoProperty(), b.getInfoProperty());
			for (String key : new String[] { "ConvKit.rf.x", "ConvKit.jump.x", "ConvKit.start.x", "ConvKit.rf.y" }) {
				assertEquals(a.getProp(key), b.getProp(key), key);
				assertTrue(b.getProp(key) != null, key);
			}
		}
	}

	private static void copySamples(Path folder) throws IOException {
		Path s = Files.createDirectories(folder.resolve("samples"));
		for (String f : new String[] { "cells.tif", "edges_3to2.npy", "edges_3to2.bias.npy" }) {
			Files.copy(Paths.get("samples", f), s.resolve(f));
		}
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
