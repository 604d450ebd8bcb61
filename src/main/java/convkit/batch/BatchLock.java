package convkit.batch;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A batch run's hold on its output folder ({@code .convkit-batch.lock}, locked by the operating
 * system, so a killed run's lock is free again): a second run into the same folder is refused
 * instead of deleting the first one's temporary files and mixing its log.
 */
public final class BatchLock implements AutoCloseable {

	/** The lock file's name in the output folder. */
	public static final String NAME = ".convkit-batch.lock";

	private final Path file;
	private final FileChannel channel;
	private final FileLock lock;

	private BatchLock(Path file, FileChannel channel, FileLock lock) {
		this.file = file;
		this.channel = channel;
		this.lock = lock;
	}

	/** Locks {@code outDir}; refuses when another run holds it. */
	public static BatchLock take(Path outDir) throws IOException {
		Path file = outDir.resolve(NAME);
		FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
		FileLock lock;
		try {
			lock = channel.tryLock();
		}
		catch (OverlappingFileLockException e) {
			lock = null;
		}
		if (lock == null) {
			channel.close();
			throw new IllegalArgumentException("output folder '" + outDir + "' is in use by another batch run (it holds " + file
				+ "); wait for that run to end or choose another output folder");
		}
		return new BatchLock(file, channel, lock);
	}

	@Override
	public void close() throws IOException {
		try {
			Files.deleteIfExists(file);
			lock.release();
		}
		finally {
			channel.close();
		}
	}
}
