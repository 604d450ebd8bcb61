package convkit.engine;

import java.util.Arrays;

/**
 * An immutable float32 tensor, {@code [C, H, W]} or {@code [C, D, H, W]}, channel-major (C order).
 * <p>
 * Example: {@code Tensor t = Tensor.of(1, 2, 2, new float[] {1, 2, 3, 4}); t.get(0, 1, 0) == 3}.
 */
public final class Tensor {

	private final Shape shape;
	private final float[] data;

	private Tensor(Shape shape, float[] data) {
		this.shape = shape;
		this.data = data;
	}

	/** A {@code [C, H, W]} tensor with a copy of {@code data} (C order). */
	public static Tensor of(int c, int h, int w, float[] data) {
		return of(Shape.of(c, h, w), data);
	}

	/** A tensor of {@code shape} with a copy of {@code data} (C order). */
	public static Tensor of(Shape shape, float[] data) {
		if (data.length != shape.values()) {
			throw new IllegalArgumentException("tensor data has " + data.length + " values, shape " + shape + " needs "
				+ shape.values());
		}
		return new Tensor(shape, data.clone());
	}

	/** Starts a tensor of {@code shape}, filled with zeros, to be set plane by plane. */
	public static Builder builder(Shape shape) {
		return new Builder(shape);
	}

	/** Starts a {@code [C, H, W]} tensor. */
	public static Builder builder(int c, int h, int w) {
		return new Builder(Shape.of(c, h, w));
	}

	/** Wraps an array the engine has just computed and hands out to nobody else. */
	static Tensor wrap(Shape shape, float[] data) {
		return new Tensor(shape, data);
	}

	public Shape shape() {
		return shape;
	}

	public int channels() {
		return shape.channels();
	}

	/** Depth; 1 for a 2-D tensor. */
	public int depth() {
		return shape.depth();
	}

	public int height() {
		return shape.height();
	}

	public int width() {
		return shape.width();
	}

	/** The value at channel {@code c}, row {@code y}, column {@code x} of a 2-D tensor (slice 0 of a 3-D one). */
	public float get(int c, int y, int x) {
		return get(c, 0, y, x);
	}

	/** The value at channel {@code c}, slice {@code z}, row {@code y}, column {@code x}. */
	public float get(int c, int z, int y, int x) {
		if (c < 0 || c >= channels() || z < 0 || z >= depth() || y < 0 || y >= height() || x < 0 || x >= width()) {
			throw new IndexOutOfBoundsException("index [" + c + ", " + z + ", " + y + ", " + x + "] is outside shape " + shape);
		}
		return data[((c * depth() + z) * height() + y) * width() + x];
	}

	/** A copy of channel {@code c}, slice 0, as {@code h·w} values, row by row. */
	public float[] plane(int c) {
		return plane(c, 0);
	}

	/** A copy of channel {@code c}, slice {@code z}, as {@code h·w} values, row by row. */
	public float[] plane(int c, int z) {
		if (c < 0 || c >= channels() || z < 0 || z >= depth()) {
			throw new IndexOutOfBoundsException("plane (channel " + c + ", slice " + z + ") is outside shape " + shape);
		}
		int n = height() * width();
		int at = (c * depth() + z) * n;
		return Arrays.copyOfRange(data, at, at + n);
	}

	/** Copies {@code n} values from C-order index {@code from} into {@code dst} at {@code at} (no copy of the whole). */
	public void copyTo(int from, float[] dst, int at, int n) {
		System.arraycopy(data, from, dst, at, n);
	}

	/** A copy of all values in C order. */
	public float[] toArray() {
		return data.clone();
	}

	/** The backing array, for the engine's algorithms only: they must not modify it. */
	float[] data() {
		return data;
	}

	/** The shape as {@code [C, H, W]} or {@code [C, D, H, W]}. */
	public String shapeString() {
		return shape.toString();
	}

	@Override
	public String toString() {
		return "Tensor" + shape;
	}

	/** Fills a tensor plane by plane; {@link #build()} hands the values over once. */
	public static final class Builder {

		private final Shape shape;
		private float[] data;

		private Builder(Shape shape) {
			this.shape = shape;
			this.data = new float[shape.values()];
		}

		/** Copies {@code h·w} values into channel {@code channel}, slice 0. */
		public Builder setPlane(int channel, float[] values) {
			return setPlane(channel, 0, values);
		}

		/** Copies {@code h·w} values into channel {@code channel}, slice {@code z}. */
		public Builder setPlane(int channel, int z, float[] values) {
			int at = planeStart(channel, z);
			int n = shape.height() * shape.width();
			if (values.length != n) {
				throw new IllegalArgumentException("plane has " + values.length + " values, " + shape.height() + "x" + shape.width()
					+ " needs " + n);
			}
			System.arraycopy(values, 0, data, at, n);
			return this;
		}

		/** As {@link #setPlane(int, int, Object, int, int, int)} into slice 0. */
		public Builder setPlane(int channel, Object pixels, int stride, int x0, int y0) {
			return setPlane(channel, 0, pixels, stride, x0, y0);
		}

		/**
		 * Copies channel {@code channel}, slice {@code z} from the {@code h × w} region at
		 * {@code (x0, y0)} of a row-major image whose rows are {@code stride} values long:
		 * {@code float[]} values as they are, {@code short[]} as unsigned 16-bit, {@code byte[]}
		 * as unsigned 8-bit.
		 *
		 * @throws IllegalArgumentException when the region does not lie inside the image, or the
		 *         pixel type is none of these
		 */
		public Builder setPlane(int channel, int z, Object pixels, int stride, int x0, int y0) {
			int at = planeStart(channel, z);
			int w = shape.width();
			int h = shape.height();
			int length = java.lang.reflect.Array.getLength(pixels);
			if (x0 < 0 || y0 < 0 || x0 + w > stride || (long) (y0 + h - 1) * stride + x0 + w > length) {
				throw new IllegalArgumentException("region " + w + "x" + h + " at (" + x0 + ", " + y0 + ") is outside an image of "
					+ length + " values, " + stride + " a row");
			}
			for (int y = 0; y < h; y++) {
				int from = (y0 + y) * stride + x0;
				int to = at + y * w;
				if (pixels instanceof float[]) {
					System.arraycopy(pixels, from, data, to, w);
				}
				else if (pixels instanceof short[]) {
					short[] px = (short[]) pixels;
					for (int x = 0; x < w; x++) data[to + x] = px[from + x] & 0xffff;
				}
				else if (pixels instanceof byte[]) {
					byte[] px = (byte[]) pixels;
					for (int x = 0; x < w; x++) data[to + x] = px[from + x] & 0xff;
				}
				else {
					throw new IllegalArgumentException("pixels of type " + pixels.getClass().getSimpleName()
						+ " are not float[], short[] or byte[]");
				}
			}
			return this;
		}

		/** Sets one value of a 2-D tensor (slice 0). */
		public Builder set(int channel, int y, int x, float value) {
			return set(channel, 0, y, x, value);
		}

		/** Sets one value. */
		public Builder set(int channel, int z, int y, int x, float value) {
			int at = planeStart(channel, z);
			if (y < 0 || y >= shape.height() || x < 0 || x >= shape.width()) {
				throw new IndexOutOfBoundsException("pixel (" + x + ", " + y + ") is outside " + shape);
			}
			data[at + y * shape.width() + x] = value;
			return this;
		}

		/** The finished tensor; the builder cannot be used afterwards. */
		public Tensor build() {
			checkOpen();
			Tensor t = new Tensor(shape, data);
			data = null;
			return t;
		}

		private int planeStart(int channel, int z) {
			checkOpen();
			if (channel < 0 || channel >= shape.channels() || z < 0 || z >= shape.depth()) {
				throw new IndexOutOfBoundsException("plane (channel " + channel + ", slice " + z + ") is outside " + shape);
			}
			return (channel * shape.depth() + z) * shape.height() * shape.width();
		}

		private void checkOpen() {
			if (data == null) throw new IllegalStateException("this builder has already built its tensor");
		}
	}
}
