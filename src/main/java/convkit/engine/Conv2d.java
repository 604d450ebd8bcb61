package convkit.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a {@link ConvPlan} on a tensor: splits the output into independent blocks and computes
 * them on a thread pool with the chosen {@link ConvAlgorithm}.
 * <p>
 * Example:
 * <pre>
 * ConvPlan plan = ConvPlan.of(in.channels(), in.height(), in.width(), kernel, null, spec);
 * Tensor out = Conv2d.run(plan, in, Execution.defaults());
 * </pre>
 */
public final class Conv2d {

	private static final ConvAlgorithm DIRECT = new DirectConvolution();

	/**
	 * Worker threads shared by all runs: daemon threads, created when needed and ended after 30 s
	 * idle, so a run does not pay for starting threads.
	 */
	private static final ExecutorService POOL = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
		new SynchronousQueue<>(), r -> {
			Thread t = new Thread(r, "convkit-worker");
			t.setDaemon(true);
			return t;
		});

	private Conv2d() {}

	/** Convolves {@code input} (whose shape must match the plan's) with every core. */
	public static Tensor run(ConvPlan plan, Tensor input) {
		return run(plan, input, Execution.defaults());
	}

	/**
	 * Convolves {@code input} as {@code plan} says.
	 *
	 * @throws CancellationException when the execution reports cancellation; no result is returned
	 */
	public static Tensor run(ConvPlan plan, Tensor input, Execution exec) {
		if (input.channels() != plan.inChannels() || input.height() != plan.inputHeight()
			|| input.width() != plan.inputWidth())
		{
			throw new IllegalArgumentException("input " + input.shapeString() + " does not match the plan's input ["
				+ plan.inChannels() + ", " + plan.inputHeight() + ", " + plan.inputWidth() + "]");
		}
		ConvAlgorithm algorithm = algorithmFor(plan, exec.method());
		int outH = plan.outputHeight();
		int outW = plan.outputWidth();
		long size = (long) plan.outChannels() * outH * outW;
		if (size > Integer.MAX_VALUE - 8) {
			throw new IllegalArgumentException("output " + plan.outputShapeString() + " has " + size
				+ " values, more than a Java array holds (" + (Integer.MAX_VALUE - 8) + ")");
		}
		float[] out = new float[(int) size];
		List<OutputBlock> blocks = blocks(plan, exec.threads(), algorithm);
		runBlocks(plan, input, out, blocks, algorithm, exec);
		return Tensor.wrap(plan.outChannels(), outH, outW, out);
	}

	/** The algorithm {@link #run} uses for {@code plan} with {@link Method#AUTO} (the report names it). */
	public static ConvAlgorithm algorithmFor(ConvPlan plan) {
		return algorithmFor(plan, Method.AUTO);
	}

	/**
	 * The algorithm for {@code plan}. {@code auto} takes the separable one when every kernel slice
	 * is rank 1 and that saves at least half the multiply-adds ({@code kH + kW <= kH·kW/2}); else
	 * the FFT one at stride 1 when its estimated cost ({@link FftConvolution#costRatio}) is below
	 * 0.8 of the direct one's; else the direct one. A forced method that cannot compute the plan
	 * is refused with the reason.
	 */
	public static ConvAlgorithm algorithmFor(ConvPlan plan, Method method) {
		int kh = plan.kernelHeight();
		int kw = plan.kernelWidth();
		switch (method) {
			case DIRECT:
				return DIRECT;
			case SEPARABLE: {
				SeparableConvolution s = SeparableConvolution.of(plan);
				if (s == null) {
					throw new IllegalArgumentException("method=separable needs every kernel to be an outer product of a column"
						+ " and a row (rank 1); this one is not; use method=auto or direct");
				}
				return s;
			}
			case FFT: {
				String refusal = FftConvolution.refusal(plan);
				if (refusal != null) throw new IllegalArgumentException(refusal + "; use method=auto or direct");
				return FftConvolution.of(plan);
			}
			default: {
				if (2 * (kh + kw) <= kh * kw) {
					SeparableConvolution s = SeparableConvolution.of(plan);
					if (s != null) return s;
				}
				if (FftConvolution.refusal(plan) == null && FftConvolution.costRatio(plan) < 0.8) return FftConvolution.of(plan);
				return DIRECT;
			}
		}
	}

	/**
	 * The bytes a run of {@code plan} with {@code method} on {@code threads} threads allocates
	 * besides its input and output: the workspace bound ({@link ConvAlgorithm#workspaceBytes}).
	 * Peak memory of a run is input + output + this.
	 */
	public static long workspaceBytes(ConvPlan plan, Method method, int threads) {
		return algorithmFor(plan, method).workspaceBytes(plan, Math.max(1, threads));
	}

	/**
	 * Splits the output into blocks: per group, channel chunks, row bands and column tiles as
	 * large as the algorithm asks for, and at least a few per thread where the output allows.
	 */
	static List<OutputBlock> blocks(ConvPlan plan, int threads, ConvAlgorithm algorithm) {
		int groups = plan.groups();
		int coG = plan.outChannelsPerGroup();
		int outH = plan.outputHeight();
		int outW = plan.outputWidth();
		long wanted = Math.max(1, threads * 4L);
		int tiles = ceilDiv(outW, Math.max(1, algorithm.maxTileWidth(plan)));
		int tileW = ceilDiv(outW, tiles);
		tiles = ceilDiv(outW, tileW);
		int channelChunk = coG;
		long regions = (long) groups * outH * tiles;
		// Few groups and many channels: split channels too, so every thread gets work on short images.
		if (regions < wanted && coG > 1) {
			int pieces = (int) Math.min(coG, (wanted + regions - 1) / regions);
			channelChunk = ceilDiv(coG, pieces);
		}
		int chunks = ceilDiv(coG, channelChunk);
		long perBand = (long) groups * chunks * tiles;
		int bandsWanted = (int) Math.max(1, Math.min(outH, (wanted + perBand - 1) / perBand));
		int band = Math.max(1, Math.min(algorithm.maxBandRows(plan, channelChunk, tileW), ceilDiv(outH, bandsWanted)));
		band = ceilDiv(outH, ceilDiv(outH, band));
		List<OutputBlock> list = new ArrayList<>();
		for (int g = 0; g < groups; g++) {
			for (int c0 = 0; c0 < coG; c0 += channelChunk) {
				for (int y0 = 0; y0 < outH; y0 += band) {
					for (int x0 = 0; x0 < outW; x0 += tileW) {
						list.add(new OutputBlock(g, g * coG + c0, g * coG + Math.min(coG, c0 + channelChunk), y0,
							Math.min(outH, y0 + band), x0, Math.min(outW, x0 + tileW)));
					}
				}
			}
		}
		return list;
	}

	private static int ceilDiv(int a, int b) {
		return (a + b - 1) / b;
	}

	/**
	 * Computes every block: on the calling thread when one thread is asked for, else on a pool
	 * whose threads each take blocks in turn with a worker of their own (workspace reused).
	 */
	private static void runBlocks(ConvPlan plan, Tensor input, float[] out, List<OutputBlock> blocks,
		ConvAlgorithm algorithm, Execution exec)
	{
		AtomicLong done = new AtomicLong();
		AtomicInteger next = new AtomicInteger();
		long total = blocks.size();
		int threads = Math.min(exec.threads(), blocks.size());
		Runnable drain = () -> {
			BlockWorker worker = algorithm.worker(plan, input);
			for (int i = next.getAndIncrement(); i < blocks.size(); i = next.getAndIncrement()) {
				if (exec.isCancelled()) throw new CancellationException("convolution cancelled");
				worker.compute(blocks.get(i), out);
				exec.progress().progress(done.incrementAndGet(), total);
			}
		};
		if (threads <= 1) {
			drain.run();
			return;
		}
		List<Future<?>> futures = new ArrayList<>();
		// The calling thread works too: one thread fewer to wake.
		for (int t = 1; t < threads; t++) futures.add(POOL.submit(drain));
		RuntimeException failure = null;
		try {
			drain.run();
		}
		catch (RuntimeException e) {
			failure = e;
			next.set(blocks.size()); // the others stop at their next block
		}
		catch (Error e) {
			next.set(blocks.size());
			throw e;
		}
		for (Future<?> f : futures) {
			try {
				f.get();
			}
			catch (ExecutionException e) {
				if (failure == null) failure = unwrap(e.getCause());
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				if (failure == null) failure = new CancellationException("convolution interrupted");
			}
			if (failure != null) next.set(blocks.size()); // the others stop at their next block
		}
		if (failure != null) throw failure;
	}

	private static RuntimeException unwrap(Throwable cause) {
		if (cause instanceof RuntimeException) return (RuntimeException) cause;
		if (cause instanceof Error) throw (Error) cause;
		return new IllegalStateException(cause);
	}
}
