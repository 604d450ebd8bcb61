package convkit.engine;

import java.util.Arrays;

/**
 * Convolution weights as the user gave them, before they are read against a convolution's rank
 * (see {@link ConvPlan}): 2 to 5 dimensions, finite values, C order. For Conv2D
 * {@code [C_out, C_in/groups, kH, kW]} as in PyTorch, or {@code [kH, kW]} (the same kernel on every
 * channel, depthwise) and {@code [C_in, kH, kW]} (one output channel); for Conv3D the same with
 * {@code kD} before {@code kH}.
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

	/** A kernel of 2 to 5 dimensions holding a copy of {@code data} (C order). */
	public static Kernel of(float[] data, int... shape) {
		if (shape.length < 2 || shape.length > 5) {
			throw new IllegalArgumentException("kernel shape " + Arrays.toString(shape) + " has " + shape.length
				+ " dimensions; allowed are 2 to 5 ([kH, kW] ... [C_out, C_in/groups, kD, kH, kW])");
		}
		long n = 1;
		for (int s : shape) {
			if (s < 1) {
				throw new IllegalArgumentException("kernel shape " + Arrays.toString(shape)
					+ " is not allowed: every dimension must be at least 1");
			}
			n *= s;
			if (n > Shape.MAX_VALUES) throw new IllegalArgumentException("kernel shape " + Arrays.toString(shape) + " is too large");
		}
		if (n != data.length) {
			throw new IllegalArgumentException("kernel of shape " + Arrays.toString(shape) + " needs " + n + " values, got "
				+ data.length);
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
				throw new IllegalArgumentException("kernel row " + (y + 1) + " has " + rows[y].length + " values, row 1 has " + w
					+ ": rows must be of equal length");
			}
			System.arraycopy(rows[y], 0, d, y * w, w);
		}
		return of(d, h, w);
	}

	/** Number of dimensions: 2 to 5. */
	public int rank() {
		return shape.length;
	}

	/** A copy of the shape. */
	public int[] shape() {
		return shape.clone();
	}

	/** Size of dimension {@code i}. */
	public int dim(int i) {
		return shape[i];
	}

	/** Kernel height (rows): the second-last dimension. */
	public int height() {
		return shape[shape.length - 2];
	}

	/** Kernel width (columns): the last dimension. */
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
