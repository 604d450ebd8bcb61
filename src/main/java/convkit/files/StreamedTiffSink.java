package convkit.files;

import convkit.engine.ConvPlan;
import convkit.engine.Tensor;
import convkit.geometry.OutputGeometry;
import convkit.geometry.SpatialCalibration;
import convkit.image.OutputPlanes;
import convkit.io.AtomicOutput;
import convkit.run.OutputPixels;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
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

	private ConvPlan plan;
	private OutputPixels pixels;
	private int planeCount;
	private final List<String> labels = new ArrayList<>();
	private double[] displayRange;
	private float[] range;
	private AtomicOutput.Pending output;
	private FileChannel data;
	private AtomicOutput.Pending scratch;
	private FileChannel floats;

	StreamedTiffSink(Path target, Path temporaryDir, SpatialCalibration inputCalibration, int slices, int frames) {
		super(target, temporaryDir, inputCalibration, slices, frames);
	}

	@Override
	public long retainedBytes(ConvPlan p, int positions, OutputPixels px) {
		return 0; // one plane at a time, inside the run's own
	}

	@Override
	public void begin(ConvPlan p, int positions, OutputPixels px) throws IOException {
		if (positions != slices * frames) {
			throw new IllegalArgumentException(positions + " positions do not make " + slices + " slices x " + frames + " frames");
		}
		plan = p;
		pixels = px;
		planeCount = positions * p.outChannels() * (p.rank() == 3 ? p.outputDepth() : 1);
		long bytes = TiffWriter.STREAMED_DATA_AT + (long) planeCount * p.outputWidth() * p.outputHeight() * px.bytesPerValue();
		TiffWriter.checkSize(bytes); // the planes alone: refused before any work
		range = OutputPixels.emptyRange();
		output = AtomicOutput.begin(target, temporaryDir);
		output.write(tmp -> data = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
		ByteBuffer header = ByteBuffer.allocate((int) TiffWriter.STREAMED_DATA_AT).order(ByteOrder.BIG_ENDIAN);
		header.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(0).flip();
		writeAll(data, header);
		if (px.needsRange()) {
			scratch = AtomicOutput.begin(target.resolveSibling(target.getFileName() + ".floats"), temporaryDir);
			scratch.write(tmp -> floats = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
				StandardOpenOption.WRITE));
		}
	}

	@Override
	public void accept(int p, Tensor out) throws IOException {
		for (int d = 0; d < out.depth(); d++) {
			for (int c = 0; c < out.channels(); c++) {
				labels.add(OutputPlanes.label(plan.rank(), slices, frames, p, c, d));
				float[] v = out.plane(c, d);
				if (floats != null) {
					OutputPixels.widen(range, v, 0, v.length);
					writeAll(floats, bytes(v));
				}
				else {
					writePlane(v);
				}
			}
		}
	}

	/** Writes {@code v} as the output's pixel type, after the planes before it. */
	private void writePlane(float[] v) throws IOException {
		Object plane = pixels.isFloat() ? v : pixels.bits() == 8 ? pixels.toBytes(v, range) : pixels.toShorts(v, range);
		if (displayRange == null) displayRange = TiffWriter.displayRange(plane);
		writeAll(data, bytes(plane));
	}

	private static ByteBuffer bytes(Object plane) {
		if (plane instanceof byte[]) return ByteBuffer.wrap((byte[]) plane);
		ByteBuffer b;
		if (plane instanceof short[]) {
			short[] s = (short[]) plane;
			b = ByteBuffer.allocate(2 * s.length).order(ByteOrder.BIG_ENDIAN);
			b.asShortBuffer().put(s);
		}
		else {
			float[] f = (float[]) plane;
			b = ByteBuffer.allocate(4 * f.length).order(ByteOrder.BIG_ENDIAN);
			b.asFloatBuffer().put(f);
		}
		return b;
	}

	private static void writeAll(FileChannel ch, ByteBuffer b) throws IOException {
		while (b.hasRemaining()) ch.write(b);
	}

	@Override
	public void finish(OutputGeometry geometry, String info) throws IOException {
		if (floats != null) convertScratch();
		TiffWriter writer = new TiffWriter(plan.outputWidth(), plan.outputHeight(), plan.outChannels(), plan.rank() == 3
			? plan.outputDepth() : slices, frames, pixels.bits(), planeCount, displayRange, labels, inputCalibration.after(geometry), info,
			geometry.toProperties());
		writer.checkSize();
		if (data.position() != writer.trailerAt()) throw new IllegalStateException(data.position() + " bytes of planes, not " + writer.trailerAt());
		writer.writeTrailer(Channels.newOutputStream(data));
		ByteBuffer first = ByteBuffer.allocate(4).order(ByteOrder.BIG_ENDIAN).putInt((int) writer.trailerAt());
		first.flip();
		while (first.hasRemaining()) data.write(first, 4 + first.position());
		data.close();
		data = null;
		output.commit();
		output = null;
	}

	/** {@code convert=rescale}: the float planes, now that the whole range is known, converted into the output. */
	private void convertScratch() throws IOException {
		int n = plan.outputWidth() * plan.outputHeight();
		ByteBuffer b = ByteBuffer.allocate(4 * n).order(ByteOrder.BIG_ENDIAN);
		for (int i = 0; i < planeCount; i++) {
			b.clear();
			long at = 4L * n * i;
			while (b.hasRemaining()) {
				if (floats.read(b, at + b.position()) < 0) throw new IOException("the temporary float planes ended early");
			}
			b.flip();
			float[] v = new float[n];
			b.asFloatBuffer().get(v);
			writePlane(v);
		}
		floats.close();
		floats = null;
		scratch.discard();
		scratch = null;
	}

	@Override
	public void abort() {
		closeQuietly(data);
		closeQuietly(floats);
		data = null;
		floats = null;
		if (output != null) output.discard();
		if (scratch != null) scratch.discard();
		output = null;
		scratch = null;
	}

	private static void closeQuietly(FileChannel ch) {
		if (ch == null) return;
		try {
			ch.close();
		}
		catch (IOException e) {
			System.err.println("convkit: could not close a temporary file: " + e.getMessage());
		}
	}
}
