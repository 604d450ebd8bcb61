package convkit.cli;

import convkit.engine.Execution;
import convkit.files.FileSink;
import convkit.files.FileSource;
import convkit.options.ConvOptions;
import convkit.options.OptionString;
import convkit.run.ConvRunner;
import convkit.run.Failures;
import convkit.run.OutputPolicy;
import convkit.run.PositionSource;
import convkit.run.RunReport;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
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
 * {@code batch input=DIR output=DIR [pattern=*.tif] [recursive] [skip_existing] <conv options>}:
 * convolves every matching file with the same settings and writes it under the same relative
 * name (a {@code .npy} stays {@code .npy}, a TIFF stays TIFF, other images become {@code .tif}).
 * A file that fails, whatever the reason, is reported (stderr and {@code convkit-batch-log.csv},
 * appended run after run) and the rest go on; the exit status is 1 if any failed. Refused before
 * anything is written: an output folder that is or lies inside the input folder (through links
 * too), two inputs with one output name, an output folder another run is writing to. Outputs are
 * written in {@code .convkit-tmp/} and renamed, so an interrupted run leaves no partial file and
 * {@code skip_existing} resumes it.
 */
final class BatchCommand {

	static final String LOG_NAME = "convkit-batch-log.csv";
	static final String TEMPORARY_DIR = ".convkit-tmp";
	static final String LOG_HEADER = "file,status,message,seconds";

	static final Set<String> KEYS;
	static {
		Set<String> k = new LinkedHashSet<>(Arrays.asList("input", "output", "pattern", "recursive", "skip_existing"));
		k.addAll(ConvOptions.KEYS);
		k.add("threads");
		KEYS = k;
	}

	private BatchCommand() {}

	static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
		OptionString o = CliArguments.parse(args, 1, KEYS);
		Path inDir = folder(o, "input");
		Path outDir = folder(o, "output");
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
		boolean skipExisting = ConvOptions.flag(o, "skip_existing");
		Execution exec = ConvCommand.execution(o);
		ConvOptions options = ConvOptions.from(o);
		ConvRunner runner = new ConvRunner(ConvCommand.job(options), ConvCommand.MEMORY);

		List<Path> files = list(inDir, matcher, recursive);
		if (files.isEmpty()) {
			throw new IllegalArgumentException("no file in '" + inDir + "' matches pattern '" + pattern + "'"
				+ (recursive ? "" : " (add recursive to look in subfolders)"));
		}
		checkDistinctOutputs(inDir, files);
		Files.createDirectories(outDir);
		try (BatchLock lock = BatchLock.take(outDir)) {
			Path tmpDir = outDir.resolve(TEMPORARY_DIR);
			clean(tmpDir);
			Files.createDirectories(tmpDir);
			int failed = convert(inDir, outDir, files, skipExisting, options, runner, exec, tmpDir, out, err);
			clean(tmpDir);
			return failed > 0 ? 1 : 0;
		}
	}

	/** Runs every file (a failure of one, whatever it is, becomes its log row); returns how many failed. */
	private static int convert(Path inDir, Path outDir, List<Path> files, boolean skipExisting, ConvOptions options, ConvRunner runner,
		Execution exec, Path tmpDir, PrintStream out, PrintStream err) throws IOException {
		int done = 0;
		int skipped = 0;
		int failed = 0;
		long start = System.nanoTime();
		Path logPath = outDir.resolve(LOG_NAME);
		try (BufferedWriter log = Files.newBufferedWriter(logPath, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
			StandardOpenOption.APPEND)) {
			log.write(LOG_HEADER + "\n"); // every run starts with the header: a resumed run's rows follow the earlier ones
			log.flush();
			for (int i = 0; i < files.size(); i++) {
				Path f = files.get(i);
				Path rel = inDir.relativize(f);
				Path target = outDir.resolve(outputName(rel));
				long t0 = System.nanoTime();
				String status;
				String message = "";
				if (Files.isSymbolicLink(f) && !Files.exists(f)) {
					status = "failed";
					message = "a link to a missing file (" + Files.readSymbolicLink(f) + ")";
					failed++;
					err.println("convkit: " + rel + ": " + message);
				}
				else if (skipExisting && Files.exists(target)) {
					status = "skipped";
					message = "output exists";
					skipped++;
				}
				else {
					try {
						PositionSource source = FileSource.open(f, options.channels(), 2);
						Files.createDirectories(target.getParent());
						RunReport report = runner.run(source, FileSink.to(target, tmpDir, source), exec, 1);
						status = "ok";
						message = report.plan().outputShape() + (report.positions() > 1 ? " x " + report.positions() : "");
						done++;
					}
					catch (Throwable t) { // out of memory and the rest too: the batch goes on
						status = "failed";
						message = Failures.describe(t);
						failed++;
						err.println("convkit: " + rel + ": " + message);
					}
				}
				double seconds = (System.nanoTime() - t0) / 1e9;
				log.write(csv(rel.toString()) + "," + status + "," + csv(message) + "," + String.format(Locale.ROOT, "%.3f", seconds)
					+ "\n");
				log.flush();
				out.println(progress(i + 1, files.size(), rel, status, seconds, (System.nanoTime() - start) / 1e9));
			}
		}
		out.println(String.format(Locale.ROOT, "batch: %d written, %d skipped, %d failed of %d files in %.1f s; log %s", done,
			skipped, failed, files.size(), (System.nanoTime() - start) / 1e9, logPath));
		return failed;
	}

	/** Refuses, before anything is written, two inputs that would be written under one name (x.png and x.jpg both as x.tif). */
	static void checkDistinctOutputs(Path inDir, List<Path> files) {
		Map<String, Path> byTarget = new HashMap<>();
		for (Path f : files) {
			Path rel = inDir.relativize(f);
			String key = outputName(rel).toString().toLowerCase(Locale.ROOT); // case-insensitive file systems too
			Path first = byTarget.putIfAbsent(key, rel);
			if (first != null) {
				throw new IllegalArgumentException("'" + first + "' and '" + rel + "' would both be written as '" + outputName(rel)
					+ "'; narrow the pattern (e.g. pattern=*.tif) or move one of them to another folder");
			}
		}
	}

	private static Path folder(OptionString o, String key) {
		String v = o.get(key);
		if (v == null || v.trim().isEmpty()) throw new IllegalArgumentException("option '" + key + "' is required: a folder");
		return Paths.get(v.trim());
	}

	/**
	 * Matching files, sorted: regular files and links to missing files (each gets a log row),
	 * skipping hidden files and everything in hidden folders.
	 */
	static List<Path> list(Path inDir, PathMatcher matcher, boolean recursive) throws IOException {
		try (Stream<Path> s = recursive ? Files.walk(inDir) : Files.list(inDir)) {
			return s.filter(p -> Files.isRegularFile(p) || (Files.isSymbolicLink(p) && !Files.exists(p)))
				.filter(p -> !hidden(inDir.relativize(p)))
				.filter(p -> matcher.matches(p.getFileName()))
				.sorted(Comparator.comparing(Path::toString))
				.collect(Collectors.toList());
		}
	}

	private static boolean hidden(Path rel) {
		for (Path part : rel) {
			if (part.toString().startsWith(".")) return true;
		}
		return false;
	}

	/** Same relative name; images that are neither TIFF nor .npy become .tif (32-bit results). */
	static Path outputName(Path rel) {
		String name = rel.getFileName().toString();
		String lower = name.toLowerCase(Locale.ROOT);
		if (lower.endsWith(".npy") || lower.endsWith(".tif") || lower.endsWith(".tiff")) return rel;
		int dot = name.lastIndexOf('.');
		String tif = (dot > 0 ? name.substring(0, dot) : name) + ".tif";
		return rel.getParent() == null ? Paths.get(tif) : rel.getParent().resolve(tif);
	}

	/** Deletes leftovers of an earlier run that was killed before it could clean up. */
	private static void clean(Path tmpDir) throws IOException {
		if (!Files.isDirectory(tmpDir)) return;
		try (Stream<Path> s = Files.list(tmpDir)) {
			for (Path p : (Iterable<Path>) s::iterator) Files.deleteIfExists(p);
		}
		Files.deleteIfExists(tmpDir);
	}

	static String progress(int i, int n, Path rel, String status, double seconds, double elapsed) {
		long eta = Math.round(elapsed / i * (n - i));
		return String.format(Locale.ROOT, "[%d/%d] %s %s %.2f s, about %d:%02d:%02d left", i, n, rel, status, seconds, eta / 3600,
			eta / 60 % 60, eta % 60);
	}

	private static String csv(String v) {
		return v.contains(",") || v.contains("\"") || v.contains("\n") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
	}

}
