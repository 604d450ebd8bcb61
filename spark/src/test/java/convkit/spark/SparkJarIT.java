package convkit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.cli.Main;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command of the issue, as a user types it: {@code java -jar spark/target/convkit-spark.jar batch
 * master=local[2] input=DIR output=DIR pattern=*.npy recursive kernel=[gaussian(1.5)] padding=same
 * padding_mode=reflect} on 20 good files (one subfolder) and a corrupt one — 20 outputs identical
 * to the single-machine batch's, the corrupt file logged, exit 1.
 */
class SparkJarIT {

	@TempDir
	Path dir;

	@Test
	void theSelfContainedJarRunsTheBatchOnLocalSpark() throws IOException, InterruptedException {
		Path jar = Paths.get("target", "convkit-spark.jar").toAbsolutePath();
		assertTrue(Files.isRegularFile(jar), "built by package: " + jar);
		Path in = SparkFolders.folder(dir);
		String[] keys = { "pattern=*.npy", "recursive", "kernel=[gaussian(1.5)]", "padding=same", "padding_mode=reflect" };
		List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
			jar.toString(), "batch", "master=local[2]", "input=" + in, "output=" + dir.resolve("spark")));
		cmd.addAll(List.of(keys));
		Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(dir.resolve("out.txt").toFile())
			.redirectError(dir.resolve("err.txt").toFile()).start();
		assertTrue(p.waitFor(5, TimeUnit.MINUTES), "finished");
		String out = Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8);
		String err = Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8);
		assertEquals(1, p.exitValue(), out + err);
		List<String> batch = new ArrayList<>(List.of("batch", "input=" + in, "output=" + dir.resolve("single")));
		batch.addAll(List.of(keys));
		assertEquals(1, SparkFolders.run(Main::run, batch.toArray(new String[0])).status);
		assertEquals(20, SparkFolders.outputs(dir.resolve("spark")).size());
		SparkFolders.assertSameFiles(dir.resolve("single"), dir.resolve("spark"));
		assertTrue(err.contains("convkit-spark: broken.npy: "), err);
		assertFalse(err.contains("\tat "), "no stack trace: " + err);
		assertFalse(err.contains("SLF4J"), "Spark's logging works: " + err);
		assertTrue(out.contains("spark: stage 0 (collect) finished: 21 tasks") && out.contains("batch: 20 written, 0 skipped, 1 failed"),
			out);
		assertTrue(Files.readAllLines(dir.resolve("spark").resolve("convkit-batch-log.csv")).get(1).startsWith("broken.npy,failed,"));
	}

	@Test
	void theConsoleShowsConvKitsOneLineReasonsNotTheReadersExceptions() throws IOException, InterruptedException {
		Path jar = Paths.get("target", "convkit-spark.jar").toAbsolutePath();
		Path in = Files.createDirectories(dir.resolve("images"));
		byte[] png = new byte[600];
		new java.util.Random(3).nextBytes(png);
		byte[] signature = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
		System.arraycopy(signature, 0, png, 0, signature.length);
		Files.write(in.resolve("damaged.png"), png);
		Files.write(in.resolve("noise.png"), java.util.Arrays.copyOfRange(png, 8, 600));
		Process p = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(), "batch",
			"master=local[2]", "input=" + in, "output=" + dir.resolve("out"), "pattern=*.png", "kernel=sobel_x").directory(dir.toFile())
			.redirectOutput(dir.resolve("o.txt").toFile()).redirectError(dir.resolve("e.txt").toFile()).start();
		assertTrue(p.waitFor(5, TimeUnit.MINUTES), "finished");
		String out = Files.readString(dir.resolve("o.txt"), StandardCharsets.UTF_8);
		String err = Files.readString(dir.resolve("e.txt"), StandardCharsets.UTF_8);
		assertEquals(1, p.exitValue(), out + err);
		for (String line : err.split("\n")) {
			if (line.isBlank()) continue;
			assertTrue(line.startsWith("convkit-spark: damaged.png: ") || line.startsWith("convkit-spark: noise.png: "),
				"only ConvKit's one line per file: " + err);
		}
		assertFalse(out.contains("IIOException") || out.contains("Unsupported format"), out);
	}
}
