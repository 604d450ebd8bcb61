package convkit.engine;

import java.util.Arrays;

/**
 * Exact tiling of one convolution: the block of input an output block reads, and that block made
 * as the whole-image run sees it, so a large image can be convolved tile by tile (on several
 * machines, or beyond the heap) with results identical to the whole-image run. Along an axis
 * with stride {@code s}, dilation {@code d}, effective kernel {@code k_eff} and padding before
 * {@code p_lo}, output pixels {@code [a, b)} read input pixels
 * {@code [a·s − p_lo, (b−1)·s − p_lo + k_eff − 1]}: a halo of {@code p_lo} before and
 * {@code k_eff − 1 − p_lo} after, and tiles whose input origins lie on multiples of the stride.
 * Where the halo lies beyond the image it is the padding, made here by the padding mode's own
 * rule ({@link PaddingMode#sourceIndex}: circular reads the other side of the image), and the
 * tile is convolved with no padding ({@link #tileSpec}).
 * <p>
 * With {@code method=direct} or {@code separable} every output value is the same sum in the same
 * order as in the whole-image run, so the tiles equal it bit for bit (the tests check every
 * padding mode); {@code fft}'s rounding depends on its transform sizes, so FFT tiles agree only to
 * rounding.
 */
public final class Tiles {

	private Tiles() {}

	/** First input pixel (may be negative: padding) that output pixel {@code a} of {@code g} reads. */
	public static int firstInput(AxisGeometry g, int a) {
		return a * g.stride() - g.padLo();
	}

	/** Last input pixel (may be past the image: padding) that output pixel {@code b − 1} of {@code g} reads. */
	public static int lastInput(AxisGeometry g, int b) {
		return (b - 1) * g.stride() - g.padLo() + g.effectiveKernel() - 1;
	}

	/**
	 * The input pixels a block of output pixels reads beyond {@code stride} per output pixel (the
	 * kernel's overlap with the next block's input), 0 when the stride is at least the kernel.
	 */
	public static int halo(AxisGeometry g) {
		return Math.max(0, g.effectiveKernel() - g.stride());
	}

	/**
	 * The input block that output block {@code [from, to)} of {@code plan} reads (per axis x, y[, z]),
	 * the halo beyond the image filled as the plan's padding mode pads: every channel of
	 * {@code input}, which must have the plan's input shape.
	 */
	public static Tensor tileInput(ConvPlan plan, Tensor input, int[] from, int[] to) {
		if (!input.shape().equals(plan.inputShape())) {
			throw new IllegalArgumentException("input " + input.shape() + " is not the plan's " + plan.inputShape());
		}
		Axis[] axes = Axis.of(plan.rank());
		int[] lo = new int[3];
		int[] size = { 1, 1, 1 };
		for (Axis a : axes) {
			AxisGeometry g = plan.axis(a);
			int i = a.ordinal();
			if (from[i] < 0 || to[i] > g.outputSize() || from[i] >= to[i]) {
				throw new IllegalArgumentException("output block " + from[i] + ".." + to[i] + " along " + a.label() + " is not inside 0.."
					+ g.outputSize());
			}
			lo[i] = firstInput(g, from[i]);
			size[i] = lastInput(g, to[i]) - lo[i] + 1;
		}
		int[] n = { input.width(), input.height(), input.depth() };
		PaddingMode mode = plan.mode();
		Shape shape = Shape.of(plan.rank(), input.channels(), size[2], size[1], size[0]);
		int[][] source = new int[3][];
		for (int i = 0; i < 3; i++) {
			source[i] = new int[size[i]];
			for (int j = 0; j < size[i]; j++) source[i][j] = i < plan.rank() ? mode.sourceIndex(lo[i] + j, n[i]) : j;
		}
		return gather(input, shape, source, plan.fillValue());
	}

	/**
	 * The tensor of {@code shape} whose value at {@code (c, z, y, x)} is {@code input}'s at
	 * {@code (c, source[2][z], source[1][y], source[0][x])}, or {@code fill} where one of those is
	 * -1: a block of the padded input, or a phase of it ({@link PhaseSplit}).
	 */
	static Tensor gather(Tensor input, Shape shape, int[][] source, float fill) {
		float[] src = input.data();
		int[] sx = source[0];
		int[] sy = source[1];
		int[] sz = source[2];
		float[] q = new float[shape.values()];
		int at = 0;
		for (int c = 0; c < input.channels(); c++) {
			for (int z : sz) {
				for (int y : sy) {
					if (z < 0 || y < 0) {
						Arrays.fill(q, at, at + sx.length, fill);
						at += sx.length;
						continue;
					}
					int row = ((c * input.depth() + z) * input.height() + y) * input.width();
					for (int x : sx) q[at++] = x < 0 ? fill : src[row + x];
				}
			}
		}
		return Tensor.wrap(shape, q);
	}

	/** {@code spec} for a tile made by {@link #tileInput}: the same layer, with no padding (the tile holds its halo). */
	public static ConvSpec tileSpec(ConvSpec spec) {
		return spec.toBuilder().padding(Padding.valid()).mode(PaddingMode.ZEROS).value(0).build();
	}
}
