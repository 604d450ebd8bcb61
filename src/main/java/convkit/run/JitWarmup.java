package convkit.run;

import convkit.engine.ConvPlan;
import convkit.engine.Convolution;
import convkit.engine.Execution;
import convkit.engine.Shape;
import convkit.engine.Tensor;

/**
 * The first call in a fresh JVM, made faster: while the caller reads its input (a command line
 * does that before anything else), one background thread runs the job's algorithm on a small
 * made-up input of the same channels, so HotSpot has compiled the hot loops (C2, vectorised) when
 * the real run starts instead of running them interpreted and profiled. It stops as soon as the
 * caller {@linkplain #close() closes} it — before the real run, so it never competes with it —
 * and does nothing when the job cannot be planned on a small input. Closing it runs the small
 * input once more on the job's threads, so the worker pool is started and its path compiled too
 * (B1's first call: median 38 → 21 ms over 20 fresh JVMs each). The results are untouched: the
 * made-up input's output is discarded.
 * <p>
 * Example: {@code try (JitWarmup w = JitWarmup.start(job, threads)) { source = FileSource.open(...); }}.
 */
public final class JitWarmup implements AutoCloseable {

	/** Runs at most this many small convolutions (enough for C2 to compile the loops; a few ms each). */
	static final int MAX_RUNS = 400;
	/** The most multiply-adds one warm-up run may take (a few milliseconds once compiled). */
	static final long MAX_MULTIPLY_ADDS = 100_000_000L;


	private final Thread thread;
	private volatile boolean stopped;

	private final int threads;
	private volatile Convolution warmed;
	private volatile Tensor warmInput;

	private JitWarmup(ConvJob job, int threads) {
		this.threads = threads;
		thread = new Thread(() -> warm(job), "convkit-jit-warmup");
		thread.setDaemon(true);
		thread.setPriority(Thread.MIN_PRIORITY);
	}

	/** Starts warming the loops {@code job} will run on one thread. */
	public static JitWarmup start(ConvJob job) {
		return start(job, 1);
	}

	/**
	 * Starts warming the loops {@code job} will run on {@code threads} threads: the warm-up runs on
	 * one, and closing it runs the small input once more on {@code threads}, so the worker pool is
	 * started before the real run.
	 */
	public static JitWarmup start(ConvJob job, int threads) {
		JitWarmup w = new JitWarmup(job, threads);
		w.thread.start();
		return w;
	}

	private void warm(ConvJob job) {
		Convolution conv;
		Tensor input;
		try {
			ConvPlan plan = smallPlan(job);
			if (plan == null) return;
			conv = Convolution.prepare(plan, job.method());
			float[] v = new float[plan.inputShape().values()];
			for (int i = 0; i < v.length; i++) v[i] = (i * 7919 % 1000) / 1000f;
			input = Tensor.of(plan.inputShape(), v);
		}
		catch (RuntimeException notOnASmallInput) {
			return; // the real run plans (and refuses) for itself
		}
		warmed = conv;
		warmInput = input;
		Execution one = Execution.defaults().withThreads(1).withCancellation(() -> stopped);
		for (int i = 0; i < MAX_RUNS && !stopped; i++) {
			try {
				conv.run(input, one);
			}
			catch (RuntimeException cancelledOrOther) {
				return;
			}
		}
	}

	/**
	 * The job on a small input of its channels — 48 pixels a side, halved while one run would pass
	 * {@link #MAX_MULTIPLY_ADDS}, never fewer than the kernel's reach needs — or null when even the
	 * smallest is too much work.
	 */
	static ConvPlan smallPlan(ConvJob job) {
		int[] k = job.kernel().shape();
		int rank = job.rank();
		int channels = k.length == rank + 2 ? k[1] * job.spec().groups() : k.length == rank + 1 ? k[0] : 1;
		int[] least = new int[rank];
		for (int i = 0; i < rank; i++) least[i] = 2 * (k[k.length - 1 - i] - 1) * job.spec().dilations()[i] + 16;
		for (int size = 48; size >= 6; size /= 2) {
			int x = Math.max(size, least[0]);
			int y = Math.max(size, least[1]);
			Shape shape = rank == 3 ? Shape.of(channels, Math.max(Math.min(size, 24), least[2]), y, x) : Shape.of(channels, y, x);
			ConvPlan plan = ConvPlan.of(shape, job.kernel(), job.bias(), job.spec());
			if (plan.multiplyAdds() <= MAX_MULTIPLY_ADDS) return plan;
		}
		return null;
	}

	/** Whether the background thread still runs (for tests). */
	boolean isRunning() {
		return thread.isAlive();
	}

	/**
	 * Stops the warm-up and waits for it to end (the real run then has every core), then runs the
	 * small input once on the job's threads.
	 */
	@Override
	public void close() {
		stopped = true;
		try {
			thread.join(1000);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return;
		}
		Convolution conv = warmed;
		if (conv == null || threads <= 1 || thread.isAlive()) return;
		try {
			conv.run(warmInput, Execution.defaults().withThreads(threads)); // starts the pool's threads, compiles its path
		}
		catch (RuntimeException onlyAnAid) {
			return; // the real run plans, runs and reports for itself
		}
	}
}
