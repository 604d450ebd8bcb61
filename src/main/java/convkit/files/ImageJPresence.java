package convkit.files;

/**
 * Whether ImageJ 1 is on the class path. The command line runs from a jar copied anywhere; where
 * no ImageJ is beside it, files are read and written by {@link TiffReader} and {@link TiffWriter}
 * instead (and no class that refers to ImageJ is loaded).
 */
final class ImageJPresence {

	private static final boolean AVAILABLE = probe();

	private ImageJPresence() {}

	static boolean available() {
		return AVAILABLE;
	}

	private static boolean probe() {
		try {
			Class.forName("ij.ImagePlus", false, ImageJPresence.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException | LinkageError e) {
			return false;
		}
	}
}
