package convkit.files;

import convkit.engine.Shape;
import convkit.engine.Tensor;
import convkit.geometry.OutputGeometry;
import convkit.geometry.SpatialCalibration;
import convkit.run.OutputPlanes;
import convkit.io.AtomicOutput;
import convkit.run.OutputPixels;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A hyperstack TIFF written plane by plane as the run makes them, for a stack larger than the
 * heap: the planes go to a temporary file as they arrive, then the directories, description and
 * metadata after them ({@link TiffWriter#writeTrailer}), then the file is renamed to its name.
 * Memory holds one plane, not the stack; the file opens in ImageJ as the in-memory writer's does.
 * {@code convert=rescale} needs the whole result's range before the first value is converted: its
 * float planes wait in a second temporary file and are converted at the end.
 */
final class StreamedTiffSink extends TiffFileSink {

	private Shape shape;
	private OutputPixels pixels;
	private int planeCount;
	private int written;
	/** Rows of the current position's planes written so far (Conv2D positions that arrive as bands of rows). */
	private int rowsDone;
	private final List<String> labels = new ArrayList<>();
	private float[] range;
	private StreamedTiffFile file;
	private AtomicOutput.Pending scratch;
	private FileChannel floats;

	StreamedTiffSink(Path target, Path temporaryDir, SpatialCalibration inputCalibration, int slices, int frames) {
		super(target, temporaryDir, inputCalibration, slices, frames);
	}

	@Override
	public long retainedBytes(Shape shape, int positions, OutputPixels px) {
		return 0; // one plane at a time, inside the run's own
	}

	@Override
	public void begin(Shape shape, int positions, OutputPixels px) throws IOException {
		OutputPlanes.checkPositions(positions, slices, frames);
		this.shape = shape;
		pixels = px;
		planeCount = positions * shape.channels() * (shape.rank() == 3 ? shape.depth() : 1);
		range = OutputPixels.emptyRange();
		file = StreamedTiffFile.create(target, temporaryDir, planeCount, shape.width(), shape.height(), px.bits());
		if (px.needsRange()) {
			scratch = AtomicOutput.begin(target.resolveSibling(target.getFileName() + ".floats"), temporaryDir);
			scratch.write(tmp -> floats = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
				StandardOpenOption.WRITE));
		}
	}

	@Override
	public boolean takesSlabs() {
		return true; // planes and rows are written at their places; labels follow from how many came before
	}

	@Override
	public void accept(int p, Tensor out) throws IOException {
		if (shape.rank() == 2) acceptRows(p, out);
		else acceptPlanes(p, out);
	}

	/** Conv3D: whole planes of position {@code p} (a volume, or the next slab of it), written after the planes before them. */
	private void acceptPlanes(int p, Tensor out) throws IOException {
		int depth = shape.depth();
		for (int d = 0; d < out.depth(); d++) {
			for (int c = 0; c < out.channels(); c++) {
				int index = written++; // this plane's place in the stack: position, then z, then channel
				if (index / (depth * shape.channels()) != p) throw new IllegalStateException("position " + p + " arrived out of order");
				labels.add(OutputPlanes.label(3, slices, frames, p, index % shape.channels(), index / shape.channels() % depth));
				write(index, 0, out.plane(c, d));
			}
		}
	}

	/**
	 * Conv2D: rows of position {@code p}'s planes — the whole planes, or the next band of them —
	 * written at their places; the planes complete with their last rows.
	 */
	private void acceptRows(int p, Tensor out) throws IOException {
		int channels = shape.channels();
		if (written != p * channels) throw new IllegalStateException("position " + p + " arrived out of order");
		for (int c = 0; c < channels; c++) write(written + c, rowsDone, out.plane(c));
		rowsDone += out.height();
		if (rowsDone > shape.height()) throw new IllegalStateException(rowsDone + " rows of a " + shape.height() + "-row plane");
		if (rowsDone == shape.height()) {
			for (int c = 0; c < channels; c++) labels.add(OutputPlanes.label(2, slices, frames, p, c, 0));
			written += channels;
			rowsDone = 0;
		}
	}

	/**
	 * Rows of plane {@code index} from row {@code y0}: converted into the file, or for
	 * {@code convert=rescale} kept as floats (their range widened) until the whole range is known.
	 */
	private void write(int index, int y0, float[] rows) throws IOException {
		int w = shape.width();
		if (floats == null) {
			file.writeRows(index, y0, w * pixels.bytesPerValue(), pixels.convert(rows, range));
			return;
		}
		OutputPixels.widen(range, rows, 0, rows.length);
		ByteBuffer b = StreamedTiffFile.bytes(rows);
		long at = 4L * ((long) index * w * shape.height() + (long) y0 * w);
		while (b.hasRemaining()) at += floats.write(b, at);
	}

	@Override
	public void finish(OutputGeometry geometry, String info) throws IOException {
		if (rowsDone != 0) throw new IllegalStateException("a plane ended after " + rowsDone + " rows");
		if (floats != null) convertScratch();
		file.finish(displayRange -> new TiffWriter(shape.width(), shape.height(), shape.channels(), shape.rank() == 3
			? shape.depth() : slices, frames, pixels.bits(), planeCount, displayRange, labels, inputCalibration.after(geometry), info,
			geometry.toProperties()));
		file = null;
	}

	/**
	 * {@code convert=rescale}: the float planes, now that the whole range is known, converted into
	 * the output a band of rows at a time (a plane may be larger than the heap).
	 */
	private void convertScratch() throws IOException {
		int w = shape.width();
		int h = shape.height();
		int band = Math.max(1, Math.min(h, (1 << 20) / w));
		ByteBuffer b = ByteBuffer.allocate(4 * w * band).order(ByteOrder.BIG_ENDIAN);
		for (int i = 0; i < planeCount; i++) {
			for (int y0 = 0; y0 < h; y0 += band) {
				int rows = Math.min(band, h - y0);
				b.clear();
				b.limit(4 * w * rows);
				long at = 4L * ((long) i * w * h + (long) y0 * w);
				while (b.hasRemaining()) {
					if (floats.read(b, at + b.position()) < 0) throw new IOException("the temporary float planes ended early");
				}
				b.flip();
				float[] v = new float[w * rows];
				b.asFloatBuffer().get(v);
				file.writeRows(i, y0, w * pixels.bytesPerValue(), pixels.convert(v, range));
			}
		}
		floats.close();
		floats = null;
		scratch.discard();
		scratch = null;
	}

	@Override
	public void abort() {
		if (floats != null) {
			try {
				floats.close();
			}
			catch (IOException e) {
				System.err.println("convkit: could not close a temporary file: " + e.getMessage());
			}
		}
		floats = null;
		if (file != null) file.discard();
		if (scratch != null) scratch.discard();
		file = null;
		scratch = null;
	}
}
