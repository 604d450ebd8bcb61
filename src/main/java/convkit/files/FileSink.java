package convkit.files;

import convkit.engine.ConvPlan;
import convkit.engine.Tensor;
import convkit.geometry.OutputGeometry;
import convkit.image.ImageSource;
import convkit.image.OutputCalibration;
import convkit.io.AtomicOutput;
import convkit.io.Npy;
import convkit.run.OutputPixels;
import convkit.run.PositionSink;
import convkit.run.PositionSource;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The runner's output as a file, written whole or not at all (a temporary name, then a rename):
 * {@code .npy} holds one tensor, float32 (uint8/uint16 for 8-/16-bit results); {@code .tif}/{@code .tiff}
 * a hyperstack (32-, 16- or 8-bit), calibrated after the input image and carrying the
 * {@code ConvKit.*} properties and Info — written by ImageJ for an image ImageJ read, and by
 * {@link TiffWriter} for one read without ImageJ (the same file, whether or not ImageJ is installed),
 * and plane by plane ({@link StreamedTiffSink}) for a stack read plane by plane.
 */
public abstract class FileSink implements PositionSink {

	final Path target;
	final Path temporaryDir;

	FileSink(Path target, Path temporaryDir) {
		this.target = target;
		this.temporaryDir = temporaryDir;
	}

	/** Refuses an output path that cannot be written, before any work is done. */
	public static void checkOutput(Path out) {
		if (out.toString().isEmpty()) throw new IllegalArgumentException("output is empty; give a .tif or .npy file, e.g. output=result.tif");
		String n = out.getFileName() == null ? "" : out.getFileName().toString().toLowerCase(Locale.ROOT);
		if (Files.exists(out) && !Files.isRegularFile(out) && !Files.isDirectory(out)) {
			throw new IllegalArgumentException("output '" + out + "' is not a regular file (a device, a pipe or another special file);"
				+ " give a .tif or .npy file");
		}
		if (Files.isDirectory(out)) throw new IllegalArgumentException("output '" + out + "' is a folder, not a file");
		if (!n.endsWith(".npy") && !n.endsWith(".tif") && !n.endsWith(".tiff")) {
			throw new IllegalArgumentException("output '" + out + "' has an unsupported extension; results are written as .tif,"
				+ " .tiff or .npy");
		}
		Path dir = out.toAbsolutePath().getParent();
		if (dir == null || !Files.isDirectory(dir)) throw new IllegalArgumentException("output folder '" + dir + "' does not exist");
	}

	/** A sink writing {@code target} beside itself, laid out and calibrated after {@code source}. */
	public static FileSink to(Path target, PositionSource source) {
		return to(target, target.toAbsolutePath().getParent(), source);
	}

	/** A sink writing {@code target} through a temporary file in {@code temporaryDir} (on the same file system). */
	public static FileSink to(Path target, Path temporaryDir, PositionSource source) {
		checkOutput(target);
		if (FileSource.isNpy(target)) return new NpySink(target, temporaryDir, source instanceof NpySource && ((NpySource) source).batched());
		if (source instanceof TiffSource) {
			TiffSource s = (TiffSource) source;
			if (s.streamed()) return new StreamedTiffSink(target, temporaryDir, s.calibration(), s.slices(), s.frames());
			return new PlainTiffSink(target, temporaryDir, s.calibration(), s.slices(), s.frames());
		}
		if (source instanceof ImageSource && source.streamed()) { // a virtual stack: written as it is read
			ImageSource s = (ImageSource) source;
			return new StreamedTiffSink(target, temporaryDir, OutputCalibration.spatial(s.calibration()), s.layout().slices(),
				s.layout().frames());
		}
		if (ImageJPresence.available()) return new ImageJTiffSink(target, temporaryDir, source);
		return new PlainTiffSink(target, temporaryDir, convkit.geometry.SpatialCalibration.NONE, 1, source.positions());
	}

	@Override
	public Optional<Path> file() {
		return Optional.of(target);
	}

	/** One tensor as {@code .npy}, or a batch of them ({@code [N, C, ...]}) when the input was one. */
	private static final class NpySink extends FileSink {
		private final boolean batched;
		private Tensor[] results;
		private OutputPixels pixels;

		NpySink(Path target, Path temporaryDir, boolean batched) {
			super(target, temporaryDir);
			this.batched = batched;
		}

		@Override
		public long retainedBytes(ConvPlan plan, int positions, OutputPixels px) {
			// the last output is the run's own, converted piece by piece as it is written; a batch keeps the others
			return batched ? 4L * plan.outputShape().values() * (positions - 1) : 0;
		}

		@Override
		public void begin(ConvPlan plan, int positions, OutputPixels px) {
			pixels = px;
			if (positions > 1 && !batched) {
				throw new IllegalArgumentException("a .npy output holds one tensor " + plan.outputShape() + ", but the input has "
					+ positions + (plan.rank() == 3 ? " frames" : " z/t positions") + "; write a .tif instead");
			}
			results = new Tensor[positions];
		}

		@Override
		public void accept(int p, Tensor output) {
			results[p] = output;
		}

		@Override
		public void finish(OutputGeometry geometry, String info) throws IOException {
			Tensor first = results[0];
			int[] one = first.shape().rank() == 3
				? new int[] { first.channels(), first.depth(), first.height(), first.width() }
				: new int[] { first.channels(), first.height(), first.width() };
			int[] shape = one;
			if (batched) {
				shape = new int[one.length + 1];
				shape[0] = results.length;
				System.arraycopy(one, 0, shape, 1, one.length);
			}
			int[] npyShape = shape;
			AtomicOutput.write(target, temporaryDir, tmp -> {
				try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
					if (pixels.isFloat()) Npy.write(os, npyShape, this::copy);
					else writeConverted(os, npyShape);
				}
			});
		}

		/** Copies {@code n} values from C-order index {@code from} of the whole output (every sample) into {@code dst}. */
		private void copy(int from, float[] dst, int n) {
			int size = (int) results[0].shape().values();
			for (int done = 0; done < n;) {
				int at = from + done;
				int k = Math.min(n - done, size - at % size);
				results[at / size].copyTo(at % size, dst, done, k);
				done += k;
			}
		}

		private void writeConverted(OutputStream os, int[] shape) throws IOException {
			float[] range = OutputPixels.emptyRange();
			float[] piece = new float[1 << 18]; // the pieces Npy.writeUnsigned asks for
			long count = results[0].shape().values() * results.length;
			if (pixels.needsRange()) {
				for (long i = 0; i < count; i += piece.length) {
					int n = (int) Math.min(piece.length, count - i);
					copy((int) i, piece, n);
					OutputPixels.widen(range, piece, 0, n);
				}
			}
			Npy.writeUnsigned(os, shape, pixels.bits(), (from, dst, n) -> {
				float[] v = n <= piece.length ? piece : new float[n];
				copy(from, v, n);
				for (int j = 0; j < n; j++) dst[j] = pixels.value(v[j], range);
			});
		}

		@Override
		public void abort() {
			results = null;
		}
	}
}
