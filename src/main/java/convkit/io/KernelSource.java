package convkit.io;

import convkit.engine.Kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns the value of the {@code kernel} and {@code bias} keys into numbers. A kernel value is, in
 * this order: a path to a {@code .npy}, {@code .csv} or {@code .txt} file; the title of an open
 * image (when the front end has images); a preset name; inline kernel text. Anything else is
 * refused with a message that names it.
 * <p>
 * Example: {@code KernelSource.kernel("[[0, 1], [1, 0]]", KernelSource.NO_IMAGES)}.
 */
public final class KernelSource {

	/** For front ends without open images. */
	public static final Function<String, Optional<NdArray>> NO_IMAGES = title -> Optional.empty();

	private KernelSource() {}

	/**
	 * The kernel {@code value} describes.
	 *
	 * @param images looks up an open image by title; {@link #NO_IMAGES} where there are none
	 */
	public static Kernel kernel(String value, Function<String, Optional<NdArray>> images) {
		NdArray a = array(value, images);
		if (a.rank() < 2 || a.rank() > 5) {
			throw new IllegalArgumentException("kernel '" + abbreviate(value) + "' has shape " + a.shapeString()
				+ "; allowed are [kH, kW] to [C_out, C_in/groups, kH, kW] (Conv2D) and [kD, kH, kW] to"
				+ " [C_out, C_in/groups, kD, kH, kW] (Conv3D)");
		}
		return Kernel.of(a.toArray(), a.shape());
	}

	/** The numbers {@code value} describes, before they become a kernel. */
	public static NdArray array(String value, Function<String, Optional<NdArray>> images) {
		String v = value == null ? "" : value.trim();
		if (v.isEmpty()) {
			throw new IllegalArgumentException("kernel is empty; give a .npy/.csv/.txt file, an open image's title, a"
				+ " preset (" + KernelPreset.usages() + ") or kernel text");
		}
		Optional<Path> file = existingFile(v);
		if (file.isPresent()) return readFile(file.get());
		Optional<NdArray> image = images.apply(v);
		if (image.isPresent()) return image.get();
		if (KernelPreset.isPreset(v)) return KernelPreset.parse(v);
		if (KernelText.looksLikeKernel(v)) return KernelText.parse(v);
		refuseFolder(v, "kernel");
		if (looksLikePath(v)) {
			throw new IllegalArgumentException("kernel file '" + abbreviate(v) + "' does not exist");
		}
		String near = convkit.engine.Suggestions.closest(v.replaceFirst("\\(.*", "").trim(), java.util.Arrays.asList(KernelPreset.getAllLabels()));
		String hint = near == null ? "" : "did you mean the preset " + KernelPreset.valueOf(near.toUpperCase(java.util.Locale.ROOT)).usage().split(",? ")[0]
			+ "? ";
		throw new IllegalArgumentException("kernel '" + abbreviate(v) + "' is neither a file, an open image, a preset nor kernel text; "
			+ hint + "presets are " + KernelPreset.usages() + "; kernel text is rows of numbers (1 2 1; 2 4 2; 1 2 1) or nested lists");
	}

	/** The bias {@code value} describes: a file (.npy, .csv, .txt) or comma-separated numbers. */
	public static float[] bias(String value) {
		String v = value.trim();
		Optional<Path> file = existingFile(v);
		NdArray a;
		if (file.isPresent()) {
			a = readFile(file.get());
		}
		else if (KernelText.looksLikeKernel(v)) {
			try {
				a = KernelText.parse(v.startsWith("[") ? v : v.replace(';', ','));
			}
			catch (IllegalArgumentException e) { // the text reader speaks of a kernel: this is the bias
				throw new IllegalArgumentException("bias '" + abbreviate(v) + "': " + e.getMessage().replaceFirst("^kernel ", ""), e);
			}
		}
		else if (looksLikePath(v) || isFolder(v)) {
			refuseFolder(v, "bias");
			throw new IllegalArgumentException("bias file '" + abbreviate(v) + "' does not exist");
		}
		else {
			throw new IllegalArgumentException("bias '" + abbreviate(v) + "' is neither a file (.npy, .csv, .txt) nor"
				+ " comma-separated numbers");
		}
		return a.toArray();
	}

	/** Reads a kernel or bias file: {@code .npy} as NumPy, anything else as kernel text. */
	public static NdArray readFile(Path file) {
		String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		try {
			if (name.endsWith(".npy")) return Npy.read(file);
			String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
			try {
				return KernelText.parse(text);
			}
			catch (IllegalArgumentException e) {
				throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
			}
		}
		catch (IOException e) {
			throw new IllegalArgumentException("cannot read '" + file + "': " + e.getMessage(), e);
		}
	}

	/** The file a kernel or bias value names, when it names an existing file (the file the run reads). */
	public static Optional<Path> file(String value) {
		return value == null ? Optional.empty() : existingFile(value.trim());
	}

	private static Optional<Path> existingFile(String v) {
		if (v.indexOf('\n') >= 0 || v.startsWith("[") || v.length() > 4096) return Optional.empty();
		try {
			Path p = Paths.get(v);
			return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
		}
		catch (RuntimeException e) {
			return Optional.empty();
		}
	}

	/** Refuses a value that names a folder, as "is a folder" rather than "does not exist". */
	private static void refuseFolder(String v, String what) {
		if (isFolder(v)) throw new IllegalArgumentException(what + " '" + abbreviate(v) + "' is a folder, not a file");
	}

	private static boolean isFolder(String v) {
		try {
			return !v.isEmpty() && v.length() < 4096 && Files.isDirectory(Paths.get(v));
		}
		catch (java.nio.file.InvalidPathException e) {
			return false; // not a path at all
		}
	}

	private static boolean looksLikePath(String v) {
		String l = v.toLowerCase(Locale.ROOT);
		return v.contains("/") || v.contains("\\") || l.endsWith(".npy") || l.endsWith(".csv") || l.endsWith(".txt");
	}

	private static String abbreviate(String v) {
		return Texts.shorten(v);
	}
}
