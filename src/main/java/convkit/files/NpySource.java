package convkit.files;

import convkit.engine.Shape;
import convkit.engine.Tensor;
import convkit.geometry.OutputGeometry;
import convkit.run.PositionSource;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A {@code .npy} file as the runner's input: one tensor, {@code [C, H, W]} or {@code [C, D, H, W]},
 * or a batch of them as PyTorch writes it, {@code [N, C, H, W]} or {@code [N, C, D, H, W]}: each
 * sample is a position, and a {@code .npy} output keeps the batch axis.
 */
final class NpySource implements PositionSource {

	private final Path file;
	private final Shape shape;
	private final float[] values;
	private final int samples;
	private final boolean batched;
	private final String dtype;

	/** {@code samples} tensors of {@code shape} in {@code values} (C order); {@code batched}: the file has a batch axis. */
	NpySource(Path file, Shape shape, float[] values, int samples, boolean batched, String dtype) {
		this.file = file;
		this.shape = shape;
		this.values = values;
		this.samples = samples;
		this.batched = batched;
		this.dtype = dtype;
	}

	@Override
	public boolean batched() {
		return batched;
	}

	@Override
	public String name() {
		return file.getFileName().toString();
	}

	@Override
	public Optional<Path> file() {
		return Optional.of(file);
	}

	@Override
	public Shape shape() {
		return shape;
	}

	@Override
	public int positions() {
		return samples;
	}

	@Override
	public Tensor read(int p) {
		if (p < 0 || p >= samples) throw new IndexOutOfBoundsException("'" + name() + "' has " + samples + " samples, not " + (p + 1));
		long size = shape.values();
		if (samples == 1) return Tensor.of(shape, values);
		return Tensor.of(shape, java.util.Arrays.copyOfRange(values, (int) (p * size), (int) ((p + 1) * size)));
	}

	@Override
	public int[] offset() {
		return new int[shape().rank()];
	}

	@Override
	public int[] imageSize() {
		Shape s = shape();
		return s.rank() == 3 ? new int[] { s.width(), s.height(), s.depth() } : new int[] { s.width(), s.height() };
	}

	@Override
	public int imageId() {
		return 0;
	}

	@Override
	public Optional<OutputGeometry> geometry() {
		return Optional.empty();
	}

	@Override
	public int bitDepth() {
		switch (dtype) {
			case "uint8":
				return 8;
			case "uint16":
				return 16;
			case "float32":
			case "float64":
				return 32;
			default:
				return 0;
		}
	}

	@Override
	public boolean isArray() {
		return true;
	}

	@Override
	public String pixelType() {
		return dtype;
	}
}
