package convkit.engine;

import java.util.List;

/**
 * A convolution layer of a stack ({@code nn.Conv2d/3d}): PyTorch-layout weights
 * {@code [C_out, C_in/g, (kD,) kH, kW]}, optional bias and a {@link ConvSpec}; runs on the
 * engine's algorithm of choice ({@link Convolution#prepare}, {@code auto}).
 */
public final class ConvLayer implements StackLayer {

	private final Kernel weight;
	private final float[] bias;
	private final ConvSpec spec;

	private ConvLayer(Kernel weight, float[] bias, ConvSpec spec) {
		this.weight = weight;
		this.bias = bias;
		this.spec = spec;
	}

	/** A convolution with {@code weight} of {@code spec.rank() + 2} dimensions and {@code bias} (null: none). */
	public static ConvLayer of(Kernel weight, float[] bias, ConvSpec spec) {
		int rank = spec.rank();
		if (weight.rank() != rank + 2) {
			throw new IllegalArgumentException("conv weights must be " + (rank == 3 ? "[C_out, C_in/groups, kD, kH, kW]" : "[C_out, C_in/groups, kH, kW]")
				+ " (PyTorch's layout), not " + weight.shapeString());
		}
		return new ConvLayer(weight, bias == null ? null : bias.clone(), spec);
	}

	@Override
	public String label() {
		return "conv";
	}

	@Override
	public Prepared prepare(Shape input) {
		Convolution conv = Convolution.prepare(ConvPlan.of(input, weight, bias, spec), Method.AUTO);
		return new Prepared() {
			@Override
			public Shape outputShape() {
				return conv.plan().outputShape();
			}

			@Override
			public Tensor run(Tensor in, Execution exec) {
				return conv.run(in, exec);
			}

			@Override
			public List<String> pytorch() {
				return PyTorchEquivalent.lines(conv.plan());
			}

			@Override
			public String method() {
				return conv.methodLabel();
			}

			@Override
			public String padding() {
				return conv.plan().mode().describe(conv.plan().fillValue());
			}

			@Override
			public AxisStep[] axisSteps() {
				List<AxisGeometry> axes = conv.plan().axes();
				AxisStep[] steps = new AxisStep[axes.size()];
				for (int i = 0; i < steps.length; i++) steps[i] = AxisStep.window(axes.get(i));
				return steps;
			}
		};
	}
}
