package convkit.run;

import convkit.engine.Shape;
import convkit.engine.Tensor;

/**
 * What a sink that keeps a run's output planes until the end (a new image, a whole TIFF) does
 * with them — its memory, its start, each position's planes — in one place for every such sink.
 * The sink delegates {@link PositionSink#retainedBytes}, {@link PositionSink#begin},
 * {@link PositionSink#accept} and {@link PositionSink#abort} here and builds its output from
 * {@link #take} in {@link PositionSink#finish}.
 */
public final class PlaneCollector {

	private final int slices;
	private final int frames;
	private Shape shape;
	private OutputPixels pixels;
	private OutputPlanes planes;

	/** A collector for outputs of a source with {@code slices} z positions (Conv2D; 1 for Conv3D) and {@code frames} frames. */
	public PlaneCollector(int slices, int frames) {
		this.slices = slices;
		this.frames = frames;
	}

	/** The bytes the kept planes take. */
	public long retainedBytes(Shape shape, int positions, OutputPixels px) {
		return OutputPlanes.retainedBytes(shape, positions, px);
	}

	/** Starts a run of {@code positions} positions of output {@code shape} with output pixels {@code px}. */
	public void begin(Shape shape, int positions, OutputPixels px) {
		planes = new OutputPlanes(shape, positions, slices, frames);
		this.shape = shape;
		pixels = px;
	}

	/** Keeps position {@code position}'s output. */
	public void accept(int position, Tensor out) {
		planes.add(position, out);
	}

	/** Each position's output shape. */
	public Shape shape() {
		return shape;
	}

	/** The run's output pixels. */
	public OutputPixels pixels() {
		return pixels;
	}

	/** The kept planes, handed over once (the collector keeps none afterwards). */
	public OutputPlanes take() {
		OutputPlanes p = planes;
		planes = null;
		return p;
	}

	/** Drops the kept planes. */
	public void abort() {
		planes = null;
	}
}
