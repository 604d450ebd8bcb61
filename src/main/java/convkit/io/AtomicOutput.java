package convkit.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a file under a temporary name and renames it when complete, so a failure or an
 * interruption never leaves a partial file under the target's name. Temporary files still being
 * written when the JVM is stopped (Ctrl-C, kill) are deleted by a shutdown hook.
 */
public final class AtomicOutput {

	/** Writes into the given temporary path. */
	public interface Writer {
		void write(Path temporary) throws IOException;
	}

	private static final Set<Path> IN_PROGRESS = ConcurrentHashMap.newKeySet();

	/** How long the shutdown hook keeps deleting temporary files while writers still hold some. */
	static final long CLEANUP_MILLIS = 500;

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(AtomicOutput::deleteInProgress, "convkit-temporary-cleanup"));
	}

	/**
	 * Deletes every temporary file still being written, then again every 20 ms while a writer still
	 * holds one (for at most {@link #CLEANUP_MILLIS}): the threads that write keep running while the
	 * JVM stops, so a writer between a temporary name and its first byte would otherwise create its
	 * file after a single pass had looked for it, and leave it behind.
	 */
	static void deleteInProgress() {
		long end = System.nanoTime() + CLEANUP_MILLIS * 1_000_000L;
		while (true) {
			for (Path p : IN_PROGRESS) {
				try {
					Files.deleteIfExists(p);
				}
				catch (IOException e) {
					System.err.println("convkit: could not delete the temporary file " + p + ": " + e.getMessage());
				}
			}
			if (IN_PROGRESS.isEmpty() || System.nanoTime() > end) return;
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private AtomicOutput() {}

	/**
	 * Deletes {@code .convkit-<pid>-...} files in {@code dir} whose process no longer runs (a run
	 * killed while writing, which could not clean up); files of running processes are left alone.
	 */
	public static void removeStale(Path dir) throws IOException {
		if (dir == null || !Files.isDirectory(dir)) return;
		try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, ".convkit-*")) {
			for (Path p : s) {
				Matcher m = TEMPORARY.matcher(p.getFileName().toString());
				if (!m.matches() || !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) continue;
				long pid;
				try {
					pid = Long.parseLong(m.group(1));
				}
				catch (NumberFormatException e) {
					continue;
				}
				if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) Files.deleteIfExists(p);
			}
		}
	}

	private static final Pattern TEMPORARY = Pattern.compile("\\.convkit-(\\d+)-\\d+-.+");

	/** A temporary name in {@code dir} that keeps {@code target}'s extension (ImageJ picks formats by it). */
	public static Path temporaryFor(Path target, Path dir) {
		String name = target.getFileName().toString();
		return dir.resolve(".convkit-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + "-" + name);
	}

	/** Writes beside {@code target}, then renames. */
	public static void write(Path target, Writer writer) throws IOException {
		write(target, target.toAbsolutePath().getParent(), writer);
	}

	/**
	 * Writes in {@code temporaryDir} (on the same file system as {@code target}), then renames;
	 * first removes what killed runs left there (temporary files whose process is gone).
	 */
	public static void write(Path target, Path temporaryDir, Writer writer) throws IOException {
		Pending p = begin(target, temporaryDir);
		boolean done = false;
		try {
			p.write(writer);
			p.commit();
			done = true;
		}
		finally {
			if (!done) p.discard();
		}
	}

	/**
	 * A temporary file for {@code target} in {@code temporaryDir}, written over time (a stream of
	 * planes) and then {@linkplain Pending#commit committed} or {@linkplain Pending#discard discarded};
	 * removes what killed runs left in {@code temporaryDir} first.
	 */
	public static Pending begin(Path target, Path temporaryDir) throws IOException {
		removeStale(temporaryDir);
		Path tmp = temporaryFor(target, temporaryDir);
		IN_PROGRESS.add(tmp);
		return new Pending(target, tmp);
	}

	/** A temporary file on its way to its target's name; deleted at JVM exit unless committed. */
	public static final class Pending {
		private final Path target;
		private final Path temporary;

		private Pending(Path target, Path temporary) {
			this.target = target;
			this.temporary = temporary;
		}

		/** The temporary file being written. */
		public Path temporary() {
			return temporary;
		}

		/** Runs {@code writer} on the temporary file, naming the target in a file-system refusal. */
		public void write(Writer writer) throws IOException {
			try {
				writer.write(temporary);
			}
			catch (FileSystemException e) { // its message is only the temporary name: say what could not be written, and why
				throw new IOException("cannot write '" + target + "': " + (e.getReason() != null ? e.getReason()
					: "the file system refused it (" + e.getClass().getSimpleName() + ")"), e);
			}
		}

		/** Renames the complete temporary file to the target (replacing it). */
		public void commit() throws IOException {
			if (!Files.isRegularFile(temporary)) throw new IOException("nothing was written to " + temporary);
			try {
				Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException e) {
				Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
			}
			IN_PROGRESS.remove(temporary);
		}

		/** Deletes the temporary file (nothing of the output remains). */
		public void discard() {
			try {
				Files.deleteIfExists(temporary);
			}
			catch (IOException e) {
				System.err.println("convkit: could not delete the temporary file " + temporary + ": " + e.getMessage());
			}
			IN_PROGRESS.remove(temporary);
		}
	}
}
