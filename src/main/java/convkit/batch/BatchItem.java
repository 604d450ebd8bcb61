package convkit.batch;

import convkit.engine.Execution;
import convkit.run.Failures;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One file of a batch, run into its output ({@link BatchWork}: a convolution or a layer stack), whatever happens told as
 * a {@link BatchRow}: written, skipped (its output exists and {@code skip_existing}), or failed with
 * the one-line reason (a bad file, a link to a missing file, out of memory...) — never thrown, so
 * the batch goes on.
 */
public final class BatchItem {

	private BatchItem() {}

	/** Runs {@code file} of {@code settings}' input folder through {@code work}; the row says how it went. */
	public static BatchRow run(BatchSettings settings, Path file, BatchWork work, Execution exec) {
		Path rel = settings.inputFolder().relativize(file);
		Path target = settings.target(file);
		long t0 = System.nanoTime();
		String status;
		String message = "";
		try {
			if (Files.isSymbolicLink(file) && !Files.exists(file)) {
				status = BatchRow.FAILED;
				message = "a link to a missing file (" + Files.readSymbolicLink(file) + ")";
			}
			else if (settings.skipExisting() && Files.exists(target)) {
				status = BatchRow.SKIPPED;
				message = "output exists";
			}
			else {
				Files.createDirectories(target.getParent());
				message = work.run(settings, file, target, exec);
				status = BatchRow.OK;
			}
		}
		catch (Throwable t) { // out of memory and the rest too: the batch goes on
			status = BatchRow.FAILED;
			message = Failures.describe(t);
		}
		return new BatchRow(rel.toString(), status, message, (System.nanoTime() - t0) / 1e9);
	}

	/** The log message of a file written: the output's shape, and its positions when more than one. */
	static String written(convkit.engine.Shape output, int positions) {
		return output + (positions > 1 ? " x " + positions : "");
	}
}
