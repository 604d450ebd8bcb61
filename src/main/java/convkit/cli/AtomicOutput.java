package convkit.cli;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file under a temporary name beside its target and renames it when complete, so a
 * failure or interruption never leaves a partial file under the target's name.
 */
final class AtomicOutput {

	/** Writes into the given temporary path. */
	interface Writer {
		void write(Path temporary) throws IOException;
	}

	private AtomicOutput() {}

	/** A temporary name beside {@code target} that keeps its extension (ImageJ picks formats by it). */
	static Path temporaryFor(Path target) {
		String name = target.getFileName().toString();
		return target.resolveSibling(".convkit-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + "-" + name);
	}

	/** Runs {@code writer} on a temporary file and moves the result onto {@code target}. */
	static void write(Path target, Writer writer) throws IOException {
		Path tmp = temporaryFor(target);
		boolean done = false;
		try {
			writer.write(tmp);
			if (!Files.isRegularFile(tmp)) throw new IOException("nothing was written to " + tmp);
			try {
				Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException e) {
				Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
			}
			done = true;
		}
		finally {
			if (!done) Files.deleteIfExists(tmp);
		}
	}
}
