package convkit.engine;

/**
 * The settings of one convolution, independent of the image and kernel: stride and dilation per
 * axis, padding and its mode, groups, flip and normalize. Immutable; validated when built.
 * <p>
 * Example: {@code ConvSpec.builder().stride(2, 2).padding(Padding.same()).mode(PaddingMode.REFLECT).build()}.
 */
public final class ConvSpec {

	private final int strideX;
	private final int strideY;
	private final int dilationX;
	private final int dilationY;
	private final Padding padding;
	private final PaddingMode mode;
	private final int groups;
	private final boolean flip;
	private final boolean normalize;

	private ConvSpec(Builder b) {
		strideX = b.strideX;
		strideY = b.strideY;
		dilationX = b.dilationX;
		dilationY = b.dilationY;
		padding = b.padding;
		mode = b.mode;
		groups = b.groups;
		flip = b.flip;
		normalize = b.normalize;
	}

	/** Stride 1, dilation 1, no padding, zeros, groups 1, no flip, no normalize. */
	public static ConvSpec defaults() {
		return builder().build();
	}

	/** A builder starting from {@link #defaults()}. */
	public static Builder builder() {
		return new Builder();
	}

	/** A builder starting from this spec's values. */
	public Builder toBuilder() {
		return new Builder().stride(strideX, strideY).dilation(dilationX, dilationY).padding(padding)
			.mode(mode).groups(groups).flip(flip).normalize(normalize);
	}

	public int strideX() {
		return strideX;
	}

	public int strideY() {
		return strideY;
	}

	public int dilationX() {
		return dilationX;
	}

	public int dilationY() {
		return dilationY;
	}

	public Padding padding() {
		return padding;
	}

	public PaddingMode mode() {
		return mode;
	}

	/** Number of groups; a 2-D kernel is depthwise whatever this says (see {@link ConvPlan}). */
	public int groups() {
		return groups;
	}

	/** Whether the kernel is rotated by 180° (true convolution instead of correlation). */
	public boolean flip() {
		return flip;
	}

	/** Whether each output channel's kernel is divided by its sum when that is not 0. */
	public boolean normalize() {
		return normalize;
	}

	@Override
	public String toString() {
		return "stride=" + pair(strideX, strideY) + " padding=" + padding + " padding_mode=" + mode.label()
			+ " dilation=" + pair(dilationX, dilationY) + " groups=" + groups + (flip ? " flip" : "")
			+ (normalize ? " normalize" : "");
	}

	private static String pair(int x, int y) {
		return x == y ? Integer.toString(x) : x + "," + y;
	}

	/** Collects values; {@link #build()} checks them. */
	public static final class Builder {

		private int strideX = 1;
		private int strideY = 1;
		private int dilationX = 1;
		private int dilationY = 1;
		private Padding padding = Padding.valid();
		private PaddingMode mode = PaddingMode.ZEROS;
		private int groups = 1;
		private boolean flip;
		private boolean normalize;

		private Builder() {}

		/** Same stride on both axes. */
		public Builder stride(int s) {
			return stride(s, s);
		}

		public Builder stride(int x, int y) {
			strideX = x;
			strideY = y;
			return this;
		}

		/** Same dilation on both axes. */
		public Builder dilation(int d) {
			return dilation(d, d);
		}

		public Builder dilation(int x, int y) {
			dilationX = x;
			dilationY = y;
			return this;
		}

		public Builder padding(Padding p) {
			if (p == null) throw new IllegalArgumentException("padding must be given");
			padding = p;
			return this;
		}

		public Builder mode(PaddingMode m) {
			if (m == null) throw new IllegalArgumentException("padding_mode must be given");
			mode = m;
			return this;
		}

		public Builder groups(int g) {
			groups = g;
			return this;
		}

		public Builder flip(boolean f) {
			flip = f;
			return this;
		}

		public Builder normalize(boolean n) {
			normalize = n;
			return this;
		}

		/** The spec; refuses non-positive stride, dilation or groups, naming the value. */
		public ConvSpec build() {
			positive("stride", strideX, strideY);
			positive("dilation", dilationX, dilationY);
			if (groups < 1) {
				throw new IllegalArgumentException("groups must be positive: " + groups + " (allowed 1 or more)");
			}
			return new ConvSpec(this);
		}

		private static void positive(String name, int x, int y) {
			if (x < 1 || y < 1) {
				throw new IllegalArgumentException(name + " must be positive: " + x + "," + y
					+ " (x,y; allowed 1 or more)");
			}
		}
	}
}
