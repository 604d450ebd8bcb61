package convkit.files;

import convkit.engine.Shape;
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
 * Opens a file as the runner's input: a {@code .npy} array ({@code [C, H, W]}, {@code [H, W]} or a
 * batch {@code [N, C, H, W]} for Conv2D, {@code [C, D, H, W]}, {@code [D, H, W]} or a batch
 * {@code [N, C, D, H, W]} for Conv3D), or any image ImageJ opens
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
		TiffDirectories dirs = checkedTiff(file);
		return planeByPlane(file, dirs, mapping, rank, above, true);
	}

	/**
	 * The directories of TIFF {@code file}, walked once and checked: refuses, the same way on every
	 * route, a file the readers would read two ways or with planes missing ({@link TiffDirectories#check}).
	 */
	private static TiffDirectories checkedTiff(Path file) throws IOException {
		TiffDirectories dirs = TiffDirectories.read(file);
		dirs.check();
		return dirs;
	}

	/**
	 * {@code file} read by ConvKit's own plane reader: one whose samples the other readers read as
	 * other numbers (unless {@code streamedOnly}), or a stack over {@code above} bytes of floats;
	 * empty for the whole-file readers.
	 */
	private static Optional<PositionSource> planeByPlane(Path file, TiffDirectories dirs, ChannelMapping mapping, int rank, long above,
		boolean streamedOnly) throws IOException
	{
		// the kinds other readers misread, an ImageJ stack whose chain of directories is broken
		// (Java's reader would follow the chain; the planes lie one after another, as ImageJ reads them),
		// and pages that ImageJ's description would have ImageJ read as one run though they lie apart
		boolean own = (dirs.needsOwnReader() || dirs.broken != null || dirs.describedPagesApart())
			&& !streamedOnly;
		if (!own && 4 * Files.size(file) <= above) return Optional.empty();
		Optional<TiffImage> image = StreamedTiff.open(file, dirs);
		if (own) {
			if (image.isEmpty()) {
				throw new IllegalArgumentException("'" + file.getFileName() + "' holds " + dirs.kind() + " samples in tiles or in more than"
					+ " one sample per pixel; ConvKit reads " + dirs.kind() + " samples as gray planes in strips only: save it as such");
			}
			return Optional.of(TiffSource.of(file, image.get(), mapping, rank));
		}
		if (image.isEmpty() || 4L * image.get().planeCount() * image.get().width * image.get().height <= above) return Optional.empty();
		return Optional.of(TiffSource.of(file, image.get(), mapping, rank));
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
		if (file.toString().isEmpty()) throw new IllegalArgumentException("input is empty; give a .npy or image file, e.g. input=cells.tif");
		if (Files.isDirectory(file)) throw new IllegalArgumentException("input '" + file + "' is a folder, not a file");
		if (Files.exists(file) && !Files.isRegularFile(file)) {
			throw new IllegalArgumentException("input '" + file + "' is not a regular file (a device, a pipe or another special file);"
				+ " give a .npy or image file");
		}
		if (!Files.isRegularFile(file)) throw new IllegalArgumentException("input file '" + file + "' does not exist");
		if (!Files.isReadable(file)) throw new IllegalArgumentException("input file '" + file + "' cannot be read (permissions)");
		if (isNpy(file)) {
			return npySource(file, Npy.read(file), rank);
		}
		if (!TiffReader.isTiff(file)) return withImageJ ? ImageJFiles.open(file, mapping, rank) : TiffSource.open(file, mapping, rank);
		TiffDirectories dirs = checkedTiff(file);
		Optional<PositionSource> own = planeByPlane(file, dirs, mapping, rank, streamAbove, false);
		if (own.isPresent()) return own.get();
		if (!withImageJ) return TiffSource.of(file, TiffReader.read(file, dirs.first, dirs.description), mapping, rank); // it checks the heap itself
		Heap.checkRoom(dirs.wholeBytes(), "'" + file + "'"); // ImageJ reads it whole: its planes must fit
		return ImageJFiles.open(file, mapping, rank);
	}

	/**
	 * A {@code .npy} array as a source: {@code [H, W]}, {@code [C, H, W]} or a batch
	 * {@code [N, C, H, W]} for Conv2D; {@code [D, H, W]}, {@code [C, D, H, W]} or a batch
	 * {@code [N, C, D, H, W]} for Conv3D (a 4-D array is {@code [C, D, H, W]} there, as documented).
	 */
	private static NpySource npySource(Path file, NdArray a, int rank) {
		int[] s = a.shape();
		int n = s.length;
		if (n < rank || n > rank + 2) {
			throw new IllegalArgumentException("input '" + file + "' has shape " + a.shapeString() + "; " + (rank == 3
				? "conv3d reads [D, H, W], [C, D, H, W] and a batch [N, C, D, H, W] (a PyTorch Conv3d input)"
				: "conv reads [H, W], [C, H, W] and a batch [N, C, H, W] (a PyTorch Conv2d input); for a volume use conv3d"));
		}
		boolean batched = n == rank + 2;
		int samples = batched ? s[0] : 1;
		int channels = n == rank ? 1 : s[batched ? 1 : 0];
		int depth = rank == 3 ? s[n - 3] : 1;
		if (samples < 1) throw new IllegalArgumentException("input '" + file + "' has shape " + a.shapeString() + ": a batch of no samples");
		Shape shape = Shape.of(rank, channels, depth, s[n - 2], s[n - 1]);
		return new NpySource(file, shape, a.toArray(), samples, batched, a.dtype());
	}

	/** Whether {@code p} names a {@code .npy} file. */
	public static boolean isNpy(Path p) {
		return p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".npy");
	}
}
