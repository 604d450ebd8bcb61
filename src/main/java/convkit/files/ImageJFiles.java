package convkit.files;

import convkit.image.ImageSource;
import convkit.options.ChannelMapping;
import convkit.run.PositionSource;
import ij.ImagePlus;
import ij.io.Opener;

import java.io.IOException;
import java.nio.file.Path;

/** Image files opened by ImageJ (every format it reads), checked for a cut-short file first. */
final class ImageJFiles {

	private ImageJFiles() {}

	static PositionSource open(Path file, ChannelMapping mapping, int rank) throws IOException {
		ImageCompleteness.check(file);
		Opener opener = new Opener();
		opener.setSilentMode(true); // the refusal below says it once; ImageJ would also log its own lines
		ImagePlus imp;
		try {
			imp = opener.openImage(file.toString());
		}
		catch (RuntimeException readerFailed) { // ImageJ's readers fail on some damaged files with an exception, not a null
			throw new IllegalArgumentException("input '" + file + "' could not be read as an image (ImageJ's reader failed with "
				+ readerFailed.getClass().getSimpleName() + "): it is damaged or not the format its name says", readerFailed);
		}
		if (imp == null) {
			throw new IllegalArgumentException("input '" + file + "' is not an image ImageJ can open (nor a .npy file)");
		}
		return ImageSource.ofFile(imp, file, mapping, rank);
	}
}
