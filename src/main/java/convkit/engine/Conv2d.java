package convkit.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
		List<OutputBlock> blocks = blocks(plan, exec.threads());
		runBlocks(plan, input, out, blocks, algorithm, exec);
		return Tensor.wrap(plan.outChannels(), outH, outW, out);
	}

	/** The algorithm {@link #run} uses for {@code plan} with {@link Method#AUTO} (the report names it). */
	public static ConvAlgorithm algorithmFor(ConvPlan plan) {
		return algorithmFor(plan, Method.AUTO);
	}

	/**
	 * The algorithm for {@code plan}: {@code auto} takes the separable one when every kernel
	 * slice is rank 1 and that saves at least half the multiply-adds ({@code kH + kW <= kH·kW/2}),
	 * else the direct one. A forced method that cannot compute the plan is refused.
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
			default: {
				if (2 * (kh + kw) > kh * kw) return DIRECT;
				SeparableConvolution s = SeparableConvolution.of(plan);
				return s == null ? DIRECT : s;
			}
		}
	}

	/** Splits the output into blocks: per group, channel chunks and row bands, a few per thread. */
	static List<OutputBlock> blocks(ConvPlan plan, int threads) {
		int groups = plan.groups();
		int coG = plan.outChannelsPerGroup();
		int outH = plan.outputHeight();
		int wanted = Math.max(1, threads * 4);
		int channelChunk = coG;
		// Few groups and many channels: split channels too, so every thread gets work on short images.
		if ((long) groups * outH < wanted && coG > 1) {
			int pieces = (int) Math.min(coG, (wanted + (long) groups * outH - 1) / ((long) groups * outH));
			channelChunk = (coG + pieces - 1) / pieces;
		}
		int chunks = (coG + channelChunk - 1) / channelChunk;
		int bandsWanted = (int) Math.max(1, Math.min(outH, (wanted + (long) groups * chunks - 1) / ((long) groups * chunks)));
		// Bands of at least a few rows keep per-block overhead small; many bands give smooth progress.
		int bandRows = Math.max(1, Math.min((outH + bandsWanted - 1) / bandsWanted, 64));
		List<OutputBlock> list = new ArrayList<>();
		for (int g = 0; g < groups; g++) {
			for (int c0 = 0; c0 < coG; c0 += channelChunk) {
				for (int y0 = 0; y0 < outH; y0 += bandRows) {
					list.add(new OutputBlock(g, g * coG + c0, g * coG + Math.min(coG, c0 + channelChunk), y0,
						Math.min(outH, y0 + bandRows)));
				}
			}
		}
		return list;
	}

	private static void runBlocks(ConvPlan plan, Tensor input, float[] out, List<OutputBlock> blocks,
		ConvAlgorithm algorithm, Execution exec)
	{
		AtomicLong done = new AtomicLong();
		long total = blocks.size();
		if (exec.threads() == 1 || blocks.size() == 1) {
			for (OutputBlock b : blocks) {
				if (exec.isCancelled()) throw new CancellationException("convolution cancelled");
				algorithm.compute(plan, input, b, out);
				exec.progress().progress(done.incrementAndGet(), total);
			}
			return;
		}
		ExecutorService pool = Executors.newFixedThreadPool(Math.min(exec.threads(), blocks.size()), r -> {
			Thread t = new Thread(r, "convkit-worker");
			t.setDaemon(true);
			return t;
		});
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (OutputBlock b : blocks) {
				futures.add(pool.submit(() -> {
					if (exec.isCancelled()) throw new CancellationException("convolution cancelled");
					algorithm.compute(plan, input, b, out);
					exec.progress().progress(done.incrementAndGet(), total);
					return null;
				}));
			}
			for (Future<?> f : futures) {
				try {
					f.get();
				}
				catch (ExecutionException e) {
					Throwable cause = e.getCause();
					if (cause instanceof RuntimeException) throw (RuntimeException) cause;
					if (cause instanceof Error) throw (Error) cause;
					throw new IllegalStateException(cause);
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					throw new CancellationException("convolution interrupted");
				}
			}
		}
		finally {
			pool.shutdownNow();
		}
	}
}
