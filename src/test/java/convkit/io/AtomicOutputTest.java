package convkit.io;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shutdown hook's cleanup: a temporary file a writer creates just after the first pass is deleted too. */
class AtomicOutputTest {

	@TempDir
	Path dir;

	@Test
	void aTemporaryFileCreatedWhileTheJvmStopsIsDeletedToo() throws Exception {
		AtomicOutput.Pending pending = AtomicOutput.begin(dir.resolve("out.tif"), dir);
		Path tmp = pending.temporary();
		Thread late = new Thread(() -> { // a writer between the temporary name and its first byte when the JVM is stopped
			try {
				Thread.sleep(AtomicOutput.CLEANUP_MILLIS / 5);
				Files.write(tmp, new byte[] { 1, 2, 3 });
			}
			catch (Exception e) {
				throw new IllegalStateException(e);
			}
		});
		late.start();
		AtomicOutput.deleteInProgress();
		late.join();
		try {
			assertFalse(Files.exists(tmp), "the file created after the first pass is deleted by a later one");
		}
		finally {
			pending.discard();
		}
	}
}
