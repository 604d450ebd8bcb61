package convkit.batch;

import convkit.io.StackText;
import convkit.options.ConvOptions;
import convkit.options.OptionKey;
import convkit.options.OptionString;
import convkit.options.Streaming;
import convkit.run.OutputPolicy;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A batch's settings, checked where they are made: the input and output folders (the output never
 * the input nor inside it), the file pattern, {@code recursive}, {@code skip_existing} and the
 * convolution options. Knows which files match and the name each is written under: the same
 * relative name, a {@code .npy} stays {@code .npy}, a TIFF stays TIFF, other images become
 * {@code .tif}. Outputs are written in {@code .convkit-tmp/} of the output folder and renamed.
 * The work is one convolution (its options) or, with {@code layers=}, a layer stack.
 * <p>
 * Example: {@code BatchSettings.from(OptionString.parse("input=in output=out pattern=*.npy kernel=[box(3)]"))}.
 */
public final class BatchSettings {

	/** The folder of the output folder where outputs are written before they are renamed. */
	public static final String TEMPORARY_DIR = ".convkit-tmp";

	/** The keys of a batch: the folders, pattern, recursive, skip_existing, the convolution's, threads and stream. */
	public static final Set<String> KEYS;
	static {
		Set<String> k = new LinkedHashSet<>(OptionKey.keys(OptionKey.INPUT, OptionKey.OUTPUT));
		k.addAll(Arrays.asList("pattern", "recursive", "skip_existing"));
		k.addAll(ConvOptions.KEYS);
		k.add(StackText.OPTION);
		k.addAll(OptionKey.keys(OptionKey.THREADS, OptionKey.STREAM));
		KEYS = Collections.unmodifiableSet(k);
	}

	private final Path inDir;
	private final Path outDir;
	private final String pattern;
	private final PathMatcher matcher;
	private final boolean recursive;
	private final boolean skipExisting;
	private final ConvOptions options;
	private final StackText.Parsed stack;
	private final Streaming streaming;

	private BatchSettings(Path inDir, Path outDir, String pattern, PathMatcher matcher, boolean recursive, boolean skipExisting,
		ConvOptions options, StackText.Parsed stack, Streaming streaming)
	{
		this.streaming = streaming;
		this.stack = stack;
		this.inDir = inDir;
		this.outDir = outDir;
		this.pattern = pattern;
		this.matcher = matcher;
		this.recursive = recursive;
		this.skipExisting = skipExisting;
		this.options = options;
	}

	/** The settings {@code o} gives; refuses missing or clashing folders, a bad pattern and bad convolution options with the reason. */
	public static BatchSettings from(OptionString o) {
		Path inDir = folder(o, OptionKey.INPUT.key());
		Path outDir = folder(o, OptionKey.OUTPUT.key());
		if (Files.isRegularFile(inDir)) {
			throw new IllegalArgumentException("input '" + inDir + "' is a file, not a folder; for one file use conv or conv3d");
		}
		if (!Files.isDirectory(inDir)) throw new IllegalArgumentException("input folder '" + inDir + "' does not exist");
		if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
			throw new IllegalArgumentException("output '" + outDir + "' is a file, not a folder");
		}
		OutputPolicy.checkBatchFolders(inDir, outDir);
		String pattern = o.get("pattern", "*.tif");
		PathMatcher matcher;
		try {
			matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
		}
		catch (RuntimeException e) {
			throw new IllegalArgumentException("pattern '" + pattern + "' is not a valid glob (e.g. *.tif, *.{tif,png})");
		}
		boolean recursive = ConvOptions.flag(o, "recursive");
		boolean skip = ConvOptions.flag(o, "skip_existing");
		if (!o.has(StackText.OPTION)) return new BatchSettings(inDir, outDir, pattern, matcher, recursive, skip, ConvOptions.from(o), null, Streaming.of(o));
		for (String k : o.keys()) {
			if (ConvOptions.KEYS.contains(k)) {
				throw new IllegalArgumentException("option '" + k + "' is a single convolution's; with layers= every layer takes its own settings"
					+ " (conv w=... s=... p=...); give layers= or the convolution's options, not both");
			}
		}
		return new BatchSettings(inDir, outDir, pattern, matcher, recursive, skip, null, StackText.fromOption(o.get(StackText.OPTION)),
			Streaming.of(o));
	}

	private static Path folder(OptionString o, String key) {
		String v = o.get(key);
		if (v == null || v.trim().isEmpty()) throw new IllegalArgumentException("option '" + key + "' is required: a folder");
		return Paths.get(v.trim());
	}

	public Path inputFolder() {
		return inDir;
	}

	public Path outputFolder() {
		return outDir;
	}

	/** Whether a file whose output exists is skipped (a resumed run). */
	public boolean skipExisting() {
		return skipExisting;
	}

	/** The convolution's options; refused for a batch of a layer stack ({@link #stack}). */
	public ConvOptions options() {
		if (options == null) throw new IllegalStateException("this batch runs a layer stack, not one convolution");
		return options;
	}

	/** The layer stack every file runs through ({@code layers=}), or empty for one convolution. */
	public java.util.Optional<StackText.Parsed> stack() {
		return java.util.Optional.ofNullable(stack);
	}

	/** The files the work reads besides the inputs (kernel and bias, or the layers' weights), by role. */
	public Map<String, Path> reads() {
		return stack != null ? stack.reads() : options.files();
	}

	/** Whether TIFF stacks are read and written plane by plane ({@code stream=}). */
	public Streaming streaming() {
		return streaming;
	}

	/** Where outputs are written before they are renamed. */
	public Path temporaryFolder() {
		return outDir.resolve(TEMPORARY_DIR);
	}

	/**
	 * The matching files, sorted: regular files and links to missing files (each gets a log row),
	 * skipping hidden files and everything in hidden folders. Refuses none matching, and two inputs
	 * that would be written under one name.
	 */
	public List<Path> files() throws IOException {
		List<Path> files;
		try (Stream<Path> s = recursive ? Files.walk(inDir) : Files.list(inDir)) {
			files = s.filter(p -> Files.isRegularFile(p) || (Files.isSymbolicLink(p) && !Files.exists(p)))
				.filter(p -> !hidden(inDir.relativize(p)))
				.filter(p -> matcher.matches(p.getFileName()))
				.sorted(Comparator.comparing(Path::toString))
				.collect(Collectors.toList());
		}
		if (files.isEmpty()) {
			throw new IllegalArgumentException("no file in '" + inDir + "' matches pattern '" + pattern + "'"
				+ (recursive ? "" : " (add recursive to look in subfolders)"));
		}
		checkDistinctOutputs(files);
		Map<String, Path> reads = reads();
		for (Path f : files) { // a result written over the kernel or bias the batch reads: refused before anything is written
			try {
				OutputPolicy.checkNotRead(reads, java.util.Optional.of(target(f)));
			}
			catch (IllegalArgumentException e) {
				throw new IllegalArgumentException("the result of '" + inDir.relativize(f) + "' would be written as '" + target(f)
					+ "', which is a file this batch reads (" + String.join(", ", reads.keySet()) + "); choose another output"
					+ " folder or move the " + String.join(" and ", reads.keySet()) + " file out of it", e);
			}
		}
		return files;
	}

	private static boolean hidden(Path rel) {
		for (Path part : rel) {
			if (part.toString().startsWith(".")) return true;
		}
		return false;
	}

	/** Refuses, before anything is written, two inputs that would be written under one name (x.png and x.jpg both as x.tif). */
	private void checkDistinctOutputs(List<Path> files) {
		Map<String, Path> byTarget = new HashMap<>();
		boolean foldCase = caseInsensitive(outDir);
		for (Path f : files) {
			Path rel = inDir.relativize(f);
			String key = foldCase ? outputName(rel).toString().toLowerCase(Locale.ROOT) : outputName(rel).toString();
			Path first = byTarget.putIfAbsent(key, rel);
			if (first != null) {
				throw new IllegalArgumentException("'" + first + "' and '" + rel + "' would both be written as '" + outputName(rel)
					+ "'; narrow the pattern (e.g. pattern=*.tif) or move one of them to another folder");
			}
		}
	}

	/**
	 * Whether the file system holding {@code dir} (or its nearest existing folder) takes names whose
	 * letters differ only in case as one name: the nearest existing folder with a letter in its
	 * name is looked up under its name in the other case.
	 */
	static boolean caseInsensitive(Path dir) {
		for (Path p = dir.toAbsolutePath().normalize(); p != null && p.getFileName() != null; p = p.getParent()) {
			if (!Files.isDirectory(p)) continue;
			String name = p.getFileName().toString();
			String other = name.toUpperCase(Locale.ROOT).equals(name) ? name.toLowerCase(Locale.ROOT) : name.toUpperCase(Locale.ROOT);
			if (other.equals(name)) continue; // no letter: look higher up
			Path swapped = p.resolveSibling(other);
			try {
				return Files.exists(swapped) && Files.isSameFile(p, swapped);
			}
			catch (IOException e) {
				return false;
			}
		}
		return false;
	}

	/** Where {@code file} (in the input folder) is written. */
	public Path target(Path file) {
		return outDir.resolve(outputName(inDir.relativize(file)));
	}

	/** Same relative name; images that are neither TIFF nor .npy become .tif (32-bit results). */
	public static Path outputName(Path rel) {
		String name = rel.getFileName().toString();
		String lower = name.toLowerCase(Locale.ROOT);
		if (lower.endsWith(".npy") || lower.endsWith(".tif") || lower.endsWith(".tiff")) return rel;
		int dot = name.lastIndexOf('.');
		String tif = (dot > 0 ? name.substring(0, dot) : name) + ".tif";
		return rel.getParent() == null ? Paths.get(tif) : rel.getParent().resolve(tif);
	}

	/**
	 * Makes an empty temporary folder in the output folder, removing what a killed run left: call
	 * it holding the folder's {@link BatchLock}.
	 */
	public void prepareOutput() throws IOException {
		Files.createDirectories(outDir);
		removeTemporaryFolder();
		Files.createDirectories(temporaryFolder());
	}

	/** Deletes the temporary folder and what is in it. */
	public void removeTemporaryFolder() throws IOException {
		Path tmpDir = temporaryFolder();
		if (!Files.isDirectory(tmpDir)) return;
		try (Stream<Path> s = Files.list(tmpDir)) {
			for (Path p : (Iterable<Path>) s::iterator) Files.deleteIfExists(p);
		}
		Files.deleteIfExists(tmpDir);
	}
}
