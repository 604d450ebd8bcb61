package convkit.engine;

import java.util.function.BooleanSupplier;

/**
 * How a convolution runs: the number of threads, where progress goes, and how to ask whether
 * the user cancelled. Immutable.
 * <p>
 * Example: {@code Execution.defaults().withThreads(1)}.
 */
public final class Execution {

	private static final BooleanSupplier NEVER = () -> false;

	private final int threads;
	private final ProgressListener progress;
	private final BooleanSupplier cancelled;

	private Execution(int threads, ProgressListener progress, BooleanSupplier cancelled) {
		this.threads = threads;
		this.progress = progress;
		this.cancelled = cancelled;
	}

	/** Every available core, no progress, never cancelled. */
	public static Execution defaults() {
		return new Execution(Runtime.getRuntime().availableProcessors(), ProgressListener.NONE, NEVER);
	}

	/** The same with {@code n} threads (at least 1). */
	public Execution withThreads(int n) {
		if (n < 1) throw new IllegalArgumentException("threads must be at least 1, not " + n);
		return new Execution(n, progress, cancelled);
	}

	/** The same, reporting progress to {@code listener}. */
	public Execution withProgress(ProgressListener listener) {
		return new Execution(threads, listener == null ? ProgressListener.NONE : listener, cancelled);
	}

	/** The same, stopping with a {@link java.util.concurrent.CancellationException} once {@code c} is true. */
	public Execution withCancellation(BooleanSupplier c) {
		return new Execution(threads, progress, c == null ? NEVER : c);
	}

	public int threads() {
		return threads;
	}

	public ProgressListener progress() {
		return progress;
	}

	/** Whether the user asked to stop. */
	public boolean isCancelled() {
		return cancelled.getAsBoolean();
	}
}
