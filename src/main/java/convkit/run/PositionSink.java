package convkit.run;

import convkit.engine.Shape;
import convkit.engine.Tensor;
import convkit.geometry.OutputGeometry;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a run's outputs go: an image in ImageJ, a TIFF or {@code .npy} file, later a stream.
 * The runner calls {@link #begin}, then {@link #accept} for every position in order, then
 * {@link #finish} — or {@link #abort} when anything fails or the user cancels, after which
 * nothing of the output may remain (no half-made image, no partial file).
 */
public interface PositionSink {

	/** The file this sink writes, if any (so the output policy can refuse writing over an input). */
	Optional<Path> file();

	/**
	 * Bytes the sink holds until {@link #finish} for an output of {@code positions} positions of
	 * {@code plan} written as {@code pixels} (0 when it streams).
	 */
	long retainedBytes(Shape shape, int positions, OutputPixels pixels);

	/**
	 * Refuses, before any work, an output that cannot hold {@code positions} positions of
	 * {@code plan}; the float results it then accepts are written as {@code pixels} (converted at
	 * {@link #finish}, when the whole result is known).
	 */
	void begin(Shape shape, int positions, OutputPixels pixels) throws IOException;

	/** The output of position {@code p}. */
	void accept(int p, Tensor output) throws IOException;

	/**
	 * Whether {@link #accept} also takes a position's output as consecutive slabs along its slowest
	 * axis — planes of a Conv3D volume, rows of a Conv2D plane — each called with the same
	 * {@code p}, in order.
	 */
	default boolean takesSlabs() {
		return false;
	}

	/** Completes the output, recording its geometry and {@code info} (the settings, for Show Info). */
	void finish(OutputGeometry geometry, String info) throws IOException;

	/** Discards everything written so far. */
	void abort();

	/** A sink that keeps nothing: for a report, or a timing, without an output. */
	static PositionSink discard() {
		return new PositionSink() {
			@Override
			public Optional<Path> file() {
				return Optional.empty();
			}

			@Override
			public long retainedBytes(Shape shape, int positions, OutputPixels pixels) {
				return 0;
			}

			@Override
			public void begin(Shape shape, int positions, OutputPixels pixels) {}

			@Override
			public void accept(int p, Tensor output) {}

			@Override
			public void finish(OutputGeometry geometry, String info) {}

			@Override
			public void abort() {}
		};
	}
}
