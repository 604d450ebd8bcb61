package convkit.engine;

/**
 * A convolution fully resolved against an input shape: the 4-D weights (after the shape
 * conveniences, {@code flip} and {@code normalize}), bias, groups, and the geometry of each axis.
 * Immutable; everything that can be refused is refused here, before any pixel is computed.
 * <p>
 * Kernel shapes: {@code [C_out, C_in/groups, kH, kW]} as in PyTorch; {@code [kH, kW]} applies the
 * same kernel to every channel on its own ({@code C_out = C_in}, {@code groups = C_in}; a
 * {@code groups} setting other than 1 or C_in is refused); {@code [C_in, kH, kW]} gives one output
 * channel ({@code groups} must be 1).
 * <p>
 * Example: {@code ConvPlan.of(3, 32, 40, kernel, null, spec).outputHeight()}.
 */
public final class ConvPlan {

	private final int inChannels;
	private final int outChannels;
	private final int groups;
	private final int kernelHeight;
	private final int kernelWidth;
	private final float[] weights;
	private final float[] bias;
	private final AxisGeometry x;
	private final AxisGeometry y;
	private final ConvSpec spec;

	private ConvPlan(int inChannels, int outChannels, int groups, int kh, int kw, float[] weights,
		float[] bias, AxisGeometry x, AxisGeometry y, ConvSpec spec)
	{
		this.inChannels = inChannels;
		this.outChannels = outChannels;
		this.groups = groups;
		this.kernelHeight = kh;
		this.kernelWidth = kw;
		this.weights = weights;
		this.bias = bias;
		this.x = x;
		this.y = y;
		this.spec = spec;
	}

	/**
	 * Resolves a convolution of a {@code [inChannels, height, width]} input.
	 *
	 * @param bias {@code C_out} values added last, or {@code null} for none
	 */
	public static ConvPlan of(int inChannels, int height, int width, Kernel kernel, float[] bias, ConvSpec spec) {
		if (inChannels < 1 || height < 1 || width < 1) {
			throw new IllegalArgumentException("input shape [" + inChannels + ", " + height + ", " + width
				+ "] is not allowed: every dimension must be at least 1");
		}
		int[] s = kernel.shape();
		int kh = kernel.height();
		int kw = kernel.width();
		int groups;
		int outChannels;
		float[] w;
		if (s.length == 2) {
			if (spec.groups() != 1 && spec.groups() != inChannels) {
				throw new IllegalArgumentException("a 2-D kernel " + kernel.shapeString() + " is applied to each of the "
					+ inChannels + " channels on its own, so groups must be 1 or " + inChannels + ", not " + spec.groups());
			}
			groups = inChannels;
			outChannels = inChannels;
			w = new float[inChannels * kh * kw];
			for (int c = 0; c < inChannels; c++) System.arraycopy(kernel.data(), 0, w, c * kh * kw, kh * kw);
		}
		else if (s.length == 3) {
			if (s[0] != inChannels) {
				throw new IllegalArgumentException("kernel " + kernel.shapeString() + " is [C_in, kH, kW] with C_in = "
					+ s[0] + ", but the input has " + inChannels + " channels");
			}
			if (spec.groups() != 1) {
				throw new IllegalArgumentException("a 3-D kernel " + kernel.shapeString()
					+ " gives one output channel from all input channels, so groups must be 1, not " + spec.groups());
			}
			groups = 1;
			outChannels = 1;
			w = kernel.data().clone();
		}
		else {
			groups = spec.groups();
			outChannels = s[0];
			if (inChannels % groups != 0) {
				throw new IllegalArgumentException("input channels (" + inChannels + ") must be divisible by groups ("
					+ groups + ")");
			}
			if (outChannels % groups != 0) {
				throw new IllegalArgumentException("output channels (" + outChannels + ", the kernel's first dimension) must be divisible by groups ("
					+ groups + ")");
			}
			if (s[1] * groups != inChannels) {
				throw new IllegalArgumentException("kernel " + kernel.shapeString() + " expects C_in/groups = " + s[1]
					+ ", but the input has " + inChannels + " channels in " + groups + " group(s), so it must be "
					+ inChannels / groups);
			}
			w = kernel.data().clone();
		}
		if (bias != null && bias.length != outChannels) {
			throw new IllegalArgumentException("bias has " + bias.length + " values; it must have one per output channel ("
				+ outChannels + ")");
		}
		if (bias != null) {
			for (float b : bias) {
				if (!Float.isFinite(b)) throw new IllegalArgumentException("bias value " + b + " is not a finite number");
			}
		}
		int[] px = spec.padding().resolveX(width, kw, spec.strideX(), spec.dilationX());
		int[] py = spec.padding().resolveY(height, kh, spec.strideY(), spec.dilationY());
		spec.mode().checkPadding(px[0], width, "left", "width");
		spec.mode().checkPadding(px[1], width, "right", "width");
		spec.mode().checkPadding(py[0], height, "top", "height");
		spec.mode().checkPadding(py[1], height, "bottom", "height");
		AxisGeometry gx = AxisGeometry.of("x", width, kw, spec.strideX(), spec.dilationX(), px[0], px[1]);
		AxisGeometry gy = AxisGeometry.of("y", height, kh, spec.strideY(), spec.dilationY(), py[0], py[1]);
		int per = (inChannels / groups) * kh * kw;
		if (spec.flip()) flipEach(w, kh, kw);
		if (spec.normalize()) normalizeEach(w, outChannels, per);
		return new ConvPlan(inChannels, outChannels, groups, kh, kw, w, bias == null ? null : bias.clone(), gx, gy, spec);
	}

	private static void flipEach(float[] w, int kh, int kw) {
		int n = kh * kw;
		for (int base = 0; base < w.length; base += n) {
			for (int i = 0, j = n - 1; i < j; i++, j--) {
				float t = w[base + i];
				w[base + i] = w[base + j];
				w[base + j] = t;
			}
		}
	}

	private static void normalizeEach(float[] w, int outChannels, int per) {
		for (int co = 0; co < outChannels; co++) {
			double sum = 0;
			for (int i = 0; i < per; i++) sum += w[co * per + i];
			if (sum == 0) continue;
			for (int i = 0; i < per; i++) w[co * per + i] = (float) (w[co * per + i] / sum);
		}
	}

	public int inChannels() {
		return inChannels;
	}

	public int outChannels() {
		return outChannels;
	}

	public int groups() {
		return groups;
	}

	/** Input channels per group. */
	public int inChannelsPerGroup() {
		return inChannels / groups;
	}

	/** Output channels per group. */
	public int outChannelsPerGroup() {
		return outChannels / groups;
	}

	public int kernelHeight() {
		return kernelHeight;
	}

	public int kernelWidth() {
		return kernelWidth;
	}

	/** The geometry along x (width). */
	public AxisGeometry x() {
		return x;
	}

	/** The geometry along y (height). */
	public AxisGeometry y() {
		return y;
	}

	public int inputHeight() {
		return y.inputSize();
	}

	public int inputWidth() {
		return x.inputSize();
	}

	public int outputHeight() {
		return y.outputSize();
	}

	public int outputWidth() {
		return x.outputSize();
	}

	/** The spec this plan was made from. */
	public ConvSpec spec() {
		return spec;
	}

	public PaddingMode mode() {
		return spec.mode();
	}

	/** Whether a bias is added. */
	public boolean hasBias() {
		return bias != null;
	}

	/**
	 * The plan that convolves {@code positions} inputs of this plan in one run, stacked along the
	 * channel axis (position-major: channels {@code p·C_in .. (p+1)·C_in − 1} are position
	 * {@code p}), and gives their outputs stacked the same way: each position is a group set of
	 * its own, so the numbers are those of one run per position. Used to run many small planes
	 * (an ImageJ stack) as one job.
	 */
	public ConvPlan batched(int positions) {
		if (positions < 1) throw new IllegalArgumentException("positions must be at least 1, not " + positions);
		if (positions == 1) return this;
		if ((long) inChannels * positions > Integer.MAX_VALUE / 2 || (long) weights.length * positions > Integer.MAX_VALUE / 2) {
			throw new IllegalArgumentException(positions + " positions of " + inChannels + " channels are too many for one run");
		}
		float[] w = new float[weights.length * positions];
		for (int p = 0; p < positions; p++) System.arraycopy(weights, 0, w, p * weights.length, weights.length);
		float[] b = null;
		if (bias != null) {
			b = new float[bias.length * positions];
			for (int p = 0; p < positions; p++) System.arraycopy(bias, 0, b, p * bias.length, bias.length);
		}
		// The weights are resolved already: the batched spec must not flip or normalize again.
		ConvSpec batchedSpec = spec.toBuilder().groups(groups * positions).flip(false).normalize(false).build();
		return new ConvPlan(inChannels * positions, outChannels * positions, groups * positions, kernelHeight, kernelWidth, w, b,
			x, y, batchedSpec);
	}

	/** A copy of the resolved 4-D weights {@code [C_out, C_in/groups, kH, kW]}. */
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

	/** Number of multiply-adds of one run: {@code C_out·(C_in/groups)·kH·kW·outH·outW}. */
	public long multiplyAdds() {
		return (long) outChannels * inChannelsPerGroup() * kernelHeight * kernelWidth * outputHeight() * outputWidth();
	}

	/** The output shape as {@code [C_out, H_out, W_out]}. */
	public String outputShapeString() {
		return "[" + outChannels + ", " + outputHeight() + ", " + outputWidth() + "]";
	}
}
