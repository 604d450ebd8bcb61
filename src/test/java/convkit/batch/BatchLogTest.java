package convkit.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch's log and console lines with exact texts (a run begun two hours ago, so the times
 * are whole), the log readable while the run goes on, the folder lock released, and the
 * case-folding test of the output folder's file system.
 */
class BatchLogTest {

	@TempDir
	Path dir;

	private static final long HOUR = 3600L * 1_000_000_000L;

	@Test
	void progressSummaryAndRowsHaveExactTexts() throws IOException {
		BatchRow ok = new BatchRow("a.tif", BatchRow.OK, "[1, 8, 9]", 0.125);
		BatchRow failed = new BatchRow("b, c.tif", BatchRow.FAILED, "said \"no\"", 2);
		BatchRow skipped = new BatchRow("d.tif", BatchRow.SKIPPED, "exists", 0);
		try (BatchLog log = BatchLog.open(dir, System.nanoTime() - 2 * HOUR)) {
			log.add(ok);
			// the rows are in the file as soon as they are added (a killed run keeps them)
			assertEquals(List.of("file,status,message,seconds", "a.tif,ok,\"[1, 8, 9]\",0.125"), Files.readAllLines(dir.resolve(BatchLog.NAME)));
			// 2 hours for the first of 4 files: 6 hours left
			assertEquals("[1/4] a.tif ok 0.13 s, about 6:00:00 left", log.progress(1, 4, ok));
			// 2 hours for 3 of 4: 40 minutes left
			assertEquals("[3/4] b, c.tif failed 2.00 s, about 0:40:00 left", log.progress(3, 4, failed));
			assertEquals("[4/4] d.tif skipped 0.00 s, about 0:00:00 left", log.progress(4, 4, skipped));
			log.add(failed);
			log.add(skipped);
			assertEquals(1, log.failed());
			String summary = log.summary(3);
			assertTrue(summary.startsWith("batch: 1 written, 1 skipped, 1 failed of 3 files in 7200.0 s; log "), summary);
			assertTrue(summary.endsWith(dir.resolve(BatchLog.NAME).toString()), summary);
		}
		assertEquals("[2/3] a.tif ok 0.13 s", BatchLog.done(2, 3, ok));
		assertEquals(List.of("file,status,message,seconds", "a.tif,ok,\"[1, 8, 9]\",0.125", "\"b, c.tif\",failed,\"said \"\"no\"\"\",2.000",
			"d.tif,skipped,exists,0.000"), Files.readAllLines(dir.resolve(BatchLog.NAME)));
		assertEquals("a.tif,ok,\"[1, 8, 9]\",0.125", ok.toString());
		assertEquals(2.0, failed.seconds());
		assertEquals("said \"no\"", failed.message());
		try (BatchLog again = BatchLog.open(dir)) { // a resumed run appends its header and rows
			again.add(ok);
		}
		assertEquals(6, Files.readAllLines(dir.resolve(BatchLog.NAME)).size());
		assertThrows(IllegalArgumentException.class, () -> new BatchRow("x", "done", "", 0));
	}

	@Test
	void theLockIsReleasedOnClose() throws IOException {
		try (BatchLock lock = BatchLock.take(dir)) {
			IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BatchLock.take(dir));
			assertTrue(e.getMessage().contains("is in use by another batch run"), e.getMessage());
		}
		assertFalse(Files.exists(dir.resolve(BatchLock.NAME)));
		for (int i = 0; i < 3; i++) BatchLock.take(dir).close(); // taken again and again in this JVM: released each time
	}

	@Test
	void aFileSystemThatFoldsCaseIsRecognised() throws IOException {
		Path lower = Files.createDirectories(dir.resolve("sensitive"));
		assertFalse(BatchSettings.caseInsensitive(lower));
		assertFalse(BatchSettings.caseInsensitive(lower.resolve("not/made/yet")), "the nearest existing folder is asked");
		// a folder whose other-case name leads to it, as on a case-folding file system
		Path upper = Files.createDirectories(dir.resolve("FOLDED"));
		Files.createSymbolicLink(dir.resolve("folded"), upper);
		assertTrue(BatchSettings.caseInsensitive(upper));
		assertTrue(BatchSettings.caseInsensitive(Files.createDirectories(upper.resolve("123"))), "a name without letters: the folder above");
		Path mixed = Files.createDirectories(dir.resolve("Mixed"));
		Files.createSymbolicLink(dir.resolve("MIXED"), mixed);
		assertTrue(BatchSettings.caseInsensitive(mixed));
		Path other = Files.createDirectories(dir.resolve("other"));
		Files.createDirectories(dir.resolve("OTHER"));
		assertFalse(BatchSettings.caseInsensitive(other), "two folders whose names differ in case");
	}
}
