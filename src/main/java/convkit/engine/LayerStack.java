package convkit.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Layers run one after the other as PyTorch's {@code nn.Sequential} runs them, each layer's
 * output the next one's input, all of one rank (2-D or 3-D). Immutable. {@link #prepare}
 * resolves every layer against the shape it will receive, so a stack that cannot run is refused
 * before any pixel is computed, with the layer named: {@code layer 2 (conv): ...}.
 * <p>
 * Example: {@code LayerStack.of(2, layers).prepare(Shape.of(3, 64, 64)).run(input, Execution.defaults())}.
 */
public final class LayerStack {

	private final int rank;
	private final List<StackLayer> layers;

	private LayerStack(int rank, List<StackLayer> layers) {
		this.rank = rank;
		this.layers = layers;
	}

	/** A stack of {@code rank} spatial axes; refuses an empty one. */
	public static LayerStack of(int rank, List<StackLayer> layers) {
		if (rank != 2 && rank != 3) throw new IllegalArgumentException("spatial rank " + rank + " is not allowed (2 or 3)");
		if (layers == null || layers.isEmpty()) throw new IllegalArgumentException("the layer stack is empty; give at least one layer");
		return new LayerStack(rank, Collections.unmodifiableList(new ArrayList<>(layers)));
	}

	/** Number of spatial axes. */
	public int rank() {
		return rank;
	}

	/** The layers, first first. */
	public List<StackLayer> layers() {
		return layers;
	}

	/** Every layer resolved for an input of {@code input}; refused with {@code layer N (kind): reason}. */
	public Prepared prepare(Shape input) {
		if (input.rank() != rank) {
			throw new IllegalArgumentException("a " + rank + "-D stack needs a " + (rank == 3 ? "[C, D, H, W]" : "[C, H, W]") + " input, but the input is "
				+ input);
		}
		List<StackLayer.Prepared> steps = new ArrayList<>();
		Shape shape = input;
		for (int i = 0; i < layers.size(); i++) {
			StackLayer l = layers.get(i);
			try {
				StackLayer.Prepared p = l.prepare(shape);
				steps.add(p);
				shape = p.outputShape();
			}
			catch (IllegalArgumentException e) {
				throw new IllegalArgumentException(name(i) + ": " + e.getMessage() + " (its input is " + shape + ")", e);
			}
		}
		return new Prepared(input, Collections.unmodifiableList(steps));
	}

	/** How refusals and reports name layer {@code i} (0-based): {@code layer 2 (convt)}. */
	public String name(int i) {
		return "layer " + (i + 1) + " (" + layers.get(i).label() + ")";
	}

	/** A stack ready for inputs of one shape. */
	public final class Prepared {
		private final Shape input;
		private final List<StackLayer.Prepared> steps;

		private Prepared(Shape input, List<StackLayer.Prepared> steps) {
			this.input = input;
			this.steps = steps;
		}

		public Shape inputShape() {
			return input;
		}

		/** The shape after layer {@code i} (0-based). */
		public Shape shapeAfter(int i) {
			return steps.get(i).outputShape();
		}

		/** The stack's output shape. */
		public Shape outputShape() {
			return steps.get(steps.size() - 1).outputShape();
		}

		/** The prepared layers, first first. */
		public List<StackLayer.Prepared> steps() {
			return steps;
		}

		/** The stack applied to {@code in}. */
		public Tensor run(Tensor in, Execution exec) {
			checkInput(in);
			Tensor t = in;
			for (StackLayer.Prepared s : steps) t = s.run(t, exec); // each layer's output is dropped once the next has run
			return t;
		}

		/** Every layer's output for {@code in}, first first (what "keep every layer" shows). */
		public List<Tensor> runEvery(Tensor in, Execution exec) {
			checkInput(in);
			List<Tensor> out = new ArrayList<>(steps.size());
			Tensor t = in;
			for (StackLayer.Prepared s : steps) {
				t = s.run(t, exec);
				out.add(t);
			}
			return out;
		}

		private void checkInput(Tensor in) {
			if (!in.shape().equals(input)) throw new IllegalArgumentException("input " + in.shapeString() + " does not match the prepared input " + input);
		}

		/** The {@code nn.Sequential(...)} that computes the same, one module a line, PyTorch's order. */
		public String pytorch() {
			StringBuilder sb = new StringBuilder("nn.Sequential(\n");
			for (int i = 0; i < steps.size(); i++) {
				for (String line : steps.get(i).pytorch()) {
					sb.append("    ").append(line.startsWith("x = ") ? "# before layer " + (i + 1) + ": " + line : line + ",").append('\n');
				}
			}
			return sb.append(')').toString();
		}
	}
}
