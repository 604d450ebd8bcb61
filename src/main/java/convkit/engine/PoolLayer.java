package convkit.engine;

import java.util.Collections;
import java.util.List;

/** A pooling layer of a stack ({@code nn.MaxPool2d/3d}, {@code nn.AvgPool2d/3d}), computed by {@link Pooling}. */
public final class PoolLayer implements StackLayer {

	private final PoolSpec spec;

	private PoolLayer(PoolSpec spec) {
		this.spec = spec;
	}

	/** The pool {@code spec} describes. */
	public static PoolLayer of(PoolSpec spec) {
		if (spec == null) throw new IllegalArgumentException("pool settings must be given");
		return new PoolLayer(spec);
	}

	@Override
	public String label() {
		return spec.kind().label();
	}

	@Override
	public Prepared prepare(Shape input) {
		Pooling pool = Pooling.of(input, spec);
		return new Prepared() {
			@Override
			public Shape outputShape() {
				return pool.outputShape();
			}

			@Override
			public Tensor run(Tensor in, Execution exec) {
				return pool.run(in, exec);
			}

			@Override
			public List<String> pytorch() {
				int[][] v = spec.values();
				String ceil = ", ceil_mode=" + (spec.ceil() ? "True" : "False");
				if (spec.kind() == PoolSpec.Kind.MAX) {
					return Collections.singletonList("nn.MaxPool" + spec.rank() + "d(kernel_size=" + TorchText.tuple(v[0]) + ", stride="
						+ TorchText.tuple(v[1]) + ", padding=" + TorchText.tuple(v[2]) + ", dilation=" + TorchText.tuple(v[3]) + ceil + ")");
				}
				return Collections.singletonList("nn.AvgPool" + spec.rank() + "d(kernel_size=" + TorchText.tuple(v[0]) + ", stride="
					+ TorchText.tuple(v[1]) + ", padding=" + TorchText.tuple(v[2]) + ceil + ", count_include_pad="
					+ (spec.countIncludePad() ? "True" : "False") + ")");
			}

			@Override
			public String method() {
				return "windows";
			}

			@Override
			public AxisStep[] axisSteps() {
				Axis[] axes = Axis.of(spec.rank());
				AxisStep[] g = new AxisStep[axes.length];
				for (Axis a : axes) {
					int n = input.size(a);
					int k = spec.kernel(a);
					int s = spec.stride(a);
					int d = spec.dilation(a);
					int p = spec.padding(a);
					// the padding after that gives the pool's own output size (ceil mode adds windows at the end)
					long after = (long) (pool.outputShape().size(a) - 1) * s + AxisGeometry.effectiveKernel(k, d) - n - p;
					g[a.ordinal()] = AxisStep.window(AxisGeometry.of(a, n, k, s, d, p, (int) Math.max(p, after)));
				}
				return g;
			}
		};
	}
}
