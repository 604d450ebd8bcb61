package convkit.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

/**
 * The block runner on its own, with an algorithm that only counts or fails: every block once on
 * any number of threads, a failure on a worker thread reaching the caller as it was thrown, an
 * interrupted caller getting a cancellation; and enough blocks for every thread.
 */
class BlockRunnerTest {

	private static final ConvPlan PLAN = ConvPlan.of(Shape.of(2, 40, 50), Kernel.of(new float[4 * 2 * 9], 4, 2, 3, 3), null,
		ConvSpec.defaults());

	/** Runs {@code onBlock} for each block it is given, on whichever thread computes it. */
	private static ConvAlgorithm counting(Consumer<OutputBlock> onBlock) {
		DirectConvolution sizes = new DirectConvolution(PLAN);
		return new ConvAlgorithm() {
			@Override
			public Method method() {
				return Method.DIRECT; // counts the blocks the direct algorithm's sizes make
			}

			@Override
			public BlockWorker worker() {
				return (block, in, out) -> onBlock.accept(block);
			}

			@Override
			public long sharedBytes() {
				return 0;
			}

			@Override
			public long workerBytes() {
				return 0;
			}

			@Override
			public int maxTileWidth() {
				return 8;
			}

			@Override
			public int[] maxBand(int channels, int tileWidth) {
				return sizes.maxBand(channels, tileWidth);
			}
		};
	}

	private static void run(ConvAlgorithm a, int threads, Execution exec) {
		List<OutputBlock> blocks = Blocks.of(PLAN, a, 1, threads);
		BlockRunner.run(blocks, a, new float[1][PLAN.inputShape().values()], new float[1][PLAN.outputShape().values()], exec);
	}

	@Test
	void everyBlockIsComputedOnceOnAnyNumberOfThreads() {
		for (int threads : new int[] { 1, 2, 3, 8 }) {
			AtomicInteger computed = new AtomicInteger();
			AtomicInteger reported = new AtomicInteger();
			ConvAlgorithm a = counting(b -> computed.incrementAndGet());
			int blocks = Blocks.of(PLAN, a, 1, threads).size();
			run(a, threads, Execution.defaults().withThreads(threads).withProgress((done, total) -> {
				assertEquals(blocks, total);
				reported.accumulateAndGet((int) done, Math::max);
			}));
			assertEquals(blocks, computed.get(), threads + " threads");
			assertEquals(blocks, reported.get(), threads + " threads");
		}
	}

	@Test
	void aFailureOnAWorkerThreadReachesTheCallerAsThrown() {
		IllegalStateException planted = new IllegalStateException("planted");
		ConvAlgorithm failing = counting(b -> {
			pause();
			if (Thread.currentThread().getName().equals("convkit-worker")) throw planted;
		});
		assertSame(planted, assertThrows(IllegalStateException.class, () -> run(failing, 2, Execution.defaults().withThreads(2))));

		OutOfMemoryError error = new OutOfMemoryError("planted");
		ConvAlgorithm erring = counting(b -> {
			pause();
			if (Thread.currentThread().getName().equals("convkit-worker")) throw error;
		});
		assertSame(error, assertThrows(OutOfMemoryError.class, () -> run(erring, 2, Execution.defaults().withThreads(2))));

		// a failure on the calling thread stops the others at their next block: a worker may be inside
		// one block (or just past the check before it) when the caller fails, never further
		java.util.concurrent.atomic.AtomicBoolean failed = new java.util.concurrent.atomic.AtomicBoolean();
		AtomicInteger startedAfterFailure = new AtomicInteger();
		ConvAlgorithm callerFails = counting(b -> {
			if (failed.get()) startedAfterFailure.incrementAndGet();
			pause();
			if (!Thread.currentThread().getName().equals("convkit-worker")) {
				failed.set(true);
				throw planted;
			}
		});
		assertSame(planted, assertThrows(IllegalStateException.class, () -> run(callerFails, 2, Execution.defaults().withThreads(2))));
		assertTrue(startedAfterFailure.get() <= 1, startedAfterFailure.get() + " blocks started after the failure");
	}

	@Test
	void anInterruptedCallerGetsACancellationAndKeepsItsInterrupt() {
		ConvAlgorithm interrupting = counting(b -> {
			pause();
			if (!Thread.currentThread().getName().equals("convkit-worker")) Thread.currentThread().interrupt();
		});
		try {
			CancellationException e = assertThrows(CancellationException.class, () -> run(interrupting, 2,
				Execution.defaults().withThreads(2)));
			assertEquals("convolution interrupted", e.getMessage());
			assertTrue(Thread.currentThread().isInterrupted());
		}
		finally {
			Thread.interrupted();
		}
	}

	@Test
	void cancellationStopsBeforeTheNextBlock() {
		AtomicInteger computed = new AtomicInteger();
		ConvAlgorithm a = counting(b -> computed.incrementAndGet());
		assertThrows(CancellationException.class, () -> run(a, 1, Execution.defaults().withThreads(1)
			.withCancellation(() -> computed.get() >= 3)));
		assertEquals(3, computed.get());
	}

	@Test
	void smallOutputsAreCutSoEveryThreadHasSeveralBlocks() {
		Object[][] cases = {
			// one position of one 6x6 plane, 32 output channels: split into channel chunks
			{ ConvPlan.of(Shape.of(1, 8, 8), Kernel.of(new float[32 * 9], 32, 1, 3, 3), null, ConvSpec.defaults()), 2 },
			// 3-D: 4 planes of 3 rows: rows, then planes
			{ ConvPlan.of(Shape.of(1, 6, 5, 40), Kernel.of(new float[27], 1, 1, 3, 3, 3), null, ConvSpec.builder(3).build()), 3 },
			// one row of output: only column tiles and channels remain
			{ ConvPlan.of(Shape.of(1, 3, 300), Kernel.of(new float[2 * 9], 2, 1, 3, 3), null, ConvSpec.defaults()), 2 },
			{ ConvPlan.of(Shape.of(2, 30, 30), Kernel.of(new float[2 * 2 * 9], 2, 2, 3, 3), null, ConvSpec.defaults()), 4 },
		};
		for (Object[] c : cases) {
			ConvPlan p = (ConvPlan) c[0];
			int threads = (Integer) c[1];
			DirectConvolution a = new DirectConvolution(p);
			long most = (long) p.outChannels() * p.outputDepth() * p.outputHeight() * Math.max(1, p.outputWidth() / 2048 + 1);
			long wanted = Math.min(4L * threads, most);
			List<OutputBlock> blocks = Blocks.of(p, a, 1, threads);
			assertTrue(blocks.size() >= wanted, p + ": " + blocks.size() + " blocks for " + threads + " threads");
			assertTrue(blocks.size() <= 4 * wanted, p + ": " + blocks.size() + " blocks for " + threads + " threads");
		}
	}

	private static void pause() {
		try {
			Thread.sleep(1);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
