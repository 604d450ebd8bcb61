package convkit.files;

import convkit.run.PositionSink;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The runner's output as a file (made by {@link FileSinks#to}), written whole or not at all (a temporary name, then a rename):
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

	@Override
	public Optional<Path> file() {
		return Optional.of(target);
	}
}
