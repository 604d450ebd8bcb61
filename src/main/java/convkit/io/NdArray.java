package convkit.io;

import java.util.Arrays;

/**
 * An n-dimensional float array as read from a file or text: a shape and values in C order.
 * Immutable.
 * <p>
 * Example: {@code NdArray.of(new int[] {2, 2}, new float[] {1, 2, 3, 4}).dim(0) == 2}.
 */
public final class NdArray {

	private final int[] shape;
	private final float[] data;
	private final String dtype;

	private NdArray(int[] shape, float[] data, String dtype) {
		this.shape = shape;
		this.data = data;
		this.dtype = dtype;
	}

	/** An array holding copies of {@code shape} and {@code data}; their sizes must agree. */
	public static NdArray of(int[] shape, float[] data) {
		long n = 1;
		for (int s : shape) {
			if (s < 0) throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has a negative dimension");
			n *= s;
		}
		if (n != data.length) {
			throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " values, got " + data.length);
		}
		return new NdArray(shape.clone(), data.clone(), "float32");
	}

	/** Wraps arrays the caller has just made and hands to nobody else. */
	static NdArray wrap(int[] shape, float[] data) {
		return wrap(shape, data, "float32");
	}

	/** As {@link #wrap(int[], float[])}, read from values of numpy type {@code dtype} (e.g. {@code uint16}). */
	static NdArray wrap(int[] shape, float[] data, String dtype) {
		return new NdArray(shape, data, dtype);
	}

	/** The numpy type the values were read from, e.g. {@code float32}, {@code uint8}; {@code float32} for arrays made in memory. */
	public String dtype() {
		return dtype;
	}

	/** A copy of the shape. */
	public int[] shape() {
		return shape.clone();
	}

	/** Number of dimensions. */
	public int rank() {
		return shape.length;
	}

	/** Size of dimension {@code i}. */
	public int dim(int i) {
		return shape[i];
	}

	/** Number of values. */
	public int size() {
		return data.length;
	}

	/** A copy of the values. */
	public float[] toArray() {
		return data.clone();
	}

	/** The shape as {@code [a, b, ...]}. */
	public String shapeString() {
		return Arrays.toString(shape);
	}

	@Override
	public String toString() {
		return "NdArray" + shapeString();
	}
}
