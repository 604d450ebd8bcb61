package convkit.run;

import convkit.engine.Execution;
import convkit.engine.LayerStack;
import convkit.engine.Shape;
import convkit.engine.Tensor;

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
	 * layer's output or only the last; refused when a layer cannot run on what it receives or the
	 * layers and the kept outputs do not fit in {@code memory}.
	 */
	public static StackRun prepare(LayerStack stack, Shape input, int positions, boolean keepEvery, MemoryBudget memory) {
		LayerStack.Prepared prepared = stack.prepare(input);
		memory.require(bytesNeeded(prepared, positions, keepEvery), "this stack", "for its layers and outputs");
		return new StackRun(stack, prepared, keepEvery);
	}

	/**
	 * The bytes a run holds at its peak: the outputs kept for every position, the widest layer at
	 * work (its input, its output and a copy of the input for its phases or padding), and a copy
	 * of the largest kept output (an image is made from it, or a file written).
	 */
	static long bytesNeeded(LayerStack.Prepared prepared, int positions, boolean keepEvery) {
		long widest = prepared.inputShape().values();
		long before = widest;
		long keptPerPosition = keepEvery ? 0 : prepared.outputShape().values();
		long largestKept = keptPerPosition;
		for (int i = 0; i < prepared.steps().size(); i++) {
			long after = prepared.shapeAfter(i).values();
			widest = Math.max(widest, 2 * before + after);
			if (keepEvery) {
				keptPerPosition += after;
				largestKept = Math.max(largestKept, after);
			}
			before = after;
		}
		return 4L * (widest + (long) positions * (keptPerPosition + largestKept));
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
