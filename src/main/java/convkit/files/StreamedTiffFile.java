package convkit.files;

import convkit.io.AtomicOutput;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Function;

/**
 * A TIFF written plane by plane under a temporary name: an 8-byte header, the planes one after
 * another (plane {@code i} at {@code 8 + i·planeBytes}, so several writers may fill it), then, at
 * {@link #finish}, the directories, description and metadata after them ({@link TiffWriter#writeTrailer})
 * and the rename to the target. ImageJ opens it as the files it writes itself.
 */
final class StreamedTiffFile {

	private final AtomicOutput.Pending output;
	private final FileChannel channel;
	private final int bits;
	private final long planeBytes;
	private final int planeCount;

	private StreamedTiffFile(AtomicOutput.Pending output, FileChannel channel, int bits, long planeBytes, int planeCount) {
		this.output = output;
		this.channel = channel;
		this.bits = bits;
		this.planeBytes = planeBytes;
		this.planeCount = planeCount;
	}

	/**
	 * Starts the temporary file of {@code target} in {@code temporaryDir} for {@code planeCount}
	 * planes of {@code width x height} at {@code bits} per value; refuses, before anything is
	 * written, planes that alone pass the 4 GB a classic TIFF reaches.
	 */
	static StreamedTiffFile create(Path target, Path temporaryDir, int planeCount, int width, int height, int bits) throws IOException {
		long planeBytes = (long) width * height * (bits / 8);
		TiffWriter.checkSize(TiffWriter.STREAMED_DATA_AT + planeCount * planeBytes, bits);
		AtomicOutput.Pending output = AtomicOutput.begin(target, temporaryDir);
		FileChannel[] ch = new FileChannel[1];
		try {
			output.write(tmp -> ch[0] = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
				StandardOpenOption.WRITE));
			ByteBuffer header = ByteBuffer.allocate((int) TiffWriter.STREAMED_DATA_AT).order(ByteOrder.BIG_ENDIAN);
			header.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(0).flip();
			writeAll(ch[0], header, 0);
		}
		catch (IOException | RuntimeException e) {
			if (ch[0] != null) ch[0].close();
			output.discard();
			throw e;
		}
		return new StreamedTiffFile(output, ch[0], bits, planeBytes, planeCount);
	}

	/** The temporary file (other writers open it to write their planes with {@link #writePlane(FileChannel, long, long, Object)}). */
	Path temporary() {
		return output.temporary();
	}

	/** Sets the file to its full size of planes, so writers elsewhere find it whole. */
	void reserve() throws IOException {
		writeAll(channel, ByteBuffer.allocate(1), TiffWriter.STREAMED_DATA_AT + planeCount * planeBytes - 1);
	}

	/** Writes plane {@code index} of {@code planeBytes} into an open streamed file's channel. */
	static void writePlane(FileChannel ch, long index, long planeBytes, Object plane) throws IOException {
		ByteBuffer b = bytes(plane);
		if (b.remaining() != planeBytes) throw new IllegalArgumentException("a plane of " + b.remaining() + " bytes, not " + planeBytes);
		writeAll(ch, b, TiffWriter.STREAMED_DATA_AT + index * planeBytes);
	}

	/** Writes {@code rows} (whole rows of plane {@code index}) from its row {@code y0}. */
	void writeRows(int index, int y0, int rowBytes, Object rows) throws IOException {
		writeRows(channel, index, planeBytes, y0, rowBytes, rows);
	}

	/** Writes {@code rows} (whole rows of plane {@code index}, of {@code planeBytes}) from its row {@code y0} into an open streamed file's channel. */
	static void writeRows(FileChannel ch, long index, long planeBytes, int y0, int rowBytes, Object rows) throws IOException {
		ByteBuffer b = bytes(rows);
		if (b.remaining() % rowBytes != 0 || (long) y0 * rowBytes + b.remaining() > planeBytes) {
			throw new IllegalArgumentException(b.remaining() + " bytes from row " + y0 + " are not rows of a " + planeBytes + "-byte plane");
		}
		writeAll(ch, b, TiffWriter.STREAMED_DATA_AT + index * planeBytes + (long) y0 * rowBytes);
	}

	/** {@code plane} (byte[], short[] or float[]) as big-endian bytes. */
	static ByteBuffer bytes(Object plane) {
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

	private static void writeAll(FileChannel ch, ByteBuffer b, long at) throws IOException {
		long pos = at;
		while (b.hasRemaining()) pos += ch.write(b, pos);
	}

	/**
	 * Completes the file: the writer {@code writerFor} makes for the first plane's display range
	 * writes the directories and metadata after the planes, the header points at them, and the
	 * file takes its name.
	 */
	void finish(Function<double[], TiffWriter> writerFor) throws IOException {
		TiffWriter writer = writerFor.apply(firstPlaneRange());
		writer.checkSize();
		if (writer.trailerAt() != TiffWriter.STREAMED_DATA_AT + planeCount * planeBytes) {
			throw new IllegalStateException("the writer's planes end at " + writer.trailerAt() + ", the file's at "
				+ (TiffWriter.STREAMED_DATA_AT + planeCount * planeBytes));
		}
		channel.position(writer.trailerAt());
		writer.writeTrailer(Channels.newOutputStream(channel));
		ByteBuffer first = ByteBuffer.allocate(4).order(ByteOrder.BIG_ENDIAN).putInt((int) writer.trailerAt());
		first.flip();
		writeAll(channel, first, 4);
		channel.close();
		output.commit();
	}

	/** The finite {min, max} of the first plane as written (ImageJ's display range), read a piece at a time (a plane may be larger than the heap). */
	private double[] firstPlaneRange() throws IOException {
		if (bits == 8) return TiffWriter.displayRange(new byte[0]);
		double min = Double.POSITIVE_INFINITY;
		double max = Double.NEGATIVE_INFINITY;
		int piece = (int) Math.min(planeBytes, 1 << 22);
		ByteBuffer b = ByteBuffer.allocate(piece).order(ByteOrder.BIG_ENDIAN);
		for (long done = 0; done < planeBytes; done += piece) {
			b.clear();
			b.limit((int) Math.min(piece, planeBytes - done));
			long pos = TiffWriter.STREAMED_DATA_AT + done;
			while (b.hasRemaining()) {
				int r = channel.read(b, pos);
				if (r < 0) throw new IOException("the first plane was not written");
				pos += r;
			}
			b.flip();
			while (b.hasRemaining()) {
				double v = bits == 16 ? b.getShort() & 0xffff : b.getFloat();
				if (!Double.isFinite(v)) continue;
				if (v < min) min = v;
				if (v > max) max = v;
			}
		}
		return min <= max ? new double[] { min, max } : new double[] { 0, 0 };
	}

	/** Deletes the temporary file: nothing of the output remains. */
	void discard() {
		try {
			channel.close();
		}
		catch (IOException e) {
			System.err.println("convkit: could not close a temporary file: " + e.getMessage());
		}
		output.discard();
	}
}
