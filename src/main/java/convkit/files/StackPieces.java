package convkit.files;

import convkit.engine.Shape;
import convkit.engine.Tensor;
import convkit.geometry.OutputGeometry;
import convkit.run.OutputPlanes;
import convkit.options.Conversion;
import convkit.run.OutputPixels;
import convkit.run.PositionSink;
import convkit.run.PositionSource;

import java.io.IOException;
import java.io.Serializable;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The output of a streamed TIFF stack whose positions are convolved in pieces by several workers
 * (a cluster's tasks), each writing its planes into one temporary file at their places
 * ({@link #piece}); when all are done, {@link #finish} writes the directories and metadata and
 * renames the file — the same file {@link StreamedTiffSink} writes for the whole stack in one run.
 * The workers must see the temporary file at the same path (a shared file system).
 * {@code convert=rescale} needs the whole range before any plane is written, so such stacks are
 * not cut into pieces ({@link #begin} refuses them).
 */
public final class StackPieces {

	/** What a worker needs to write its positions into the shared file. */
	public static final class Target implements Serializable {
		private static final long serialVersionUID = 1L;
		final String temporary;
		final int width;
		final int height;
		final int outChannels;
		final int depth;
		final int bits;
		final Conversion conversion;

		Target(String temporary, int width, int height, int outChannels, int depth, int bits, Conversion conversion) {
			this.temporary = temporary;
			this.width = width;
			this.height = height;
			this.outChannels = outChannels;
			this.depth = depth;
			this.bits = bits;
			this.conversion = conversion;
		}

		long planeBytes() {
			return (long) width * height * (bits / 8);
		}
	}

	private final StreamedTiffFile file;
	private final TiffSource source;
	private final Shape shape;
	private final OutputPixels pixels;
	private final Target target;

	private StackPieces(StreamedTiffFile file, TiffSource source, Shape shape, OutputPixels pixels, Target target) {
		this.file = file;
		this.source = source;
		this.shape = shape;
		this.pixels = pixels;
		this.target = target;
	}

	/**
	 * Whether the output of {@code source} as {@code pixels} can be written in pieces: a TIFF stack
	 * read plane by plane, converted (if at all) value by value. Its pieces are positions
	 * ({@link #piece(Target, int)}), or parts of one position ({@link #part}: rows of a plane,
	 * planes of a volume).
	 */
	public static boolean piecewise(PositionSource source, OutputPixels pixels) {
		return source instanceof TiffSource && source.streamed() && !pixels.needsRange();
	}

	/**
	 * Starts the temporary output of {@code source} (see {@link #piecewise}) for {@code plan} as
	 * {@code pixels} at {@code target} in {@code temporaryDir}, at its full size.
	 */
	public static StackPieces begin(Path target, Path temporaryDir, PositionSource source, Shape shape, OutputPixels pixels)
		throws IOException
	{
		if (!piecewise(source, pixels)) {
			throw new IllegalArgumentException("'" + source.name() + "' cannot be written in pieces: only a TIFF stack read plane by"
				+ " plane, of several positions, without convert=rescale");
		}
		FileSinks.checkOutput(target);
		int depth = shape.rank() == 3 ? shape.depth() : 1;
		int planes = source.positions() * shape.channels() * depth;
		StreamedTiffFile file = StreamedTiffFile.create(target, temporaryDir, planes, shape.width(), shape.height(),
			pixels.bits());
		try {
			file.reserve();
		}
		catch (IOException | RuntimeException e) {
			file.discard();
			throw e;
		}
		return new StackPieces(file, (TiffSource) source, shape, pixels, new Target(file.temporary().toString(), shape.width(),
			shape.height(), shape.channels(), depth, pixels.bits(), pixels.conversion()));
	}

	/** What the workers need (serializable). */
	public Target target() {
		return target;
	}

	/** A sink writing the outputs of positions {@code first, first + 1, ...} (a piece) into {@code target}'s file. */
	public static PositionSink piece(Target target, int first) {
		return new Piece(target, first, -1);
	}

	/**
	 * A sink writing a part of {@code position}'s output — output rows (Conv2D) or planes (Conv3D)
	 * from {@code from} on, arriving as consecutive slabs of its position 0 ({@code ConvRunner.runPart})
	 * — into {@code target}'s file.
	 */
	public static PositionSink part(Target target, int position, int from) {
		if (from < 0) throw new IllegalArgumentException("part from " + from);
		return new Piece(target, position, from);
	}

	/** Completes the file — directories, labels, calibration, {@code geometry} and {@code info} — and gives it its name. */
	public void finish(OutputGeometry geometry, String info) throws IOException {
		List<String> labels = new ArrayList<>();
		for (int p = 0; p < source.positions(); p++) {
			for (int d = 0; d < target.depth; d++) {
				for (int c = 0; c < target.outChannels; c++) labels.add(OutputPlanes.label(shape.rank(), source.slices(), source.frames(), p, c, d));
			}
		}
		int planes = labels.size();
		file.finish(range -> new TiffWriter(shape.width(), shape.height(), shape.channels(), shape.rank() == 3
			? shape.depth() : source.slices(), source.frames(), pixels.bits(), planes, range, labels,
			source.spatialCalibration().after(geometry), info, geometry.toProperties()));
	}

	/** Deletes the temporary file (a piece failed). */
	public void abort() {
		file.discard();
	}

	/** One worker's positions, or part of a position, written at their places in the shared file. */
	private static final class Piece implements PositionSink {
		private final Target target;
		private final int first;
		/** For a part of a position: its first output row (Conv2D) or plane (Conv3D); -1 for whole positions. */
		private final int partFrom;
		private int partDone;
		private final OutputPixels pixels;
		private FileChannel channel;

		Piece(Target target, int first, int partFrom) {
			this.target = target;
			this.first = first;
			this.partFrom = partFrom;
			this.pixels = OutputPixels.of(target.bits, target.conversion);
		}

		@Override
		public boolean takesSlabs() {
			return true;
		}

		@Override
		public Optional<Path> file() {
			return Optional.of(Paths.get(target.temporary));
		}

		@Override
		public long retainedBytes(Shape shape, int positions, OutputPixels px) {
			return 0;
		}

		@Override
		public void begin(Shape shape, int positions, OutputPixels px) throws IOException {
			if (shape.width() != target.width || shape.height() != target.height || shape.channels() != target.outChannels) {
				throw new IllegalArgumentException("this piece's output " + shape + " is not the stack's");
			}
			channel = FileChannel.open(Paths.get(target.temporary), StandardOpenOption.WRITE);
		}

		@Override
		public void accept(int p, Tensor out) throws IOException {
			float[] none = OutputPixels.emptyRange();
			boolean rows = target.depth == 1; // Conv2D: rows of planes (whole planes from row 0); Conv3D: planes of volumes
			long position = partFrom >= 0 ? first : first + p;
			int at = partFrom >= 0 ? partFrom + partDone : 0; // the first output row (Conv2D) or plane (Conv3D) of out
			for (int d = 0; d < out.depth(); d++) {
				for (int c = 0; c < out.channels(); c++) {
					Object plane = pixels.convert(out.plane(c, d), none);
					if (rows) {
						StreamedTiffFile.writeRows(channel, position * target.outChannels + c, target.planeBytes(), at,
							target.width * (target.bits / 8), plane);
					}
					else {
						StreamedTiffFile.writePlane(channel, (position * target.depth + at + d) * target.outChannels + c, target.planeBytes(),
							plane);
					}
				}
			}
			if (partFrom >= 0) partDone += rows ? out.height() : out.depth();
		}

		@Override
		public void finish(OutputGeometry geometry, String info) throws IOException {
			channel.force(false);
			channel.close();
		}

		@Override
		public void abort() {
			try {
				if (channel != null) channel.close();
			}
			catch (IOException e) {
				System.err.println("convkit: could not close " + target.temporary + ": " + e.getMessage());
			}
		}
	}
}
