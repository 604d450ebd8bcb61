package convkit.engine;

import java.util.Arrays;

/**
 * The settings of one convolution, independent of the image and kernel: the number of spatial
 * axes (2 for Conv2D, 3 for Conv3D), stride and dilation per axis (x, y[, z]), padding and its
 * mode, groups, flip and normalize. Immutable; validated when built.
 * <p>
 * Example: {@code ConvSpec.builder().stride(2, 2).padding(Padding.same()).mode(PaddingMode.REFLECT).build()};
 * {@code ConvSpec.builder(3).stride(2, 2, 1).build()}.
 */
public final class ConvSpec {

	private final int rank;
	private final int[] stride;
	private final int[] dilation;
	private final Padding padding;
	private final PaddingMode mode;
	private final float value;
	private final int groups;
	private final boolean flip;
	private final boolean normalize;

	private ConvSpec(Builder b) {
		rank = b.rank;
		stride = b.stride.clone();
		dilation = b.dilation.clone();
		padding = b.padding;
		mode = b.mode;
		value = b.value;
		groups = b.groups;
		flip = b.flip;
		normalize = b.normalize;
	}

	/** A 2-D spec: stride 1, dilation 1, no padding, zeros, groups 1, no flip, no normalize. */
	public static ConvSpec defaults() {
		return builder().build();
	}

	/** A builder of a 2-D spec starting from the defaults. */
	public static Builder builder() {
		return new Builder(2);
	}

	/** A builder of a spec with {@code rank} spatial axes (2 or 3) starting from the defaults. */
	public static Builder builder(int rank) {
		if (rank != 2 && rank != 3) throw new IllegalArgumentException("spatial rank " + rank + " is not allowed (2 or 3)");
		return new Builder(rank);
	}

	/** A builder starting from this spec's values. */
	public Builder toBuilder() {
		return new Builder(rank).stride(stride).dilation(dilation).padding(padding).mode(mode).value(value).groups(groups).flip(flip)
			.normalize(normalize);
	}

	/** Number of spatial axes: 2 (Conv2D) or 3 (Conv3D). */
	public int rank() {
		return rank;
	}

	/** Stride along {@code axis}; 1 along z for a 2-D spec. */
	public int stride(Axis axis) {
		return axis.ordinal() < rank ? stride[axis.ordinal()] : 1;
	}

	/** Dilation along {@code axis}; 1 along z for a 2-D spec. */
	public int dilation(Axis axis) {
		return axis.ordinal() < rank ? dilation[axis.ordinal()] : 1;
	}

	public int strideX() {
		return stride(Axis.X);
	}

	public int strideY() {
		return stride(Axis.Y);
	}

	public int strideZ() {
		return stride(Axis.Z);
	}

	public int dilationX() {
		return dilation(Axis.X);
	}

	public int dilationY() {
		return dilation(Axis.Y);
	}

	public int dilationZ() {
		return dilation(Axis.Z);
	}

	public Padding padding() {
		return padding;
	}

	public PaddingMode mode() {
		return mode;
	}

	/** The fill value of {@code padding_mode=constant}; 0 for every other mode. */
	public float value() {
		return value;
	}

	/** Number of groups; a kernel without channel dimensions is depthwise whatever this says (see {@link ConvPlan}). */
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

	/** The per-axis values as users write them: {@code 2} when equal, else {@code 2,1} or {@code 2,2,1} (x, y, z). */
	public static String perAxis(int[] values) {
		boolean equal = true;
		for (int v : values) equal &= v == values[0];
		if (equal) return Integer.toString(values[0]);
		StringBuilder sb = new StringBuilder();
		for (int v : values) sb.append(sb.length() == 0 ? "" : ",").append(v);
		return sb.toString();
	}

	/** Stride per axis, x first. */
	public int[] strides() {
		return stride.clone();
	}

	/** Dilation per axis, x first. */
	public int[] dilations() {
		return dilation.clone();
	}

	@Override
	public String toString() {
		return "stride=" + perAxis(stride) + " padding=" + padding + " padding_mode=" + mode.label()
			+ (mode == PaddingMode.CONSTANT ? " value=" + valueText(value) : "") + " dilation="
			+ perAxis(dilation) + " groups=" + groups + (flip ? " flip" : "") + (normalize ? " normalize" : "");
	}

	/** A fill value as users write it: {@code 3} for 3.0, {@code 0.5} for 0.5. */
	public static String valueText(float v) {
		return v == Math.rint(v) && Math.abs(v) < 1e9f ? Long.toString((long) v) : Float.toString(v);
	}

	/** Collects values; {@link #build()} checks them. */
	public static final class Builder {

		private final int rank;
		private int[] stride;
		private int[] dilation;
		private Padding padding = Padding.valid();
		private PaddingMode mode = PaddingMode.ZEROS;
		private float value;
		private int groups = 1;
		private boolean flip;
		private boolean normalize;

		private Builder(int rank) {
			this.rank = rank;
			stride = ones(rank);
			dilation = ones(rank);
		}

		private static int[] ones(int n) {
			int[] v = new int[n];
			Arrays.fill(v, 1);
			return v;
		}

		/** One value for every axis, or one per axis in x, y[, z] order. */
		public Builder stride(int... values) {
			stride = perAxisValues("stride", values);
			return this;
		}

		/** One value for every axis, or one per axis in x, y[, z] order. */
		public Builder dilation(int... values) {
			dilation = perAxisValues("dilation", values);
			return this;
		}

		private int[] perAxisValues(String name, int[] values) {
			if (values.length == 1) {
				int[] v = new int[rank];
				Arrays.fill(v, values[0]);
				return v;
			}
			if (values.length != rank) {
				throw new IllegalArgumentException(name + " '" + perAxis(values) + "' has " + values.length + " values; a " + rank
					+ "-D convolution takes one value or " + rank + " (" + (rank == 3 ? "x,y,z" : "x,y") + ")");
			}
			return values.clone();
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

		/** The fill value of {@code padding_mode=constant} (any finite number). */
		public Builder value(float v) {
			value = v;
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

		/** The spec; refuses non-positive stride, dilation or groups, and a padding form of the other rank. */
		public ConvSpec build() {
			positive("stride", stride);
			positive("dilation", dilation);
			if (groups < 1) throw new IllegalArgumentException("groups must be positive: " + groups + " (allowed 1 or more)");
			padding.checkRank(rank);
			mode.checkValue(value);
			return new ConvSpec(this);
		}

		private void positive(String name, int[] v) {
			for (int i = 0; i < v.length; i++) {
				if (v[i] < 1) {
					StringBuilder all = new StringBuilder();
					for (int x : v) all.append(all.length() == 0 ? "" : ",").append(x);
					throw new IllegalArgumentException(name + " must be positive: " + all + " (" + (rank == 3 ? "x,y,z" : "x,y") + "; "
						+ Axis.values()[i].label() + " is " + v[i] + ", allowed 1 or more)");
				}
			}
		}
	}
}
