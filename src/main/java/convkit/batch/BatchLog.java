package convkit.batch;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * A batch's log, {@code convkit-batch-log.csv} in the output folder: appended run after run,
 * each run starting with the header, one row per file as it finishes (flushed, so a killed run's
 * rows remain); and the progress and summary lines of the console.
 */
public final class BatchLog implements AutoCloseable {

	/** The log's name in the output folder. */
	public static final String NAME = "convkit-batch-log.csv";
	/** The first line of every run's rows. */
	public static final String HEADER = "file,status,message,seconds";

	private final Path path;
	private final BufferedWriter writer;
	private final long start;
	private int ok;
	private int skipped;
	private int failed;

	private BatchLog(Path path, BufferedWriter writer, long start) {
		this.path = path;
		this.writer = writer;
		this.start = start;
	}

	/** Opens the log of {@code outDir} for appending and writes this run's header; the run's time counts from now. */
	public static BatchLog open(Path outDir) throws IOException {
		return open(outDir, System.nanoTime());
	}

	/**
	 * As {@link #open(Path)}, the run's time counted from {@code startNanos} ({@link System#nanoTime()}
	 * when the run began: a cluster's rows arrive when all are done).
	 */
	public static BatchLog open(Path outDir, long startNanos) throws IOException {
		Path path = outDir.resolve(NAME);
		BufferedWriter w = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		w.write(HEADER + "\n"); // every run starts with the header: a resumed run's rows follow the earlier ones
		w.flush();
		return new BatchLog(path, w, startNanos);
	}

	/** Appends {@code row} and counts it. */
	public void add(BatchRow row) throws IOException {
		writer.write(row.csv() + "\n");
		writer.flush();
		if (row.status().equals(BatchRow.OK)) ok++;
		else if (row.status().equals(BatchRow.SKIPPED)) skipped++;
		else failed++;
	}

	/** Files that failed so far. */
	public int failed() {
		return failed;
	}

	/** The console line for file {@code i} of {@code n}: {@code [3/20] a.tif ok 0.12 s, about 0:00:02 left}. */
	public String progress(int i, int n, BatchRow row) {
		double elapsed = (System.nanoTime() - start) / 1e9;
		long eta = Math.round(elapsed / i * (n - i));
		return String.format(Locale.ROOT, "[%d/%d] %s %s %.2f s, about %d:%02d:%02d left", i, n, row.file(), row.status(), row.seconds(),
			eta / 3600, eta / 60 % 60, eta % 60);
	}

	/** The console line for file {@code i} of {@code n} once all are done: {@code [3/20] a.tif ok 0.12 s}. */
	public static String done(int i, int n, BatchRow row) {
		return String.format(Locale.ROOT, "[%d/%d] %s %s %.2f s", i, n, row.file(), row.status(), row.seconds());
	}

	/** The summary line: written, skipped, failed of {@code files} in how long, and where the log is. */
	public String summary(int files) {
		return String.format(Locale.ROOT, "batch: %d written, %d skipped, %d failed of %d files in %.1f s; log %s", ok, skipped, failed,
			files, (System.nanoTime() - start) / 1e9, path);
	}

	@Override
	public void close() throws IOException {
		writer.close();
	}
}
