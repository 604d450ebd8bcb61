package convkit.engine;

import java.util.Arrays;

/**
 * Convolution weights as the user gave them: {@code [C_out, C_in/groups, kH, kW]} as in PyTorch,
 * or one of the shorter conveniences: {@code [kH, kW]} (the same kernel on every channel on its
 * own, depthwise) and {@code [C_in, kH, kW]} (one output channel).
 * <p>
 * Example: {@code Kernel.of(new float[] {0, 1, 0, 1, -4, 1, 0, 1, 0}, 3, 3)}.
 */
public final class Kernel {

	private final int[] shape;
	private final float[] data;

	private Kernel(int[] shape, float[] data) {
		this.shape = shape;
		this.data = data;
	}

	/** A kernel of 2, 3 or 4 dimensions holding a copy of {@code data} (C order). */
	public static Kernel of(float[] data, int... shape) {
		if (shape.length < 2 || shape.length > 4) {
			throw new IllegalArgumentException("kernel shape " + Arrays.toString(shape)
				+ " has " + shape.length + " dimensions; allowed are [kH, kW], [C_in, kH, kW] and"
				+ " [C_out, C_in/groups, kH, kW]");
		}
		long n = 1;
		for (int s : shape) {
			if (s < 1) {
				throw new IllegalArgumentException("kernel shape " + Arrays.toString(shape)
					+ " is not allowed: every dimension must be at least 1");
			}
			n *= s;
		}
		if (n != data.length) {
			throw new IllegalArgumentException("kernel of shape " + Arrays.toString(shape) + " needs "
				+ n + " values, got " + data.length);
		}
		for (int i = 0; i < data.length; i++) {
			if (!Float.isFinite(data[i])) {
				throw new IllegalArgumentException("kernel value " + data[i] + " at index " + i
					+ " is not allowed: weights must be finite numbers");
			}
		}
		return new Kernel(shape.clone(), data.clone());
	}

	/** A 2-D kernel from rows of equal length. */
	public static Kernel of2d(float[][] rows) {
		int h = rows.length;
		int w = h == 0 ? 0 : rows[0].length;
		float[] d = new float[h * w];
		for (int y = 0; y < h; y++) {
			if (rows[y].length != w) {
				throw new IllegalArgumentException("kernel row " + (y + 1) + " has " + rows[y].length
					+ " values, row 1 has " + w + ": rows must be of equal length");
			}
			System.arraycopy(rows[y], 0, d, y * w, w);
		}
		return of(d, h, w);
	}

	/** Number of dimensions: 2, 3 or 4. */
	public int rank() {
		return shape.length;
	}

	/** A copy of the shape. */
	public int[] shape() {
		return shape.clone();
	}

	/** Kernel height (rows). */
	public int height() {
		return shape[shape.length - 2];
	}

	/** Kernel width (columns). */
	public int width() {
		return shape[shape.length - 1];
	}

	/** A copy of the values, C order. */
	public float[] toArray() {
		return data.clone();
	}

	/** The backing array, for the engine only: it must not be modified. */
	float[] data() {
		return data;
	}

	/** The shape as {@code [a, b, ...]}. */
	public String shapeString() {
		return Arrays.toString(shape);
	}

	@Override
	public String toString() {
		return "Kernel" + shapeString();
	}
}
