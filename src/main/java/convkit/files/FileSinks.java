package convkit.files;

import convkit.run.PositionSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Makes the sink a run's output file is written by, after the source it is read from: {@code .npy}
 * ({@link NpySink}), a TIFF written plane by plane for a source read plane by plane
 * ({@link StreamedTiffSink}), by ImageJ for an image ImageJ read ({@link ImageJTiffSink}), or by
 * {@link TiffWriter} ({@link PlainTiffSink}) — the same file whichever writes it. Checks the output
 * path first.
 */
public final class FileSinks {

	private FileSinks() {}

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

	/** A sink writing {@code target} beside itself, laid out and calibrated after {@code source}; checks {@code target} first. */
	public static FileSink to(Path target, PositionSource source) {
		checkOutput(target);
		return sink(target, target.toAbsolutePath().getParent(), source);
	}

	/**
	 * Writes {@code results} (tensors of one shape) as one float32 {@code .npy} beside {@code target},
	 * then renames it: {@code [N, ...]} when {@code batched}, else the one tensor.
	 */
	public static void writeNpy(Path target, java.util.List<convkit.engine.Tensor> results, boolean batched) throws java.io.IOException {
		NpySink.writeFloats(target, target.toAbsolutePath().getParent(), results.toArray(new convkit.engine.Tensor[0]), batched);
	}

	/**
	 * A sink writing {@code target} through a temporary file in {@code temporaryDir} (on the same
	 * file system), for a route that has checked {@code target} ({@link #checkOutput}).
	 */
	public static FileSink sink(Path target, Path temporaryDir, PositionSource source) {
		if (FileSource.isNpy(target)) return new NpySink(target, temporaryDir, source.batched());
		if (source.streamed()) { // a stack read plane by plane (a virtual stack too): written as it is read
			return new StreamedTiffSink(target, temporaryDir, source.spatialCalibration(), source.slices(), source.frames());
		}
		if (ImageJPresence.available() && (source.readByImageJ() || source.isArray())) return new ImageJTiffSink(target, temporaryDir, source);
		return new PlainTiffSink(target, temporaryDir, source.spatialCalibration(), source.slices(), source.frames());
	}
}
