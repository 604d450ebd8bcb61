package convkit.visual;

import convkit.geometry.Layer;
import convkit.geometry.LayerKind;

import java.util.List;

/**
 * The effective receptive field of one output pixel of a stack of 2-D layers: how much each
 * input pixel contributes, i.e. the derivative of the output pixel with respect to each input
 * pixel. For a linear stack this is the composed kernel, found by sending an impulse backwards
 * through each layer (a transposed convolution with its stride and dilation). Choices for the
 * non-linear layers: ReLU is taken as the identity (the field where activations are positive);
 * max pooling as average pooling (each window input weighted equally, the expected gradient for
 * a random arg-max). Image borders are ignored: the map covers the theoretical field, as if the
 * image were large enough.
 * <p>
 * Example: two {@code box(3)} layers give the 5×5 outer product of {@code 1 2 3 2 1}, over 81.
 */
public final class EffectiveField {

	private EffectiveField() {}

	/**
	 * The map, {@code [fieldY][fieldX]}, of a stack; {@code weights.get(i)} holds layer i's 2-D
	 * kernel {@code [kH·kW]} (row-major) for conv layers and is ignored for the others.
	 */
	public static float[][] compose(List<Layer> layers, List<float[]> weights) {
		if (layers.size() != weights.size()) {
			throw new IllegalArgumentException(layers.size() + " layers but " + weights.size() + " weight entries");
		}
		for (int i = 0; i < layers.size(); i++) {
			if (layers.get(i).kind() == LayerKind.CONVT) {
				throw new IllegalArgumentException("layer " + (i + 1) + " (" + layers.get(i) + "): the effective receptive field is drawn for"
					+ " convolutions, pools and element-wise layers; transposed layers are not available here (the calculator's pixel= gives"
					+ " their fields)");
			}
		}
		checkSize(layers);
		double[][] g = { { 1 } };
		for (int i = layers.size() - 1; i >= 0; i--) {
			Layer l = layers.get(i);
			if (l.kind().isElementWise()) continue;
			int kx = l.kernelX();
			int ky = l.kernelY();
			double[] w = new double[kx * ky];
			if (l.kind() == LayerKind.CONV) {
				float[] given = weights.get(i);
				if (given == null || given.length != kx * ky) {
					throw new IllegalArgumentException("layer " + (i + 1) + " (" + l + ") needs " + ky + "x" + kx + " weights, got "
						+ (given == null ? "none" : given.length + " values"));
				}
				for (int j = 0; j < w.length; j++) w[j] = given[j];
			}
			else {
				java.util.Arrays.fill(w, 1.0 / (kx * ky));
			}
			g = transposed(g, w, kx, ky, l.strideX(), l.strideY(), l.dilationX(), l.dilationY());
		}
		float[][] out = new float[g.length][g[0].length];
		for (int r = 0; r < g.length; r++) for (int c = 0; c < g[0].length; c++) out[r][c] = (float) g[r][c];
		return out;
	}

	/** The largest map drawn, pixels per side. */
	static final int MAX_SIDE = 4096;

	/** Multiply-adds a map may take (seconds, not hours). */
	static final long MAX_WORK = 4_000_000_000L;

	/** Refuses, before anything is allocated, a map larger than {@link #MAX_SIDE} or more work than {@link #MAX_WORK}. */
	private static void checkSize(List<Layer> layers) {
		long h = 1;
		long w = 1;
		long work = 0;
		for (int i = layers.size() - 1; i >= 0; i--) {
			Layer l = layers.get(i);
			if (l.kind().isElementWise()) continue;
			work += h * w * l.kernelX() * l.kernelY();
			h = (h - 1) * l.strideY() + (long) l.dilationY() * (l.kernelY() - 1) + 1;
			w = (w - 1) * l.strideX() + (long) l.dilationX() * (l.kernelX() - 1) + 1;
			if (h > MAX_SIDE || w > MAX_SIDE || work > MAX_WORK) {
				throw new IllegalArgumentException("the effective receptive field would be at least " + w + " x " + h
					+ " pixels; it is drawn up to " + MAX_SIDE + " x " + MAX_SIDE + " (use fewer, smaller or less dilated layers)");
			}
		}
	}

	/** Scatters each value of {@code g} through the kernel: the gradient of a strided, dilated correlation. */
	private static double[][] transposed(double[][] g, double[] w, int kx, int ky, int sx, int sy, int dx, int dy) {
		int h = (g.length - 1) * sy + dy * (ky - 1) + 1;
		int wd = (g[0].length - 1) * sx + dx * (kx - 1) + 1;
		double[][] out = new double[h][wd];
		for (int r = 0; r < g.length; r++) {
			for (int c = 0; c < g[0].length; c++) {
				if (g[r][c] == 0) continue;
				for (int ty = 0; ty < ky; ty++) {
					for (int tx = 0; tx < kx; tx++) out[r * sy + ty * dy][c * sx + tx * dx] += g[r][c] * w[ty * kx + tx];
				}
			}
		}
		return out;
	}
}
