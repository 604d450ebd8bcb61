package convkit.engine;

import java.util.Arrays;

/**
 * An immutable float32 tensor of shape {@code [C, H, W]}, channel-major.
 * <p>
 * Example: {@code Tensor t = Tensor.of(1, 2, 2, new float[] {1, 2, 3, 4}); t.get(0, 1, 0) == 3}.
 */
public final class Tensor {

	private final int channels;
	private final int height;
	private final int width;
	private final float[] data;

	private Tensor(int channels, int height, int width, float[] data) {
		this.channels = channels;
		this.height = height;
		this.width = width;
		this.data = data;
	}

	/** A tensor with a copy of {@code data}, which holds {@code c·h·w} values in C, H, W order. */
	public static Tensor of(int c, int h, int w, float[] data) {
		checkShape(c, h, w);
		if (data.length != (long) c * h * w) {
			throw new IllegalArgumentException("tensor data has " + data.length + " values, shape [" + c
				+ ", " + h + ", " + w + "] needs " + (long) c * h * w);
		}
		return new Tensor(c, h, w, data.clone());
	}

	/** Starts a tensor of the given shape, filled with zeros, to be set plane by plane. */
	public static Builder builder(int c, int h, int w) {
		return new Builder(c, h, w);
	}

	/** Wraps an array the engine has just computed and hands out to nobody else. */
	static Tensor wrap(int c, int h, int w, float[] data) {
		return new Tensor(c, h, w, data);
	}

	private static void checkShape(int c, int h, int w) {
		if (c < 1 || h < 1 || w < 1) {
			throw new IllegalArgumentException("tensor shape [" + c + ", " + h + ", " + w
				+ "] is not allowed: every dimension must be at least 1");
		}
		if ((long) c * h * w > Integer.MAX_VALUE - 8) {
			throw new IllegalArgumentException("tensor shape [" + c + ", " + h + ", " + w
				+ "] has more than " + (Integer.MAX_VALUE - 8) + " values");
		}
	}

	public int channels() {
		return channels;
	}

	public int height() {
		return height;
	}

	public int width() {
		return width;
	}

	/** The value at channel {@code c}, row {@code y}, column {@code x}. */
	public float get(int c, int y, int x) {
		if (c < 0 || c >= channels || y < 0 || y >= height || x < 0 || x >= width) {
			throw new IndexOutOfBoundsException("index [" + c + ", " + y + ", " + x
				+ "] is outside shape " + shapeString());
		}
		return data[(c * height + y) * width + x];
	}

	/** A copy of channel {@code c} as {@code h·w} values, row by row. */
	public float[] plane(int c) {
		if (c < 0 || c >= channels) {
			throw new IndexOutOfBoundsException("channel " + c + " is outside 0.." + (channels - 1));
		}
		int n = height * width;
		return Arrays.copyOfRange(data, c * n, (c + 1) * n);
	}

	/** A copy of all values in C, H, W order. */
	public float[] toArray() {
		return data.clone();
	}

	/** The backing array, for the engine's algorithms only: they must not modify it. */
	float[] data() {
		return data;
	}

	/** {@code "[C, H, W]"}. */
	public String shapeString() {
		return "[" + channels + ", " + height + ", " + width + "]";
	}

	@Override
	public String toString() {
		return "Tensor" + shapeString();
	}

	/** Fills a tensor plane by plane; {@link #build()} hands the values over once. */
	public static final class Builder {

		private final int c;
		private final int h;
		private final int w;
		private float[] data;

		private Builder(int c, int h, int w) {
			checkShape(c, h, w);
			this.c = c;
			this.h = h;
			this.w = w;
			this.data = new float[c * h * w];
		}

		/** Copies {@code h·w} values into channel {@code channel}. */
		public Builder setPlane(int channel, float[] values) {
			checkOpen();
			if (channel < 0 || channel >= c) {
				throw new IndexOutOfBoundsException("channel " + channel + " is outside 0.." + (c - 1));
			}
			if (values.length != h * w) {
				throw new IllegalArgumentException("plane has " + values.length + " values, "
					+ h + "x" + w + " needs " + h * w);
			}
			System.arraycopy(values, 0, data, channel * h * w, values.length);
			return this;
		}

		/**
		 * Copies channel {@code channel} from the {@code h × w} region at {@code (x0, y0)} of a
		 * row-major image whose rows are {@code stride} values long: {@code float[]} values as
		 * they are, {@code short[]} as unsigned 16-bit, {@code byte[]} as unsigned 8-bit.
		 *
		 * @throws IllegalArgumentException when the region does not lie inside the image, or the
		 *         pixel type is none of these
		 */
		public Builder setPlane(int channel, Object pixels, int stride, int x0, int y0) {
			checkOpen();
			if (channel < 0 || channel >= c) {
				throw new IndexOutOfBoundsException("channel " + channel + " is outside 0.." + (c - 1));
			}
			int length = java.lang.reflect.Array.getLength(pixels);
			if (x0 < 0 || y0 < 0 || x0 + w > stride || (long) (y0 + h - 1) * stride + x0 + w > length) {
				throw new IllegalArgumentException("region " + w + "x" + h + " at (" + x0 + ", " + y0 + ") is outside an image of "
					+ length + " values, " + stride + " a row");
			}
			for (int y = 0; y < h; y++) {
				int from = (y0 + y) * stride + x0;
				int to = (channel * h + y) * w;
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

		/** Sets one value. */
		public Builder set(int channel, int y, int x, float value) {
			checkOpen();
			data[(channel * h + y) * w + x] = value;
			return this;
		}

		/** The finished tensor; the builder cannot be used afterwards. */
		public Tensor build() {
			checkOpen();
			Tensor t = new Tensor(c, h, w, data);
			data = null;
			return t;
		}

		private void checkOpen() {
			if (data == null) throw new IllegalStateException("this builder has already built its tensor");
		}
	}
}
