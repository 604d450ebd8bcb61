package convkit.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A convolution fully resolved against an input shape: the weights in PyTorch's layout (after
 * the kernel shape conveniences, {@code flip} and {@code normalize}; see {@link Weights}), bias,
 * groups, and the geometry of each axis. 2-D and 3-D alike: a 2-D plan has a flat z axis (size 1,
 * kernel 1). Immutable; everything that can be refused is refused here, before any pixel is
 * computed.
 * <p>
 * Example: {@code ConvPlan.of(Shape.of(3, 32, 40), kernel, null, spec).outputShape()}.
 */
public final class ConvPlan {

	private final ConvSpec spec;
	private final Shape input;
	private final Shape output;
	private final int groups;
	private final int kd;
	private final int kh;
	private final int kw;
	private final float[] weights;
	private final float[] bias;
	private final AxisGeometry[] axes;

	private ConvPlan(ConvSpec spec, Shape input, Shape output, Weights w, float[] bias, AxisGeometry[] axes) {
		this.spec = spec;
		this.input = input;
		this.output = output;
		this.groups = w.groups;
		this.kd = w.depth;
		this.kh = w.height;
		this.kw = w.width;
		this.weights = w.values;
		this.bias = bias;
		this.axes = axes;
	}

	/** Resolves a 2-D convolution of a {@code [inChannels, height, width]} input. */
	public static ConvPlan of(int inChannels, int height, int width, Kernel kernel, float[] bias, ConvSpec spec) {
		return of(Shape.of(inChannels, height, width), kernel, bias, spec);
	}

	/**
	 * Resolves a convolution of an input of {@code shape}, whose rank must be the spec's.
	 *
	 * @param bias {@code C_out} values added last, or {@code null} for none
	 */
	public static ConvPlan of(Shape shape, Kernel kernel, float[] bias, ConvSpec spec) {
		int rank = spec.rank();
		if (shape.rank() != rank) {
			throw new IllegalArgumentException("a " + rank + "-D convolution needs a " + (rank == 3 ? "[C, D, H, W]" : "[C, H, W]")
				+ " input, but the input is " + shape);
		}
		Weights w = Weights.of(kernel, rank, shape.channels(), spec);
		if (bias != null && bias.length != w.outChannels) {
			throw new IllegalArgumentException("bias has " + bias.length + " values; it must have one per output channel ("
				+ w.outChannels + ")");
		}
		if (bias != null) {
			for (float b : bias) {
				if (!Float.isFinite(b)) throw new IllegalArgumentException("bias value " + b + " is not a finite number");
			}
		}
		int[] k = { w.width, w.height, w.depth };
		AxisGeometry[] axes = new AxisGeometry[3];
		for (Axis a : Axis.values()) {
			if (a.ordinal() >= rank) {
				axes[a.ordinal()] = AxisGeometry.flat(a);
				continue;
			}
			int n = shape.size(a);
			int kernelSize = k[a.ordinal()];
			int[] p = spec.padding().resolve(a, n, kernelSize, spec.stride(a), spec.dilation(a));
			spec.mode().checkPadding(p[0], n, a.lowSide(), a.sizeName());
			spec.mode().checkPadding(p[1], n, a.highSide(), a.sizeName());
			axes[a.ordinal()] = AxisGeometry.of(a, n, kernelSize, spec.stride(a), spec.dilation(a), p[0], p[1]);
		}
		Shape out = Shape.of(rank, w.outChannels, axes[2].outputSize(), axes[1].outputSize(), axes[0].outputSize());
		return new ConvPlan(spec, shape, out, w, bias == null ? null : bias.clone(), axes);
	}

	/** Number of spatial axes: 2 or 3. */
	public int rank() {
		return spec.rank();
	}

	/** The spec this plan was made from. */
	public ConvSpec spec() {
		return spec;
	}

	/** The shape of one input tensor. */
	public Shape inputShape() {
		return input;
	}

	/** The shape of one output tensor. */
	public Shape outputShape() {
		return output;
	}

	public int inChannels() {
		return input.channels();
	}

	public int outChannels() {
		return output.channels();
	}

	public int groups() {
		return groups;
	}

	/** Input channels per group. */
	public int inChannelsPerGroup() {
		return inChannels() / groups;
	}

	/** Output channels per group. */
	public int outChannelsPerGroup() {
		return outChannels() / groups;
	}

	/** Kernel depth; 1 for a 2-D plan. */
	public int kernelDepth() {
		return kd;
	}

	public int kernelHeight() {
		return kh;
	}

	public int kernelWidth() {
		return kw;
	}

	/** Weights of one kernel slice: {@code kD·kH·kW}. */
	public int kernelVolume() {
		return kd * kh * kw;
	}

	/** The geometry along {@code axis} (a flat axis of size 1 for z in a 2-D plan). */
	public AxisGeometry axis(Axis axis) {
		return axes[axis.ordinal()];
	}

	/** The geometries of the plan's axes, x first (two or three). */
	public List<AxisGeometry> axes() {
		List<AxisGeometry> l = new ArrayList<>();
		for (int i = 0; i < rank(); i++) l.add(axes[i]);
		return Collections.unmodifiableList(l);
	}

	/** The geometry along x (width). */
	public AxisGeometry x() {
		return axes[0];
	}

	/** The geometry along y (height). */
	public AxisGeometry y() {
		return axes[1];
	}

	/** The geometry along z (depth); flat in a 2-D plan. */
	public AxisGeometry z() {
		return axes[2];
	}

	public int inputDepth() {
		return input.depth();
	}

	public int inputHeight() {
		return input.height();
	}

	public int inputWidth() {
		return input.width();
	}

	public int outputDepth() {
		return output.depth();
	}

	public int outputHeight() {
		return output.height();
	}

	public int outputWidth() {
		return output.width();
	}

	public PaddingMode mode() {
		return spec.mode();
	}

	/** The value of the padding where {@link PaddingMode#sourceIndex} says -1: the spec's value for {@code constant}, else 0. */
	public float fillValue() {
		return spec.value();
	}

	/** Whether a bias is added. */
	public boolean hasBias() {
		return bias != null;
	}

	/** A copy of the resolved weights {@code [C_out, C_in/groups, (kD,) kH, kW]}. */
	public float[] weights() {
		return weights.clone();
	}

	/** Resolved weights, for the algorithms only: they must not modify them. */
	float[] weightsInternal() {
		return weights;
	}

	/** Bias or null, for the algorithms only. */
	float[] biasInternal() {
		return bias;
	}

	/** Number of multiply-adds of one run: {@code C_out·(C_in/groups)·kD·kH·kW·D_out·H_out·W_out}. */
	public long multiplyAdds() {
		return (long) outChannels() * inChannelsPerGroup() * kernelVolume() * output.voxels();
	}

	/** The output shape as {@code [C_out, H_out, W_out]} or {@code [C_out, D_out, H_out, W_out]}. */
	public String outputShapeString() {
		return output.toString();
	}

	@Override
	public String toString() {
		return "ConvPlan(" + input + " -> " + output + ", kernel " + (rank() == 3 ? kd + "x" : "") + kh + "x" + kw + ", " + spec + ")";
	}
}
