package convkit.engine;

import java.util.Collections;
import java.util.List;

/**
 * A transposed convolution layer of a stack ({@code nn.ConvTranspose2d/3d}): weights
 * {@code [C_in, C_out/g, (kD,) kH, kW]}, optional bias and a {@link TransposedSpec}; computed by
 * {@link TransposedConvolution} on the engine's algorithms.
 */
public final class TransposedConvLayer implements StackLayer {

	private final Kernel weight;
	private final float[] bias;
	private final TransposedSpec spec;

	private TransposedConvLayer(Kernel weight, float[] bias, TransposedSpec spec) {
		this.weight = weight;
		this.bias = bias;
		this.spec = spec;
	}

	/** A transposed convolution with {@code weight} and {@code bias} (null: none). */
	public static TransposedConvLayer of(Kernel weight, float[] bias, TransposedSpec spec) {
		int rank = spec.rank();
		if (weight.rank() != rank + 2) {
			throw new IllegalArgumentException("convt weights must be " + (rank == 3 ? "[C_in, C_out/groups, kD, kH, kW]" : "[C_in, C_out/groups, kH, kW]")
				+ " (PyTorch's ConvTranspose layout), not " + weight.shapeString());
		}
		return new TransposedConvLayer(weight, bias == null ? null : bias.clone(), spec);
	}

	@Override
	public String label() {
		return "convt";
	}

	@Override
	public Prepared prepare(Shape input) {
		TransposedConvolution t = TransposedConvolution.of(input, weight, bias, spec, Method.AUTO);
		int rank = spec.rank();
		return new Prepared() {
			@Override
			public Shape outputShape() {
				return t.outputShape();
			}

			@Override
			public Tensor run(Tensor in, Execution exec) {
				return t.run(in, exec);
			}

			@Override
			public List<String> pytorch() {
				int[][] v = spec.values();
				int[] k = new int[rank];
				for (int i = 0; i < rank; i++) k[i] = weight.dim(rank + 1 - i);
				return Collections.singletonList("nn.ConvTranspose" + rank + "d(" + weight.dim(0) + ", " + weight.dim(1) * spec.groups()
					+ ", kernel_size=" + TorchText.tuple(k) + ", stride=" + TorchText.tuple(v[0]) + ", padding=" + TorchText.tuple(v[1])
					+ ", output_padding=" + TorchText.tuple(v[2]) + ", groups=" + spec.groups() + ", bias=" + (bias == null ? "False" : "True")
					+ ", dilation=" + TorchText.tuple(v[3]) + ")");
			}

			@Override
			public String method() {
				return t.method().label() + " on stride phases (" + SimdPath.loopsLabel(t.method()) + ")";
			}

			@Override
			public AxisStep[] axisSteps() {
				AxisStep[] steps = new AxisStep[rank];
				for (Axis a : Axis.of(rank)) {
					steps[a.ordinal()] = AxisStep.transposed(a, input.size(a), weight.dim(rank + 1 - a.ordinal()), spec.stride(a), spec.dilation(a),
						spec.padding(a), spec.outputPadding(a));
				}
				return steps;
			}
		};
	}
}
