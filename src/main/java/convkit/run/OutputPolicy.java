package convkit.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * How outputs are named and what they may not be: an output is named after its source
 * ({@code <name>-conv}), and an output file that is the input file or another file the run reads
 * (the kernel, the bias) — by any spelling, through links and hard links — is refused before
 * anything runs.
 */
public final class OutputPolicy {

	private OutputPolicy() {}

	/** The title of an output made from {@code sourceName}: its name without extension, then {@code -conv}. */
	public static String title(String sourceName) {
		return stem(sourceName) + "-conv";
	}

	/** {@code sourceName} without its image or array extension ({@code cells.tif}: {@code cells}). */
	public static String stem(String sourceName) {
		String n = sourceName;
		String l = n.toLowerCase(Locale.ROOT);
		for (String ext : new String[] { ".ome.tiff", ".ome.tif", ".tiff", ".tif", ".npy", ".png", ".jpg", ".jpeg", ".gif", ".bmp" }) {
			if (l.endsWith(ext) && n.length() > ext.length()) {
				n = n.substring(0, n.length() - ext.length());
				break;
			}
		}
		return n;
	}

	/** Refuses an output file that is the input file. */
	public static void checkDistinct(Optional<Path> input, Optional<Path> output) {
		if (!input.isPresent() || !output.isPresent()) return;
		if (same(input.get(), output.get())) {
			throw new IllegalArgumentException("output '" + output.get() + "' is the input file '" + input.get()
				+ "'; write the result to another file (the input is never changed)");
		}
	}

	/**
	 * Refuses an {@code output} file that is the {@code input} file or one of the other files a run
	 * reads ({@code reads}, by role), before anything runs.
	 */
	public static void checkWrites(Optional<Path> input, java.util.Map<String, Path> reads, Optional<Path> output) {
		checkDistinct(input, output);
		checkNotRead(reads, output);
	}

	/**
	 * Refuses an output file that is one of the files a run reads besides its input (by role:
	 * kernel, bias), by any spelling, through links and hard links.
	 */
	public static void checkNotRead(java.util.Map<String, Path> reads, Optional<Path> output) {
		if (!output.isPresent()) return;
		for (java.util.Map.Entry<String, Path> r : reads.entrySet()) {
			if (same(r.getValue(), output.get())) {
				throw new IllegalArgumentException("output '" + output.get() + "' is the " + r.getKey() + " file '" + r.getValue()
					+ "' this run reads; write the result to another file (no file a run reads is changed)");
			}
		}
	}

	/**
	 * Refuses a batch's output folder that is the input folder or lies inside it — by any
	 * spelling, through links to it or to a folder above it — since outputs keep the inputs' names.
	 */
	public static void checkBatchFolders(Path inDir, Path outDir) {
		Path in;
		Path out;
		try {
			in = inDir.toRealPath();
			out = realAsFarAsExists(outDir);
		}
		catch (IOException e) {
			throw new IllegalArgumentException("cannot resolve the folders '" + inDir + "' and '" + outDir + "': " + e.getMessage());
		}
		if (out.equals(in)) {
			throw new IllegalArgumentException("output folder '" + outDir + "' is the input folder '" + inDir
				+ "'; the output folder must differ from it (outputs keep the inputs' names)");
		}
		if (out.startsWith(in)) {
			throw new IllegalArgumentException("output folder '" + outDir + "' lies inside the input folder '" + inDir
				+ "'; choose a folder outside it (outputs keep the inputs' names, and a second run would read the first one's outputs)");
		}
	}

	/** The path with every existing part's links resolved; the parts that do not exist yet appended as they are. */
	private static Path realAsFarAsExists(Path p) throws IOException {
		Path abs = p.toAbsolutePath().normalize();
		Path existing = abs;
		while (existing != null && !Files.exists(existing)) existing = existing.getParent();
		if (existing == null) return abs;
		return existing.toRealPath().resolve(existing.relativize(abs)).normalize();
	}

	/** Whether two paths name the same file (by any spelling, through links); false when either does not exist yet and they differ as absolute paths. */
	public static boolean same(Path a, Path b) {
		try {
			if (Files.exists(a) && Files.exists(b)) return Files.isSameFile(a, b);
			return realAsFarAsExists(a).equals(realAsFarAsExists(b));
		}
		catch (IOException e) {
			return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
		}
	}
}
