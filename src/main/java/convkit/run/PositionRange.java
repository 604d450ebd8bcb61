package convkit.run;

import convkit.engine.Shape;
import convkit.engine.Tensor;
import convkit.geometry.OutputGeometry;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Positions {@code [from, to)} of a source as a source of their own (a piece of a stack run on
 * another machine): position {@code p} is the source's {@code from + p}; everything else is the
 * source's.
 */
public final class PositionRange implements PositionSource {

	private final PositionSource source;
	private final int from;
	private final int to;

	/** Positions {@code [from, to)} of {@code source}; refuses a range outside it. */
	public PositionRange(PositionSource source, int from, int to) {
		if (from < 0 || to > source.positions() || from >= to) {
			throw new IllegalArgumentException("positions " + from + ".." + to + " are not inside 0.." + source.positions() + " of '"
				+ source.name() + "'");
		}
		this.source = source;
		this.from = from;
		this.to = to;
	}

	@Override
	public String name() {
		return source.name();
	}

	@Override
	public Optional<Path> file() {
		return source.file();
	}

	@Override
	public Shape shape() {
		return source.shape();
	}

	@Override
	public int positions() {
		return to - from;
	}

	@Override
	public Tensor read(int p) throws IOException {
		check(p);
		return source.read(from + p);
	}

	/** Whether the source reads slabs: then a range's planes are read a slab at a time too, as the whole stack's would be. */
	@Override
	public boolean readsSlabs() {
		return source.readsSlabs();
	}

	@Override
	public Tensor readSlab(int p, int[] at, float fill) throws IOException {
		check(p);
		return source.readSlab(from + p, at, fill);
	}

	private void check(int p) {
		if (p < 0 || p >= positions()) throw new IndexOutOfBoundsException("position " + p + " of " + positions());
	}

	@Override
	public int[] offset() {
		return source.offset();
	}

	@Override
	public int[] imageSize() {
		return source.imageSize();
	}

	@Override
	public int imageId() {
		return source.imageId();
	}

	@Override
	public Optional<OutputGeometry> geometry() {
		return source.geometry();
	}

	@Override
	public convkit.geometry.SpatialCalibration spatialCalibration() {
		return source.spatialCalibration();
	}

	@Override
	public boolean readByImageJ() {
		return source.readByImageJ();
	}

	@Override
	public boolean isArray() {
		return source.isArray();
	}

	@Override
	public int bitDepth() {
		return source.bitDepth();
	}

	@Override
	public String pixelType() {
		return source.pixelType();
	}

	@Override
	public boolean streamed() {
		return source.streamed();
	}
}
