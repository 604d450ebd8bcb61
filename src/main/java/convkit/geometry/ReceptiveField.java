package convkit.geometry;

import convkit.engine.Axis;
import convkit.engine.AxisGeometry;
import convkit.engine.AxisStep;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Sizes and receptive fields through a stack of layers, per axis (forward form):
 * {@code j0 = 1, r0 = 1, start0 = 0}; for each window layer with {@code k_eff = d·(k−1)+1}:
 * {@code r += (k_eff−1)·j}, {@code start += ((k_eff−1)/2 − p_lo)·j}, {@code j *= s}; a transposed
 * layer divides instead ({@link FieldMap#then(AxisStep)}), so the values are exact fractions. Each
 * output pixel's exact field is {@link AxisTrace#reach}. Two axes (x, y) or three (x, y, z).
 * <p>
 * Example: two 3×3 stride-1 layers on 224×224 give fields 3, then 5.
 */
public final class ReceptiveField {

	private ReceptiveField() {}

	/** One row of a trace: a layer and its axes. */
	public static final class Row {

		private final int index;
		private final Layer layer;
		private final List<AxisTrace> axes;

		Row(int index, Layer layer, List<AxisTrace> axes) {
			this.index = index;
			this.layer = layer;
			this.axes = Collections.unmodifiableList(axes);
		}

		/** 1-based position in the stack. */
		public int index() {
			return index;
		}

		public Layer layer() {
			return layer;
		}

		/** The traced axes, x first (two or three). */
		public List<AxisTrace> axes() {
			return axes;
		}

		/** The trace along {@code axis}; refused for z in a 2-D trace. */
		public AxisTrace axis(Axis axis) {
			if (axis.ordinal() >= axes.size()) throw new IllegalArgumentException("this stack was traced in 2-D; it has no z axis");
			return axes.get(axis.ordinal());
		}

		public AxisTrace x() {
			return axes.get(0);
		}

		public AxisTrace y() {
			return axes.get(1);
		}
	}

	/**
	 * The number of axes to trace {@code layers} over an input given as {@code sizeValues} numbers
	 * (1 = the same size on every axis, 2 = width,height, 3 = width,height,depth): the size's when
	 * it has two or three, else 3 when a layer was written for 3-D, else 2.
	 */
	public static int rankOf(List<Layer> layers, int sizeValues) {
		if (sizeValues == 2 || sizeValues == 3) return sizeValues;
		for (Layer l : layers) {
			if (l.rank() == 3) return 3;
		}
		return 2;
	}

	/** Traces {@code layers} over an input of {@code width × height}. */
	public static List<Row> trace(List<Layer> layers, int width, int height) {
		return trace(layers, new int[] { width, height });
	}

	/**
	 * Traces {@code layers} over an input of {@code size} ({@code {width, height}} or
	 * {@code {width, height, depth}}). A layer written for the other rank, or whose output would be
	 * smaller than one pixel, is refused with its position: {@code layer 3: output size along x ...}.
	 */
	public static List<Row> trace(List<Layer> layers, int[] size) {
		int rank = size.length;
		if (rank != 2 && rank != 3) throw new IllegalArgumentException("the input size has " + rank + " values; give W,H or W,H,D");
		for (int s : size) {
			if (s < 1) throw new IllegalArgumentException("input size " + text(size) + " is not allowed: every size must be at least 1");
		}
		Axis[] axes = Axis.of(rank);
		List<Row> rows = new ArrayList<>();
		int[] n = size.clone();
		AxisChain[] chains = new AxisChain[rank];
		java.util.Arrays.fill(chains, AxisChain.empty());
		for (int i = 0; i < layers.size(); i++) {
			Layer l = layers.get(i);
			List<AxisTrace> traced = new ArrayList<>();
			try {
				if (l.rank() != 0 && l.rank() != rank) {
					throw new IllegalArgumentException("it is written for " + l.rank() + "-D, but the stack is traced in " + rank
						+ "-D (input size " + text(size) + ")");
				}
				l.padding().checkRank(rank);
				AxisStep[] g = new AxisStep[rank];
				for (Axis a : axes) g[a.ordinal()] = step(l, a, n[a.ordinal()]);
				for (Axis a : axes) {
					chains[a.ordinal()] = chains[a.ordinal()].then(g[a.ordinal()]);
					traced.add(new AxisTrace(g[a.ordinal()], chains[a.ordinal()], size[a.ordinal()]));
					n[a.ordinal()] = g[a.ordinal()].outputSize();
				}
			}
			catch (IllegalArgumentException e) {
				throw new IllegalArgumentException("layer " + (i + 1) + " (" + l + "): " + e.getMessage(), e);
			}
			rows.add(new Row(i + 1, l, traced));
		}
		return Collections.unmodifiableList(rows);
	}

	private static String text(int[] size) {
		StringBuilder sb = new StringBuilder();
		for (int s : size) sb.append(sb.length() == 0 ? "" : ",").append(s);
		return sb.toString();
	}

	/** Layer {@code l} along {@code a} on an input of {@code n} pixels: its window, or a transposed layer's spread. */
	private static AxisStep step(Layer l, Axis a, int n) {
		int k = l.kernel(a);
		int s = l.stride(a);
		int d = l.dilation(a);
		int[] p = l.padding().resolve(a, n, k, s, d);
		if (l.kind() == LayerKind.CONVT) {
			if (p[0] != p[1] || l.padding().isSame() || l.padding().isSameLower()) {
				throw new IllegalArgumentException("a transposed layer pads the same on both sides (p=P or one value per axis), not " + l.padding());
			}
			return AxisStep.transposed(a, n, k, s, d, p[0], l.outputPadding(a));
		}
		if (l.kind().isPooling()) checkPoolPadding(l, a, p);
		int hi = p[1];
		if (l.ceil()) { // PyTorch's ceil mode: one more window when it starts inside the input or its left padding
			long keff = AxisGeometry.effectiveKernel(k, d);
			long out = -Math.floorDiv(-(n + p[0] + p[1] - keff), s) + 1;
			if ((out - 1) * s >= n + p[0]) out--;
			hi = (int) Math.max(hi, (out - 1) * s + keff - n - p[0]); // the padding after that gives this many windows
		}
		AxisGeometry g = AxisGeometry.of(a, n, k, s, d, p[0], hi);
		return AxisStep.window(g);
	}

	/** PyTorch refuses pooling padding larger than half the (effective) kernel. */
	private static void checkPoolPadding(Layer l, Axis a, int[] p) {
		long max = AxisGeometry.effectiveKernel(l.kernel(a), l.dilation(a)) / 2;
		if (Math.max(p[0], p[1]) > max) {
			throw new IllegalArgumentException("pooling padding " + p[0] + "," + p[1] + " along " + a.label()
				+ " is too large: at most half the kernel (" + max + ")");
		}
	}
}
