package convkit.files;

import convkit.engine.Shape;
import convkit.engine.Tensor;
import convkit.io.Heap;
import convkit.io.NdArray;
import convkit.io.Npy;
import convkit.options.ChannelMapping;
import convkit.options.Streaming;
import convkit.run.PositionSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Opens a file as the runner's input: a {@code .npy} array ({@code [C, H, W]} or {@code [H, W]}
 * for Conv2D, {@code [C, D, H, W]} or {@code [D, H, W]} for Conv3D), or any image ImageJ opens
 * (TIFF stacks and hyperstacks included), read as an open image would be. Where ImageJ is not
 * beside the jar, TIFF (and PNG, JPEG, BMP, GIF) files are read by {@link TiffReader} under the
 * same layout rules. A TIFF stack too large to read whole (its planes as floats over a quarter of
 * the free heap) is read plane by plane as the run asks for them, and its TIFF output written
 * plane by plane ({@link StreamedTiffSink}), so memory is bounded by the planes in flight.
 */
public final class FileSource {

	/** A TIFF stack is streamed when its planes as floats would take more than this part of the free heap. */
	static final int STREAM_FRACTION = 4;

	private FileSource() {}

	/**
	 * {@code file} read plane by plane, when {@code streaming} says to stream it (a TIFF stack laid
	 * out as ImageJ writes them, over a quarter of the free heap for {@code auto}); empty otherwise.
	 * Reads only the file's directories, so a driver can ask it of many files.
	 */
	public static Optional<PositionSource> openStreamed(Path file, ChannelMapping mapping, int rank, Streaming streaming)
		throws IOException
	{
		return openStreamed(file, mapping, rank, streamAbove(streaming));
	}

	private static Optional<PositionSource> openStreamed(Path file, ChannelMapping mapping, int rank, long above) throws IOException {
		if (!Files.isRegularFile(file) || !TiffReader.isTiff(file) || 4 * Files.size(file) <= above) return Optional.empty();
		Optional<TiffImage> streamed = StreamedTiff.open(file);
		if (streamed.isEmpty() || 4L * streamed.get().planeCount() * streamed.get().width * streamed.get().height <= above) {
			return Optional.empty();
		}
		return Optional.of(TiffSource.of(file, streamed.get(), mapping, rank));
	}

	/** Opens {@code file} for a convolution of {@code rank} axes; refuses missing files and unsupported shapes with the reason. */
	public static PositionSource open(Path file, ChannelMapping mapping, int rank) throws IOException {
		return open(file, mapping, rank, Streaming.AUTO);
	}

	/** As {@link #open(Path, ChannelMapping, int)}, a TIFF stack streamed as {@code streaming} says ({@code stream=}). */
	public static PositionSource open(Path file, ChannelMapping mapping, int rank, Streaming streaming) throws IOException {
		return open(file, mapping, rank, ImageJPresence.available(), streamAbove(streaming));
	}

	/** The float bytes above which a stack is streamed under {@code streaming}. */
	private static long streamAbove(Streaming streaming) {
		return streaming == Streaming.YES ? -1 : streaming == Streaming.NO ? Long.MAX_VALUE : Heap.available() / STREAM_FRACTION;
	}

	/** As {@link #open(Path, ChannelMapping, int)}, through ImageJ or not (tests take both ways in one JVM). */
	static PositionSource open(Path file, ChannelMapping mapping, int rank, boolean withImageJ) throws IOException {
		return open(file, mapping, rank, withImageJ, streamAbove(Streaming.AUTO));
	}

	/**
	 * As {@link #open(Path, ChannelMapping, int)}; a TIFF stack laid out as ImageJ writes stacks
	 * whose planes as floats take more than {@code streamAbove} bytes is read plane by plane
	 * ({@link StreamedTiff}) instead of whole.
	 */
	static PositionSource open(Path file, ChannelMapping mapping, int rank, boolean withImageJ, long streamAbove) throws IOException {
		if (Files.isDirectory(file)) throw new IllegalArgumentException("input '" + file + "' is a folder, not a file");
		if (!Files.isRegularFile(file)) throw new IllegalArgumentException("input file '" + file + "' does not exist");
		if (!Files.isReadable(file)) throw new IllegalArgumentException("input file '" + file + "' cannot be read (permissions)");
		if (isNpy(file)) {
			NdArray a = Npy.read(file);
			return new NpySource(file, npyTensor(file, a, rank), a.dtype());
		}
		Optional<PositionSource> streamed = openStreamed(file, mapping, rank, streamAbove);
		if (streamed.isPresent()) return streamed.get();
		return withImageJ ? ImageJFiles.open(file, mapping, rank) : TiffSource.open(file, mapping, rank);
	}

	private static Tensor npyTensor(Path file, NdArray a, int rank) {
		int[] s = a.shape();
		if (s.length == rank) return Tensor.of(Shape.of(rank, 1, rank == 3 ? s[0] : 1, s[s.length - 2], s[s.length - 1]), a.toArray());
		if (s.length == rank + 1) return Tensor.of(Shape.of(rank, s[0], rank == 3 ? s[1] : 1, s[s.length - 2], s[s.length - 1]), a.toArray());
		throw new IllegalArgumentException("input '" + file + "' has shape " + a.shapeString() + "; allowed are "
			+ (rank == 3 ? "[C, D, H, W] and [D, H, W] (Conv3D)" : "[C, H, W] and [H, W] (Conv2D)"));
	}

	/** Whether {@code p} names a {@code .npy} file. */
	public static boolean isNpy(Path p) {
		return p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".npy");
	}
}
