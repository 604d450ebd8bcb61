package convkit.files;

import convkit.engine.Shape;
import convkit.engine.Tensor;
import convkit.geometry.OutputGeometry;
import convkit.run.PositionSource;

import java.nio.file.Path;
import java.util.Optional;

/** A {@code .npy} file as the runner's input: one tensor, {@code [C, H, W]} or {@code [C, D, H, W]}. */
final class NpySource implements PositionSource {

	private final Path file;
	private final Tensor tensor;
	private final String dtype;

	NpySource(Path file, Tensor tensor, String dtype) {
		this.file = file;
		this.tensor = tensor;
		this.dtype = dtype;
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
		return tensor.shape();
	}

	@Override
	public int positions() {
		return 1;
	}

	@Override
	public Tensor read(int p) {
		if (p != 0) throw new IndexOutOfBoundsException("a .npy input has one position, not " + (p + 1));
		return tensor;
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
	public String pixelType() {
		return dtype;
	}
}
