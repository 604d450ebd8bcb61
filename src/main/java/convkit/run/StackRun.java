package convkit.run;

import convkit.engine.AxisStep;
import convkit.engine.Execution;
import convkit.engine.LayerStack;
import convkit.engine.Shape;
import convkit.engine.StackLayer;
import convkit.engine.Tensor;
import convkit.geometry.OutputGeometry;

import java.io.IOException;
import java.util.ArrayList;
import java.util.concurrent.CancellationException;

import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A layer stack ready to run on the positions of one input, the same on every route (command
 * line, menu, macro): every layer resolved against the size it receives and the memory checked
 * before any pixel is computed, each refused with one line ({@code layer 2 (convt): ...}); then
 * each position's output — or every layer's output when they are all kept — and the report.
 * <p>
 * Example: {@code StackRun.prepare(stack, source.shape(), source.positions(), false, budget).run(source.read(0), exec)}.
 */
public final class StackRun {

	private final LayerStack stack;
	private final LayerStack.Prepared prepared;
	private final boolean keepEvery;

	private StackRun(LayerStack stack, LayerStack.Prepared prepared, boolean keepEvery) {
		this.stack = stack;
		this.prepared = prepared;
		this.keepEvery = keepEvery;
	}

	/**
	 * {@code stack} resolved for inputs of {@code input}, {@code positions} of them, keeping every
	 * layer's output or only the last in memory (an image route); refused when a layer cannot run
	 * on what it receives or the layers and the kept outputs do not fit in {@code memory}.
	 */
	public static StackRun prepare(LayerStack stack, Shape input, int positions, boolean keepEvery, MemoryBudget memory) {
		StackRun run = of(stack, input, keepEvery);
		run.requireMemory(keptBytes(run.prepared, positions, keepEvery), memory);
		return run;
	}

	/** {@code stack} resolved for inputs of {@code input}; refused with {@code layer N (kind): ...} when a layer cannot run on what it receives. */
	public static StackRun of(LayerStack stack, Shape input, boolean keepEvery) {
		return new StackRun(stack, stack.prepare(input), keepEvery);
	}

	/**
	 * Refuses, before any work, a run whose widest layer (its input, its output and a copy of the
	 * input for its phases or padding) and {@code keptBytes} (the outputs a sink keeps) do not fit.
	 */
	public void requireMemory(long keptBytes, MemoryBudget memory) {
		long widest = prepared.inputShape().values();
		long before = widest;
		for (int i = 0; i < prepared.steps().size(); i++) {
			long after = prepared.shapeAfter(i).values();
			widest = Math.max(widest, 2 * before + after);
			before = after;
		}
		memory.require(4L * widest + keptBytes, "this stack", "for its layers and outputs");
	}

	/**
	 * The bytes the outputs of {@code positions} positions take when kept in memory — every
	 * layer's, or the last one's — with a copy of the largest (an image is made from it).
	 */
	static long keptBytes(LayerStack.Prepared prepared, int positions, boolean keepEvery) {
		long kept = keepEvery ? 0 : prepared.outputShape().values();
		long largest = kept;
		if (keepEvery) {
			for (int i = 0; i < prepared.steps().size(); i++) {
				kept += prepared.shapeAfter(i).values();
				largest = Math.max(largest, prepared.shapeAfter(i).values());
			}
		}
		return 4L * positions * (kept + largest);
	}

	/**
	 * The geometry of layer {@code layers}' output (1-based; the stack's last for
	 * {@code stack().layers().size()}) of a run on {@code source}: composed with the source's own,
	 * from the corner of the region it reads.
	 */
	public OutputGeometry geometry(PositionSource source, int layers) {
		List<AxisStep[]> steps = new ArrayList<>();
		for (StackLayer.Prepared p : prepared.steps().subList(0, layers)) steps.add(p.axisSteps());
		return OutputGeometry.afterLayers(source.geometry(), source.name(), source.imageId(), source.imageSize(), steps, source.offset(),
			prepared.steps().get(0).padding());
	}

	/**
	 * Runs every position of {@code source} through the stack {@code repeat} times, the last run's
	 * outputs into {@code sink} (float), then finishes it with the geometry and {@code info}; on
	 * any failure or cancellation the sink is aborted, so nothing half-made remains. The times of
	 * the runs, in milliseconds. {@code info} is asked for after the runs (a report naming the inner
	 * loops names those the last run took).
	 */
	public double[] runInto(PositionSource source, PositionSink sink, Execution exec, int repeat, java.util.function.Supplier<String> info)
		throws IOException {
		int positions = source.positions();
		double[] millis = new double[repeat];
		boolean done = false;
		sink.begin(prepared.outputShape(), positions, OutputPixels.FLOAT);
		try {
			for (int r = 0; r < repeat; r++) {
				long t0 = System.nanoTime();
				for (int p = 0; p < positions; p++) {
					if (exec.isCancelled()) throw new CancellationException("stack cancelled");
					Tensor out = prepared.run(source.read(p), exec);
					if (r == repeat - 1) sink.accept(p, out);
				}
				millis[r] = (System.nanoTime() - t0) / 1e6;
				convkit.engine.SimdPath.warmInBackground(); // after a JVM's first real run: the Vector API kernels are compiled for the next ones
			}
			sink.finish(geometry(source, stack.layers().size()), info.get());
			done = true;
		}
		finally {
			if (!done) sink.abort();
		}
		return millis;
	}

	/** The stack. */
	public LayerStack stack() {
		return stack;
	}

	/** The stack resolved for the input's shape. */
	public LayerStack.Prepared prepared() {
		return prepared;
	}

	/** Whether {@link #run} gives every layer's output. */
	public boolean keepsEvery() {
		return keepEvery;
	}

	/** The outputs of one position: every layer's, first first, when they are all kept; else the last layer's alone. */
	public List<Tensor> run(Tensor in, Execution exec) {
		return keepEvery ? prepared.runEvery(in, exec) : Collections.singletonList(prepared.run(in, exec));
	}

	/** Every layer's output size and algorithm, and the PyTorch modules that compute the same. */
	public String report(Execution exec, int positions) {
		StringBuilder sb = new StringBuilder();
		int n = stack.layers().size();
		sb.append(String.format(Locale.ROOT, "stack: %d layer%s, %d-D, input %s, threads: %d, positions: %d%n", n, n == 1 ? "" : "s", stack.rank(),
			prepared.inputShape(), exec.threads(), positions));
		for (int i = 0; i < n; i++) {
			sb.append(String.format(Locale.ROOT, "  %-22s -> %-20s %s%n", stack.name(i), prepared.shapeAfter(i), prepared.steps().get(i).method()));
		}
		sb.append("PyTorch: ").append(prepared.pytorch()).append(System.lineSeparator());
		return sb.toString();
	}
}
