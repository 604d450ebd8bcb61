package convkit.ijtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/**
 * Starts a real ImageJ 1 in a child JVM under Xvfb, with the packaged plugin jar in its plugins
 * folder, and runs a macro through {@link BatchLauncher} (or another main class of the tests).
 * Xvfb is required: ImageJ 1 needs a display to build its menus; {@code .ci/run} installs it.
 */
public final class ImageJRunner {

	private final Path home;
	private final Path ijJar;

	/** An ImageJ home under {@code dir} whose {@code plugins/} folder holds the jar from {@code target/}. */
	public ImageJRunner(Path dir) throws IOException {
		home = dir.resolve("imagej");
		Files.createDirectories(home.resolve("plugins"));
		Files.copy(single("target", "ConvKit_-[^-]+(-SNAPSHOT)?\\.jar"), home.resolve("plugins").resolve("ConvKit_.jar"));
		ijJar = single("target/lib", "ij-.*\\.jar");
	}

	private static Path single(String folder, String regex) throws IOException {
		try (Stream<Path> s = Files.list(Paths.get(folder))) {
			List<Path> l = s.filter(p -> p.getFileName().toString().matches(regex)).collect(Collectors.toList());
			assertEquals(1, l.size(), "one " + regex + " in " + folder + ": " + l);
			return l.get(0);
		}
	}

	/**
	 * Runs {@code macros} one after another in one ImageJ with windows ({@link BatchLauncher}'s
	 * {@code gui} mode, each starting with no image open); returns each one's stdout.
	 */
	public String[] guiMacros(String... macros) throws IOException, InterruptedException {
		String[] files = new String[macros.length + 1];
		files[0] = "gui";
		for (int i = 0; i < macros.length; i++) {
			Path file = Files.createTempFile(home, "test", ".ijm");
			Files.write(file, macros[i].getBytes(StandardCharsets.UTF_8));
			files[i + 1] = file.toString();
		}
		String out = java(BatchLauncher.class.getName(), files);
		String[] each = new String[macros.length];
		for (int i = 0; i < macros.length; i++) {
			String begin = BatchLauncher.CASE + (i + 1) + "\n";
			int from = out.indexOf(begin);
			assertTrue(from >= 0, "no output for macro " + (i + 1) + ": " + out);
			int to = out.indexOf(BatchLauncher.CASE + (i + 2) + "\n", from);
			each[i] = out.substring(from + begin.length(), to < 0 ? out.length() : to);
		}
		return each;
	}

	/**
	 * For each {@code {options, message}} of {@code bad}: opens an image 'in' with {@code newImage}
	 * (the macro's arguments), runs {@code command} with the options, all in one ImageJ with
	 * windows, and asserts that the macro stopped there with a Macro Error naming the message and
	 * that only the input is open. Returns the seconds the ImageJ took.
	 */
	public double assertEachAborts(String newImage, String command, String[][] bad) throws IOException, InterruptedException {
		String[] macros = new String[bad.length];
		for (int i = 0; i < bad.length; i++) {
			macros[i] = "newImage('in', " + newImage + ");\nrun('" + command + "', '" + bad[i][0] + "');\nprint('NOT ABORTED');\n";
		}
		long t0 = System.nanoTime();
		String[] outs = guiMacros(macros);
		double seconds = (System.nanoTime() - t0) / 1e9;
		for (int i = 0; i < bad.length; i++) {
			String[] b = bad[i];
			String out = outs[i];
			assertTrue(out.contains("MACRO ERROR: ") && out.contains(b[1]), b[0] + ": " + out);
			assertFalse(out.contains("NOT ABORTED"), b[0] + ": the macro went on");
			assertTrue(out.contains("IMAGES OPEN: in\n") || out.trim().endsWith("IMAGES OPEN: in"), b[0] + ": only the input is open: "
				+ out);
		}
		return seconds;
	}

	/** Runs {@code macro} with {@link BatchLauncher} in {@code mode} ("batch" or "gui"); returns stdout. */
	public String macro(String mode, String macro) throws IOException, InterruptedException {
		Path file = Files.createTempFile(home, "test", ".ijm");
		Files.write(file, macro.getBytes(StandardCharsets.UTF_8));
		return java(BatchLauncher.class.getName(), mode, file.toString());
	}

	/**
	 * Runs {@code ij.ImageJ -batch macroFile [argument]} truly headless ({@code -Djava.awt.headless=true},
	 * no Xvfb); returns stdout followed by stderr.
	 */
	public String headless(Path macroFile, String argument) throws IOException, InterruptedException {
		List<String> cmd = new ArrayList<>(Arrays.asList(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
			"-Xmx1g", "-Djava.awt.headless=true", "-Dplugins.dir=" + home, "-cp", ijJar.toString(), "ij.ImageJ", "-batch",
			macroFile.toString()));
		if (argument != null) cmd.add(argument);
		Path out = Files.createTempFile(home, "stdout", ".txt");
		Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
		if (!p.waitFor(240, TimeUnit.SECONDS)) {
			p.destroyForcibly();
			throw new AssertionError("ImageJ did not finish in 240 s: " + read(out));
		}
		return read(out);
	}

	/**
	 * Runs a main class of the tests truly headless ({@code -Djava.awt.headless=true}, no Xvfb) in
	 * ImageJ's JVM with this home's plugins; returns stdout, failing on a non-zero exit.
	 */
	public String headlessJava(String mainClass, String... args) throws IOException, InterruptedException {
		List<String> cmd = new ArrayList<>(Arrays.asList(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
			"-Xmx1g", "-Djava.awt.headless=true", "-Dplugins.dir=" + home, "-cp", testClassPath(), mainClass));
		cmd.addAll(Arrays.asList(args));
		return runChecked(cmd, mainClass);
	}

	/** Writes {@code macro} to a file in the ImageJ home and returns it. */
	public Path macroFile(String macro) throws IOException {
		Path file = Files.createTempFile(home, "test", ".ijm");
		Files.write(file, macro.getBytes(StandardCharsets.UTF_8));
		return file;
	}

	/** Runs a main class of the tests in ImageJ's JVM; returns stdout (stderr is appended on failure). */
	public String java(String mainClass, String... args) throws IOException, InterruptedException {
		assertTrue(Files.isExecutable(Paths.get("/usr/bin/xvfb-run")),
			"xvfb-run is needed for the ImageJ menu tests (apt-get install xvfb); scripts/test and .ci/run install it");
		// xvfb-run -a takes the first free display from -n on; test classes running side by side
		// (failsafe forks) start their search at different numbers, so they never race for one
		int firstDisplay = 100 * (1 + forkNumber());
		List<String> cmd = new ArrayList<>(Arrays.asList("xvfb-run", "-a", "-n", Integer.toString(firstDisplay), "-s",
			"-screen 0 1280x1024x24",
			Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-Dplugins.dir=" + home,
			"-cp", testClassPath(), mainClass));
		cmd.addAll(Arrays.asList(args));
		return runChecked(cmd, "ImageJ");
	}

	private String testClassPath() {
		return ijJar + java.io.File.pathSeparator + Paths.get("target", "test-classes").toAbsolutePath();
	}

	/** Runs {@code cmd} (at most 240 s), fails on a non-zero exit; returns stdout (stderr is shown on failure). */
	private String runChecked(List<String> cmd, String what) throws IOException, InterruptedException {
		Path out = Files.createTempFile(home, "stdout", ".txt");
		Path err = Files.createTempFile(home, "stderr", ".txt");
		Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
		if (!p.waitFor(240, TimeUnit.SECONDS)) {
			p.destroyForcibly();
			throw new AssertionError(what + " did not finish in 240 s; stdout: " + read(out) + " stderr: " + read(err));
		}
		String stdout = read(out);
		assertEquals(0, p.exitValue(), what + " exit status; stdout: " + stdout + " stderr: " + read(err));
		return stdout;
	}

	/** Which failsafe fork this JVM is (1, 2, ...), 0 outside one. */
	private static int forkNumber() {
		String fork = System.getProperty("convkit.fork", "");
		return fork.matches("\\d+") ? Integer.parseInt(fork) : 0;
	}

	private static String read(Path p) throws IOException {
		return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
	}

	/** The value printed on a line {@code KEY=value} (the first such line). */
	public static String value(String stdout, String key) {
		for (String line : stdout.split("\n")) {
			if (line.startsWith(key + "=")) return line.substring(key.length() + 1).trim();
		}
		throw new AssertionError("no line '" + key + "=' in:\n" + stdout);
	}
}
