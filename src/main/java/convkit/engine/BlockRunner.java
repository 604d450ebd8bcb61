package convkit.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Computes a run's blocks: on the calling thread when one thread is asked for, else on a shared
 * pool whose threads each take blocks in turn with a worker of their own (workspace reused); the
 * calling thread works too. Reports progress per block and stops at the next block once the
 * execution is cancelled.
 */
final class BlockRunner {

	private BlockRunner() {}

	/** Worker threads shared by all runs, started on first use: daemon threads, ended after 30 s idle. */
	private static final class Pool {
		static final ExecutorService POOL = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
			new SynchronousQueue<>(), r -> {
				Thread t = new Thread(r, "convkit-worker");
				t.setDaemon(true);
				return t;
			});
	}

	/** Computes every block of {@code blocks} from {@code inputs} into {@code outputs} (one array per position). */
	static void run(List<OutputBlock> blocks, ConvAlgorithm algorithm, float[][] inputs, float[][] outputs, Execution exec) {
		eachOnThreads(blocks.size(), exec, () -> {
			BlockWorker worker = algorithm.worker();
			return new Task() {
				@Override
				public void accept(int i) {
					OutputBlock b = blocks.get(i);
					worker.compute(b, inputs[b.position()], outputs[b.position()]);
				}

				@Override
				public void finished() {
					algorithm.release(worker); // only after a whole run: a failed worker is dropped
				}
			};
		});
	}

	/** Runs {@code task} for every index below {@code count}, spread over the execution's threads as blocks are. */
	static void forEach(int count, Execution exec, java.util.function.IntConsumer task) {
		eachOnThreads(count, exec, () -> new Task() {
			@Override
			public void accept(int i) {
				task.accept(i);
			}
		});
	}

	/** What one thread does with the indices it takes, and once it has taken the last. */
	private interface Task {
		void accept(int index);

		default void finished() {}
	}

	private static void eachOnThreads(int count, Execution exec, java.util.function.Supplier<Task> perThread) {
		AtomicLong done = new AtomicLong();
		AtomicInteger next = new AtomicInteger();
		long total = count;
		int threads = Math.min(exec.threads(), count);
		Runnable drain = () -> {
			Task task = perThread.get();
			for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
				if (exec.isCancelled()) throw new CancellationException("convolution cancelled");
				task.accept(i);
				exec.progress().progress(done.incrementAndGet(), total);
			}
			task.finished();
		};
		if (threads <= 1) {
			drain.run();
			return;
		}
		List<Future<?>> futures = new ArrayList<>();
		for (int t = 1; t < threads; t++) futures.add(Pool.POOL.submit(drain));
		RuntimeException failure = null;
		Error error = null;
		try {
			drain.run();
		}
		catch (RuntimeException e) {
			failure = e;
		}
		catch (Error e) {
			error = e;
		}
		if (failure != null || error != null) next.set(count); // the others stop at their next block
		for (Future<?> f : futures) {
			try {
				f.get();
			}
			catch (ExecutionException e) {
				Throwable cause = e.getCause();
				if (cause instanceof Error && error == null) error = (Error) cause;
				else if (failure == null) failure = cause instanceof RuntimeException ? (RuntimeException) cause : new IllegalStateException(cause);
				next.set(count);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				if (failure == null) failure = new CancellationException("convolution interrupted");
				next.set(count);
			}
		}
		if (error != null) throw error;
		if (failure != null) throw failure;
	}
}
