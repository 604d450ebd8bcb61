package convkit.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Sizes and receptive fields through a stack of layers, per axis (DESIGN.md §1, forward form):
 * {@code j0 = 1, r0 = 1, start0 = 0}; for each layer with {@code k_eff = d·(k−1)+1}:
 * {@code r += (k_eff−1)·j}, {@code start += ((k_eff−1)/2 − p_lo)·j}, {@code j *= s}.
 * <p>
 * Example: two 3×3 stride-1 layers on 224×224 give fields 3, then 5.
 */
public final class ReceptiveField {

	private ReceptiveField() {}

	/** One row of a trace: a layer and its x and y axes. */
	public static final class Row {

		private final int index;
		private final Layer layer;
		private final AxisTrace x;
		private final AxisTrace y;

		Row(int index, Layer layer, AxisTrace x, AxisTrace y) {
			this.index = index;
			this.layer = layer;
			this.x = x;
			this.y = y;
		}

		/** 1-based position in the stack. */
		public int index() {
			return index;
		}

		public Layer layer() {
			return layer;
		}

		public AxisTrace x() {
			return x;
		}

		public AxisTrace y() {
			return y;
		}
	}

	/**
	 * Traces {@code layers} over an input of {@code width × height}. A layer whose output would be
	 * smaller than one pixel is refused with its position: {@code layer 3: output size along x ...}.
	 */
	public static List<Row> trace(List<Layer> layers, int width, int height) {
		if (width < 1 || height < 1) {
			throw new IllegalArgumentException("input size " + width + "x" + height + " is not allowed: both must be at least 1");
		}
		List<Row> rows = new ArrayList<>();
		int nx = width;
		int ny = height;
		FieldMap mx = FieldMap.identity();
		FieldMap my = FieldMap.identity();
		for (int i = 0; i < layers.size(); i++) {
			Layer l = layers.get(i);
			AxisGeometry gx;
			AxisGeometry gy;
			try {
				int[] px = l.padding().resolveX(nx, l.kernelX(), l.strideX(), l.dilationX());
				int[] py = l.padding().resolveY(ny, l.kernelY(), l.strideY(), l.dilationY());
				if (l.kind().isPooling()) checkPoolPadding(l, px, py);
				gx = AxisGeometry.of("x", nx, l.kernelX(), l.strideX(), l.dilationX(), px[0], px[1]);
				gy = AxisGeometry.of("y", ny, l.kernelY(), l.strideY(), l.dilationY(), py[0], py[1]);
			}
			catch (IllegalArgumentException e) {
				throw new IllegalArgumentException("layer " + (i + 1) + " (" + l + "): " + e.getMessage(), e);
			}
			mx = mx.then(gx, 0);
			my = my.then(gy, 0);
			rows.add(new Row(i + 1, l, new AxisTrace(gx, mx, width), new AxisTrace(gy, my, height)));
			nx = gx.outputSize();
			ny = gy.outputSize();
		}
		return Collections.unmodifiableList(rows);
	}

	/** PyTorch refuses pooling padding larger than half the (effective) kernel. */
	private static void checkPoolPadding(Layer l, int[] px, int[] py) {
		int maxX = Geometry.effectiveKernel(l.kernelX(), l.dilationX()) / 2;
		int maxY = Geometry.effectiveKernel(l.kernelY(), l.dilationY()) / 2;
		if (Math.max(px[0], px[1]) > maxX || Math.max(py[0], py[1]) > maxY) {
			throw new IllegalArgumentException("pooling padding " + px[0] + "," + px[1] + "," + py[0] + "," + py[1]
				+ " is too large: at most half the kernel (" + maxX + " along x, " + maxY + " along y)");
		}
	}
}
