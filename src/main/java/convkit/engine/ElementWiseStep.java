package convkit.engine;

import java.util.Collections;
import java.util.List;

/** A prepared element-wise layer (batch norm, an activation): same shape out as in, one channel's values at a time. */
final class ElementWiseStep implements StackLayer.Prepared {

	/** What the layer does to the values {@code [from, to)} of channel {@code c}. */
	interface ChannelOp {
		void apply(int c, float[] src, float[] dst, int from, int to);
	}

	private final Shape shape;
	private final String torch;
	private final ChannelOp op;

	ElementWiseStep(Shape shape, String torch, ChannelOp op) {
		this.shape = shape;
		this.torch = torch;
		this.op = op;
	}

	@Override
	public Shape outputShape() {
		return shape;
	}

	@Override
	public Tensor run(Tensor in, Execution exec) {
		float[] src = in.data();
		float[] dst = new float[src.length];
		int plane = src.length / shape.channels();
		BlockRunner.forEach(shape.channels(), exec, c -> op.apply(c, src, dst, c * plane, (c + 1) * plane));
		return Tensor.wrap(shape, dst);
	}

	@Override
	public List<String> pytorch() {
		return Collections.singletonList(torch);
	}

	@Override
	public String method() {
		return "element-wise";
	}

	@Override
	public AxisStep[] axisSteps() {
		Axis[] axes = Axis.of(shape.rank());
		AxisStep[] g = new AxisStep[axes.length];
		for (Axis a : axes) g[a.ordinal()] = AxisStep.window(AxisGeometry.of(a, shape.size(a), 1, 1, 1, 0, 0));
		return g;
	}
}
