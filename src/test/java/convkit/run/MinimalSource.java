package convkit.run;

import convkit.engine.Shape;
import convkit.engine.Tensor;
import convkit.geometry.OutputGeometry;

import java.nio.file.Path;
import java.util.Optional;

/** A source that says only what every source must (one 1 x 1 gray plane per position); the rest are {@link PositionSource}'s defaults. */
class MinimalSource implements PositionSource {

	private final String name;
	private final int positions;

	MinimalSource(String name, int positions) {
		this.name = name;
		this.positions = positions;
	}

	@Override
	public String name() {
		return name;
	}

	@Override
	public Optional<Path> file() {
		return Optional.empty();
	}

	@Override
	public Shape shape() {
		return Shape.of(1, 1, 1);
	}

	@Override
	public int positions() {
		return positions;
	}

	@Override
	public Tensor read(int p) {
		return Tensor.of(1, 1, 1, new float[1]);
	}

	@Override
	public int[] offset() {
		return new int[2];
	}

	@Override
	public int[] imageSize() {
		return new int[] { 1, 1 };
	}

	@Override
	public int imageId() {
		return 0;
	}

	@Override
	public Optional<OutputGeometry> geometry() {
		return Optional.empty();
	}
}
