package convkit.engine;

/**
 * Max and average pooling as PyTorch computes them ({@code MaxPool2d/3d}, {@code AvgPool2d/3d}):
 * windows start at {@code o·s − p}; a max ignores the padding (a NaN in a window gives NaN), an
 * average sums what lies in the input and divides by the window clipped to the padded input
 * ({@code count_include_pad}) or by the values summed. Prepared for one input shape; immutable.
 * <p>
 * Example: {@code Pooling.of(Shape.of(1, 4, 4), PoolSpec.max(2, new int[] {2}, null, new int[] {0}, new int[] {1}, false)).run(t, exec)}.
 */
public final class Pooling {

	private final PoolSpec spec;
	private final Shape input;
	private final Shape output;
	/** Per axis (x, y, z): for every output index, the first input index, the number of inputs read, and the divisor's factor. */
	private final int[][] first = new int[3][];
	private final int[][] count = new int[3][];
	private final int[][] factor = new int[3][];

	private Pooling(PoolSpec spec, Shape input, Shape output) {
		this.spec = spec;
		this.input = input;
		this.output = output;
		for (Axis a : Axis.values()) {
			int i = a.ordinal();
			int outSize = a == Axis.X ? output.width() : a == Axis.Y ? output.height() : output.depth();
			int n = input.size(a);
			first[i] = new int[outSize];
			count[i] = new int[outSize];
			factor[i] = new int[outSize];
			int k = spec.kernel(a), s = spec.stride(a), p = spec.padding(a), d = spec.dilation(a);
			for (int o = 0; o < outSize; o++) {
				int start = o * s - p;
				if (spec.kind() == PoolSpec.Kind.MAX) {
					int j0 = start >= 0 ? 0 : (-start + d - 1) / d;
					int j = j0;
					while (j < k && start + j * d < n) j++;
					first[i][o] = start + j0 * d;
					count[i][o] = Math.max(0, j - j0);
				}
				else {
					int end = Math.min(start + k, n + p);
					int lo = Math.max(start, 0);
					int hi = Math.min(end, n);
					first[i][o] = lo;
					count[i][o] = Math.max(0, hi - lo);
					factor[i][o] = spec.countIncludePad() ? end - start : Math.max(0, hi - lo);
				}
			}
		}
	}

	/** Prepares pooling of an input of {@code shape} (the spec's rank); refuses a window that leaves no output. */
	public static Pooling of(Shape shape, PoolSpec spec) {
		int rank = spec.rank();
		if (shape.rank() != rank) {
			throw new IllegalArgumentException("a " + rank + "-D pool needs a " + (rank == 3 ? "[C, D, H, W]" : "[C, H, W]") + " input, but the input is "
				+ shape);
		}
		int ow = spec.outputSize(Axis.X, shape.width());
		int oh = spec.outputSize(Axis.Y, shape.height());
		int od = rank == 3 ? spec.outputSize(Axis.Z, shape.depth()) : 1;
		return new Pooling(spec, shape, Shape.of(rank, shape.channels(), od, oh, ow));
	}

	public Shape inputShape() {
		return input;
	}

	public Shape outputShape() {
		return output;
	}

	/** Pools {@code in}, whose shape must be {@link #inputShape()}. */
	public Tensor run(Tensor in, Execution exec) {
		if (!in.shape().equals(input)) throw new IllegalArgumentException("input " + in.shapeString() + " does not match the prepared input " + input);
		float[] src = in.data();
		float[] dst = new float[output.values()];
		int od = output.depth();
		boolean max = spec.kind() == PoolSpec.Kind.MAX;
		BlockRunner.forEach(output.channels() * od, exec, task -> {
			int c = task / od;
			int z = task % od;
			if (max) maxPlane(src, dst, c, z);
			else avgPlane(src, dst, c, z);
		});
		return Tensor.wrap(output, dst);
	}

	private void maxPlane(float[] src, float[] dst, int c, int oz) {
		int iw = input.width(), ih = input.height(), id = input.depth();
		int ow = output.width(), oh = output.height();
		int dx = spec.dilation(Axis.X), dy = spec.dilation(Axis.Y), dz = spec.dilation(Axis.Z);
		int at = ((c * output.depth() + oz) * oh) * ow;
		for (int oy = 0; oy < oh; oy++) {
			for (int ox = 0; ox < ow; ox++) {
				float m = Float.NEGATIVE_INFINITY;
				for (int jz = 0, z = first[2][oz]; jz < count[2][oz]; jz++, z += dz) {
					for (int jy = 0, y = first[1][oy]; jy < count[1][oy]; jy++, y += dy) {
						int row = ((c * id + z) * ih + y) * iw;
						for (int jx = 0, x = first[0][ox]; jx < count[0][ox]; jx++, x += dx) {
							float v = src[row + x];
							if (v > m || Float.isNaN(v)) m = v; // a NaN stays: nothing is greater than it
						}
					}
				}
				dst[at++] = m;
			}
		}
	}

	private void avgPlane(float[] src, float[] dst, int c, int oz) {
		int iw = input.width(), ih = input.height(), id = input.depth();
		int ow = output.width(), oh = output.height();
		int at = ((c * output.depth() + oz) * oh) * ow;
		for (int oy = 0; oy < oh; oy++) {
			for (int ox = 0; ox < ow; ox++) {
				int divisor = factor[0][ox] * factor[1][oy] * factor[2][oz];
				if (count[0][ox] == 0 || count[1][oy] == 0 || count[2][oz] == 0) {
					dst[at++] = 0f;
					continue;
				}
				float sum = 0f;
				for (int jz = 0, z = first[2][oz]; jz < count[2][oz]; jz++, z++) {
					for (int jy = 0, y = first[1][oy]; jy < count[1][oy]; jy++, y++) {
						int row = ((c * id + z) * ih + y) * iw;
						for (int jx = 0, x = first[0][ox]; jx < count[0][ox]; jx++, x++) sum += src[row + x];
					}
				}
				dst[at++] = sum / divisor;
			}
		}
	}
}
