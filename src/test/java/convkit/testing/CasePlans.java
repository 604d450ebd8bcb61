package convkit.testing;

import convkit.engine.ConvPlan;
import convkit.engine.ConvSpec;
import convkit.engine.Kernel;
import convkit.engine.Padding;
import convkit.engine.PaddingMode;
import convkit.engine.Shape;
import convkit.engine.Tensor;
import java.util.Arrays;

/** The engine's view of a {@link Reference.Case}: its input shape, input tensor and plan. */
public final class CasePlans {

	private CasePlans() {}

	/** The case's plan: its kernel {@code [C_out, C_in/groups, (kD,) kH, kW]}, bias and every setting. */
	public static ConvPlan plan(Reference.Case c) {
		int[] p = c.padding;
		int rank = c.rank;
		ConvSpec.Builder b = ConvSpec.builder(rank).groups(c.groups).mode(PaddingMode.fromLabel(c.mode))
			.stride(Arrays.copyOf(c.stride, rank)).dilation(Arrays.copyOf(c.dilation, rank))
			.padding(c.same ? Padding.same() : rank == 3 ? Padding.of(p[0], p[1], p[2], p[3], p[4], p[5]) : Padding.of(p[0], p[1], p[2], p[3]));
		if (c.mode.equals("constant")) b = b.value(c.value);
		Kernel kernel = rank == 3 ? Kernel.of(c.weights, c.outChannels, c.channels / c.groups, c.kd, c.kh, c.kw)
			: Kernel.of(c.weights, c.outChannels, c.channels / c.groups, c.kh, c.kw);
		return ConvPlan.of(shape(c), kernel, c.bias, b.build());
	}

	/** {@code [C, H, W]} or {@code [C, D, H, W]}. */
	public static Shape shape(Reference.Case c) {
		return c.rank == 3 ? Shape.of(c.channels, c.depth, c.height, c.width) : Shape.of(c.channels, c.height, c.width);
	}

	/** A copy of the case's input as a tensor. */
	public static Tensor input(Reference.Case c) {
		return Tensor.of(shape(c), c.input.clone());
	}
}
