package convkit.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * How outputs are named and what they may not be: an output is named after its source
 * ({@code <name>-conv}), and an output file that is the input file — by any spelling, through
 * links — is refused before anything runs.
 */
public final class OutputPolicy {

	private OutputPolicy() {}

	/** The title of an output made from {@code sourceName}: its name without extension, then {@code -conv}. */
	public static String title(String sourceName) {
		String n = sourceName;
		String l = n.toLowerCase(Locale.ROOT);
		for (String ext : new String[] { ".ome.tiff", ".ome.tif", ".tiff", ".tif", ".npy", ".png", ".jpg", ".jpeg", ".gif", ".bmp" }) {
			if (l.endsWith(ext) && n.length() > ext.length()) {
				n = n.substring(0, n.length() - ext.length());
				break;
			}
		}
		return n + "-conv";
	}

	/** Refuses an output file that is the input file. */
	public static void checkDistinct(Optional<Path> input, Optional<Path> output) {
		if (!input.isPresent() || !output.isPresent()) return;
		if (same(input.get(), output.get())) {
			throw new IllegalArgumentException("output '" + output.get() + "' is the input file '" + input.get()
				+ "'; write the result to another file (the input is never changed)");
		}
	}

	/** Whether two paths name the same file (by any spelling, through links); false when either does not exist yet and they differ as absolute paths. */
	public static boolean same(Path a, Path b) {
		try {
			if (Files.exists(a) && Files.exists(b)) return Files.isSameFile(a, b);
			return real(a).equals(real(b));
		}
		catch (IOException e) {
			return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
		}
	}

	/** The path with its folder's links resolved (the file itself may not exist yet). */
	private static Path real(Path p) throws IOException {
		Path abs = p.toAbsolutePath().normalize();
		Path parent = abs.getParent();
		if (parent != null && Files.exists(parent)) return parent.toRealPath().resolve(abs.getFileName());
		return abs;
	}
}
