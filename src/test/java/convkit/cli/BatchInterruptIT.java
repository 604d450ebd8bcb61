package convkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.batch.BatchLock;
import convkit.batch.BatchLog;
import convkit.batch.BatchSettings;
import ij.io.Opener;

import java.io.IOException;
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

/**
 * A batch run through the packaged jar, stopped mid-folder (as Ctrl-C or kill do, and by force
 * as kill -9 does): no partial output under any output name, and a second run with
 * {@code skip_existing} finishes the folder.
 */
class BatchInterruptIT {

	private static final int FILES = 10;
	private static final String OPTIONS = "kernel=random(21,5) padding=same padding_mode=reflect";

	@TempDir
	static Path dir;

	private static Path in;

	@BeforeAll
	static void makeFolder() throws IOException {
		JarIT.findJar();
		in = Files.createDirectories(dir.resolve("in"));
		for (int i = 0; i < FILES; i++) BatchTest.saveFloat(in.resolve(String.format("img%02d.tif", i)), 1, 768, 768, i);
	}

	private static Process start(Path out, String... extra) throws IOException {
		List<String> cmd = new ArrayList<>(Arrays.asList(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
			"-jar", JarIT.jarPath().toString(), "batch", "input=" + in, "output=" + out, "threads=1", OPTIONS));
		cmd.addAll(Arrays.asList(extra));
		return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("log-" + System.nanoTime() + ".txt")
			.toFile()).start();
	}

	private static void stopAfterTwoFiles(Process p, Path out, boolean force) throws Exception {
		Path log = out.resolve(BatchLog.NAME);
		long deadline = System.currentTimeMillis() + 120_000;
		while (System.currentTimeMillis() < deadline && p.isAlive()) {
			if (Files.exists(log) && Files.readAllLines(log).size() >= 3) break;
			Thread.sleep(20);
		}
		assertTrue(p.isAlive(), "the run must still be going when it is stopped");
		if (force) p.destroyForcibly();
		else p.destroy();
		assertTrue(p.waitFor(30, TimeUnit.SECONDS));
	}

	/** Every visible file under the output folder is a complete output image (or the log). */
	private static int checkNoPartialFiles(Path out) throws IOException {
		int images = 0;
		try (Stream<Path> s = Files.list(out)) {
			for (Path p : s.collect(Collectors.toList())) {
				String n = p.getFileName().toString();
				// the log, the temporary folder, and the lock file of a run killed before it could remove it (the
				// operating system released its lock; the next run takes it)
				if (n.equals(BatchLog.NAME) || n.equals(BatchSettings.TEMPORARY_DIR) || n.equals(BatchLock.NAME)) continue;
				assertTrue(n.matches("img\\d\\d\\.tif"), "unexpected file " + n);
				assertEquals(768, new Opener().openImage(p.toString()).getWidth(), n + " is complete");
				images++;
			}
		}
		return images;
	}

	private static void resumeAndCheck(Path out, int already) throws Exception {
		Process p = start(out, "skip_existing");
		assertTrue(p.waitFor(300, TimeUnit.SECONDS));
		assertEquals(0, p.exitValue());
		List<String> all = Files.readAllLines(out.resolve(BatchLog.NAME));
		assertEquals(BatchLog.HEADER, all.get(0));
		List<String> log = all.subList(all.lastIndexOf(BatchLog.HEADER), all.size()); // the resumed run's rows
		assertTrue(all.size() > log.size(), "the stopped run's rows are kept");
		assertEquals(FILES + 1, log.size());
		assertEquals(already, log.stream().filter(l -> l.contains(",skipped,")).count());
		assertEquals(FILES - already, log.stream().filter(l -> l.contains(",ok,")).count());
		assertEquals(FILES, checkNoPartialFiles(out));
		assertTrue(!Files.exists(out.resolve(BatchSettings.TEMPORARY_DIR)), "temporary folder cleaned");
		BatchTestSupport.assertSameAsConv(in.resolve("img07.tif"), out.resolve("img07.tif"), OPTIONS, dir);
	}

	@Test
	void stoppedRunLeavesNoPartialFileAndResumes() throws Exception {
		Path out = dir.resolve("out-term");
		Process p = start(out);
		stopAfterTwoFiles(p, out, false);
		int written = checkNoPartialFiles(out);
		assertTrue(written >= 2 && written < FILES, written + " files written before the stop");
		Path tmp = out.resolve(BatchSettings.TEMPORARY_DIR);
		if (Files.isDirectory(tmp)) {
			try (Stream<Path> s = Files.list(tmp)) {
				assertEquals(0, s.count(), "the shutdown hook deleted the file being written");
			}
		}
		resumeAndCheck(out, written);
	}

	@Test
	void killedRunLeavesNoPartialFileUnderAnOutputNameAndResumes() throws Exception {
		Path out = dir.resolve("out-kill");
		Process p = start(out);
		stopAfterTwoFiles(p, out, true);
		int written = checkNoPartialFiles(out);
		assertTrue(written >= 2 && written < FILES, written + " files written before the kill");
		resumeAndCheck(out, written);
	}
}
