package convkit.engine;

/**
 * Receives progress events from the engine; the ImageJ adapter turns them into the progress bar.
 * Called from worker threads, so implementations must be thread-safe and quick.
 */
@FunctionalInterface
public interface ProgressListener {

	/** No-op listener. */
	ProgressListener NONE = (done, total) -> {};

	/** {@code done} of {@code total} units of work are finished. */
	void progress(long done, long total);
}
