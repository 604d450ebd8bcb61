package convkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.batch.BatchLock;
import convkit.batch.BatchLog;
import convkit.io.Npy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The command line against a hostile user: inputs that would be overwritten, overflowing and
 * hanging settings, files whose headers lie, cut-short images, binary and huge values. Every
 * refusal: the exit status, exactly one line on stderr with no stack trace, no output file, every
 * input file's bytes unchanged, and a time bound this test enforces.
 */
class HostileInputTest {

	/** No refusal may take longer (they are all decided before the work). */
	private static final Duration BOUND = Duration.ofSeconds(20);

	@TempDir
	Path dir;

	@BeforeEach
	void files() throws IOException {
		BatchTest.saveFloat(dir.resolve("x.tif"), 1, 12, 10, 1);
		npy(dir.resolve("x.npy"), new int[] { 1, 10, 12 });
		npy(dir.resolve("v.npy"), new int[] { 1, 4, 6, 5 });
		Files.createDirectories(dir.resolve("d/sub"));
		BatchTest.saveFloat(dir.resolve("d/a.tif"), 1, 8, 8, 2);
		Files.createSymbolicLink(dir.resolve("dl"), dir.resolve("d"));
		Files.createSymbolicLink(dir.resolve("link.npy"), dir.resolve("x.npy"));
		Files.createLink(dir.resolve("hard.npy"), dir.resolve("x.npy"));
		// the other files a run reads: a kernel, a bias, a volume kernel, and a batch whose kernel lies where a result would go
		npy(dir.resolve("k.npy"), new int[] { 3, 3 });
		npy(dir.resolve("b.npy"), new int[] { 1 });
		npy(dir.resolve("k3.npy"), new int[] { 3, 3, 3 });
		Files.createSymbolicLink(dir.resolve("klink.npy"), dir.resolve("k.npy"));
		Files.createLink(dir.resolve("khard.npy"), dir.resolve("k.npy"));
		Files.createDirectories(dir.resolve("bd"));
		npy(dir.resolve("bd/a.npy"), new int[] { 1, 10, 12 });
		Files.createDirectories(dir.resolve("bo"));
		npy(dir.resolve("bo/a.npy"), new int[] { 3, 3 });
		liar(dir.resolve("forty.npy"), "(" + String.join(", ", java.util.Collections.nCopies(40, "65536")) + ")");
		Files.createSymbolicLink(dir.resolve("dsub"), dir.resolve("d/sub"));
		liar(dir.resolve("liar.npy"), "(1, 40000, 40000)");
		liar(dir.resolve("negative.npy"), "(1, -5, 4)");
		liar(dir.resolve("words.npy"), "(1, five, 4)");
		liar(dir.resolve("short.npy"), "(1, 10, 12)");
		Files.write(dir.resolve("notnpy.npy"), "just some text, not an array".getBytes(StandardCharsets.UTF_8));
		byte[] tif = Files.readAllBytes(dir.resolve("x.tif"));
		Files.write(dir.resolve("half.tif"), Arrays.copyOf(tif, tif.length / 2));
		ij.process.ByteProcessor bp = new ij.process.ByteProcessor(60, 40);
		for (int i = 0; i < 60 * 40; i++) bp.set(i, i * 37 % 251);
		ij.io.FileSaver saver = new ij.io.FileSaver(new ij.ImagePlus("p", bp));
		assertTrue(saver.saveAsJpeg(dir.resolve("full.jpg").toString()) && saver.saveAsPgm(dir.resolve("full.pgm").toString()));
		for (String ext : new String[] { "jpg", "pgm" }) {
			byte[] full = Files.readAllBytes(dir.resolve("full." + ext));
			Files.write(dir.resolve("half." + ext), Arrays.copyOf(full, full.length / 2));
		}
		Files.write(dir.resolve("words.txt"), "1 2 3\n4 x 6\n".getBytes(StandardCharsets.UTF_8));
		byte[] binary = new byte[300];
		for (int i = 0; i < binary.length; i++) binary[i] = (byte) (i * 37);
		Files.write(dir.resolve("binary.csv"), binary);
	}

	private static void npy(Path p, int[] shape) throws IOException {
		int n = 1;
		for (int s : shape) n *= s;
		float[] v = new float[n];
		for (int i = 0; i < n; i++) v[i] = (i * 7 % 13) - 6;
		try (OutputStream o = Files.newOutputStream(p)) {
			Npy.write(o, shape, v);
		}
	}

	/** A {@code .npy} whose header declares {@code shape} followed by only 64 bytes of data. */
	private static void liar(Path p, String shape) throws IOException {
		String h = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }";
		StringBuilder b = new StringBuilder(h);
		while ((10 + b.length() + 1) % 64 != 0) b.append(' ');
		b.append('\n');
		byte[] header = b.toString().getBytes(StandardCharsets.ISO_8859_1);
		try (OutputStream o = Files.newOutputStream(p)) {
			o.write(new byte[] { (byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) (header.length & 0xff), (byte) (header.length >> 8) });
			o.write(header);
			o.write(new byte[64]);
		}
	}

	static Stream<Arguments> refusals() {
		String box = "kernel=[box(3)]";
		String many = "[" + String.join("; ", java.util.Collections.nCopies(40, "conv k=3 s=2 p=1")) + "]";
		String huge = "a".repeat(100_000);
		String nested = "[".repeat(5000) + "1" + "]".repeat(5000);
		return Stream.of(
			// 1. an output that is an input, by any spelling
			refusal("output is the input .npy", 2, "is the input file", "conv", "input=$/x.npy", "output=$/x.npy", box),
			refusal("output ./ spelling", 2, "is the input file", "conv", "input=$/x.npy", "output=$/./x.npy", box),
			refusal("output via ..", 2, "is the input file", "conv", "input=$/x.npy", "output=$/d/../x.npy", box),
			refusal("output is a link to the input", 2, "is the input file", "conv", "input=$/x.npy", "output=$/link.npy", box),
			refusal("output is a hard link to the input", 2, "is the input file", "conv", "input=$/x.npy", "output=$/hard.npy", box),
			refusal("input is a link to the output", 2, "is the input file", "conv", "input=$/link.npy", "output=$/x.npy", box),
			refusal("output through a linked folder", 2, "is the input file", "conv", "input=$/d/a.tif", "output=$/dl/a.tif", box),
			refusal("output is the input .tif", 2, "is the input file", "conv", "input=$/x.tif", "output=$/x.tif", box),
			refusal("conv3d output is the input", 2, "is the input file", "conv3d", "input=$/v.npy", "output=$/v.npy",
				"kernel=[box3d(3)]"),
			// 1b. an output that is another file the run reads: the kernel, the bias
			refusal("output is the kernel file", 2, "is the kernel file", "conv", "input=$/x.npy", "kernel=$/k.npy", "output=$/k.npy"),
			refusal("output via .. is the kernel", 2, "is the kernel file", "conv", "input=$/x.npy", "kernel=$/k.npy",
				"output=$/d/../k.npy"),
			refusal("output is a link to the kernel", 2, "is the kernel file", "conv", "input=$/x.npy", "kernel=$/k.npy",
				"output=$/klink.npy"),
			refusal("output is a hard link to the kernel", 2, "is the kernel file", "conv", "input=$/x.npy", "kernel=$/k.npy",
				"output=$/khard.npy"),
			refusal("output is the bias file", 2, "is the bias file", "conv", "input=$/x.npy", box, "bias=$/b.npy", "output=$/b.npy"),
			refusal("conv3d output is the kernel", 2, "is the kernel file", "conv3d", "input=$/v.npy", "kernel=$/k3.npy",
				"output=$/k3.npy"),
			refusal("batch result over its kernel", 2, "which is a file this batch reads (kernel)", "batch", "input=$/bd",
				"output=$/bo", "kernel=$/bo/a.npy", "pattern=*.npy"),
			refusal("batch output is the input folder", 2, "is the input folder", "batch", "input=$/d", "output=$/d", box),
			refusal("batch output links to the input folder", 2, "is the input folder", "batch", "input=$/d", "output=$/dl", box),
			refusal("batch output spelled with ./", 2, "is the input folder", "batch", "input=$/d", "output=$/d/.", box),
			refusal("batch output inside the input folder", 2, "inside the input folder", "batch", "input=$/d", "output=$/d/out", box),
			refusal("batch output links inside the input", 2, "inside the input folder", "batch", "input=$/d", "output=$/dsub",
				box),
			refusal("batch input through a link, output inside", 2, "inside the input folder", "batch", "input=$/dl",
				"output=$/d/sub/o", box),
			// 4, 5. settings that would hang or overflow
			refusal("same with a huge dilation", 2, "more than 2147483647", "conv", "input=$/x.npy", "output=$/o.npy", box,
				"padding=same", "dilation=1073741824"),
			refusal("dilation at the int limit", 2, "2147483647", "conv", "input=$/x.npy", "output=$/o.npy", box,
				"dilation=2147483647"),
			refusal("conv3d huge z dilation", 2, "along z", "conv3d", "input=$/v.npy", "output=$/o.npy", "kernel=[box3d(3)]",
				"dilation=1,1,1073741824", "padding=same"),
			refusal("padding at the int limit", 2, "more than 2147483647", "conv", "input=$/x.npy", "output=$/o.npy", box,
				"padding=2147483647,0"),
			refusal("padding that makes a too large output", 2, "more than a Java array holds", "conv", "input=$/x.npy",
				"output=$/o.npy", box, "padding=1000000000"),
			refusal("calc padding at the int limit", 2, "more than 2147483647", "calc", "layers=[conv k=3 p=2147483647]",
				"size=224"),
			refusal("calc forty stride-2 layers", 2, "more than 2147483647", "calc", "layers=" + many, "size=224"),
			refusal("calc dilation at the int limit", 2, "effective kernel", "calc", "layers=[conv k=3 d=2147483647]", "size=224"),
			refusal("stride beyond int", 2, "stride", "conv", "input=$/x.npy", "output=$/o.npy", box, "stride=99999999999"),
			refusal("negative stride", 2, "stride", "conv", "input=$/x.npy", "output=$/o.npy", box, "stride=-1"),
			refusal("preset too large", 2, "1..255", "conv", "input=$/x.npy", "output=$/o.npy", "kernel=[box(100001)]"),
			// 6. .npy headers that lie
			refusal("npy header promises 6.4 GB", 2, "the header promises", "conv", "input=$/liar.npy", "output=$/o.npy", box),
			refusal("npy negative size", 2, "negative size", "conv", "input=$/negative.npy", "output=$/o.npy", box),
			refusal("npy shape of words", 2, "whole numbers", "conv", "input=$/words.npy", "output=$/o.npy", box),
			refusal("npy data cut short", 2, "the header promises", "conv", "input=$/short.npy", "output=$/o.npy", box),
			refusal("npy of forty dimensions whose product wraps", 2, "more values than a Java array holds", "conv",
				"input=$/forty.npy", "output=$/o.npy", box),
			refusal("output where the file system refuses to write", 1, "cannot write '/proc/o.npy'", "conv", "input=$/x.npy",
				"output=/proc/o.npy", box),
			refusal("npy that is text", 2, "not a .npy file", "conv", "input=$/notnpy.npy", "output=$/o.npy", box),
			refusal("kernel npy that lies", 2, "the header promises", "conv", "input=$/x.npy", "output=$/o.npy",
				"kernel=[$/liar.npy]"),
			refusal("bias npy that lies", 2, "the header promises", "conv", "input=$/x.npy", "output=$/o.npy", box,
				"bias=[$/liar.npy]"),
			refusal("batch-free conv3d npy that lies", 2, "the header promises", "conv3d", "input=$/liar.npy", "output=$/o.npy",
				"kernel=[box3d(3)]"),
			// 8. a cut-short TIFF
			refusal("tiff cut in half", 2, "cut short", "conv", "input=$/half.tif", "output=$/o.tif", box),
			refusal("jpeg cut in half", 2, "cut short", "conv", "input=$/half.jpg", "output=$/o.tif", box),
			refusal("pgm cut in half", 2, "cut short", "conv", "input=$/half.pgm", "output=$/o.tif", box),
			refusal("conv3d tiff cut in half", 2, "cut short", "conv3d", "input=$/half.tif", "output=$/o.tif", "kernel=[box3d(3)]"),
			// 10. memory: JarIT runs the jar with a small fixed heap (a refusal that depends on the heap needs its own JVM)
			// 11. normalize to infinite weights
			refusal("normalize to infinity", 2, "infinite", "conv", "input=$/x.npy", "output=$/o.npy", "kernel=[1e30 -1e30 1e-30]",
				"normalize"),
			// 13. the smaller ones
			refusal("input is a folder", 2, "is a folder", "conv", "input=$/d", "output=$/o.npy", box),
			refusal("output is a folder", 2, "is a folder", "conv", "input=$/x.npy", "output=$/d", box),
			refusal("kernel is a folder", 2, "is a folder", "conv", "input=$/x.npy", "output=$/o.npy", "kernel=[$/d]"),
			refusal("bias is a folder", 2, "is a folder", "conv", "input=$/x.npy", "output=$/o.npy", box, "bias=[$/d]"),
			refusal("batch input is a file", 2, "is a file, not a folder", "batch", "input=$/x.npy", "output=$/out", box),
			refusal("input does not exist", 2, "does not exist", "conv", "input=$/nothing.npy", "output=$/o.npy", box),
			refusal("kernel file of words", 2, "not a finite number", "conv", "input=$/x.npy", "output=$/o.npy",
				"kernel=[$/words.txt]"),
			refusal("kernel file of binary bytes", 2, "kernel", "conv", "input=$/x.npy", "output=$/o.npy",
				"kernel=[$/binary.csv]"),
			refusal("kernel of 100,000 characters", 2, "characters)", "conv", "input=$/x.npy", "output=$/o.npy",
				"kernel=[" + huge + "]"),
			refusal("output name of 5,000 characters", 2, "characters)", "conv", "input=$/x.npy",
				"output=$/" + "n".repeat(5000) + ".png", box),
			refusal("5,000 nested brackets", 2, "more than 6 deep", "conv", "input=$/x.npy", "output=$/o.npy", "kernel=" + nested),
			refusal("unknown option with control bytes", 2, "unknown option", "conv", "input=$/x.npy", "output=$/o.npy", box,
				"bad\u0001\u0007key=1"),
			refusal("unknown command", 2, "unknown command", "convolve\u0000", "input=$/x.npy"),
			refusal("unbalanced bracket", 2, "was expected", "conv", "input=$/x.npy", "output=$/o.npy", "kernel=[1 2 3"),
			refusal("padding mode unknown", 2, "padding_mode", "conv", "input=$/x.npy", "output=$/o.npy", box,
				"padding_mode=mirror"),
			// bad input in 3-D names the axis
			refusal("kernel deeper than the volume", 2, "z", "conv3d", "input=$/v.npy", "output=$/o.npy", "kernel=[box3d(5)]"),
			refusal("z reflect padding past its limit", 2, "z", "conv3d", "input=$/v.npy", "output=$/o.npy", "kernel=[box3d(3)]",
				"padding=1,1,1,1,4,4", "padding_mode=reflect"),
			refusal("groups not dividing the channels", 2, "groups", "conv", "input=$/x.npy", "output=$/o.npy", box, "groups=2"));
	}

	private static Arguments refusal(String name, int status, String says, String... args) {
		return Arguments.of(name, status, says, args);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("refusals")
	void isRefusedInOneLineWithNothingWrittenAndNothingChanged(String name, int status, String says, String[] args)
		throws Exception {
		assertRefused(name, status, says, Arrays.stream(args).map(s -> s.replace("$", dir.toString())).toArray(String[]::new));
	}

	/** Runs {@code args}: refused with {@code status} in one line saying {@code says}, in time, with no file added or changed. */
	private void assertRefused(String name, int status, String says, String... args) throws IOException {
		Map<String, String> before = hashes(dir);
		MainTest.Result r = assertTimeoutPreemptively(BOUND, () -> MainTest.run(args), name + " took longer than " + BOUND);
		assertEquals(status, r.status, name + ": " + r.err);
		assertOneLine(r.err, name);
		assertTrue(r.err.contains(says), name + ": '" + says + "' not in " + r.err);
		assertEquals(before, hashes(dir), name + ": files were added, removed or changed");
	}

	/** Exactly one line, printable, no stack trace. */
	static void assertOneLine(String err, String name) {
		List<String> lines = err.lines().collect(Collectors.toList());
		assertEquals(1, lines.size(), name + ": " + err);
		assertTrue(lines.get(0).startsWith("convkit: "), name + ": " + err);
		assertFalse(err.contains("\tat ") || err.contains("Exception:"), name + ": " + err);
		assertTrue(lines.get(0).length() < 1200, name + ": a line of " + lines.get(0).length() + " characters");
		assertTrue(lines.get(0).chars().noneMatch(c -> Character.isISOControl(c)), name + ": control bytes in " + err);
	}

	/** Every file under {@code root} (links not followed) with the SHA-256 of its bytes. */
	static Map<String, String> hashes(Path root) throws IOException {
		Map<String, String> m = new TreeMap<>();
		try (Stream<Path> s = Files.walk(root)) {
			for (Path p : s.collect(Collectors.toList())) {
				if (Files.isSymbolicLink(p)) m.put(root.relativize(p).toString(), "link to " + Files.readSymbolicLink(p));
				else if (Files.isRegularFile(p)) m.put(root.relativize(p).toString(), sha(Files.readAllBytes(p)));
				else m.put(root.relativize(p) + "/", "folder");
			}
		}
		return m;
	}

	private static String sha(byte[] b) {
		try {
			StringBuilder s = new StringBuilder();
			for (byte x : MessageDigest.getInstance("SHA-256").digest(b)) s.append(String.format("%02x", x));
			return s.toString();
		}
		catch (NoSuchAlgorithmException e) {
			throw new AssertionError(e);
		}
	}

	/** The same formats whole are read (the checks refuse only what is cut short). */
	@Test
	void wholeJpegAndPgmFilesAreConvolved() {
		for (String ext : new String[] { "jpg", "pgm" }) {
			MainTest.Result r = MainTest.run("conv", "input=" + dir.resolve("full." + ext), "output=" + dir.resolve(ext + "-out.tif"),
				"kernel=[box(3)]");
			assertEquals(0, r.status, ext + ": " + r.err);
			assertTrue(Files.exists(dir.resolve(ext + "-out.tif")), ext);
		}
	}

	// 2. output-name collisions, refused before anything is written

	@Test
	void batchInputsThatWouldShareAnOutputNameAreRefusedUpFront() throws Exception {
		Path in = Files.createDirectories(dir.resolve("collide"));
		for (String n : new String[] { "x.png", "x.jpg", "x.tif" }) Files.write(in.resolve(n), new byte[] { 1, 2, 3 });
		assertRefused("collision", 2, "would both be written as 'x.tif'", "batch", "input=" + in, "output=" + dir.resolve("co"),
			"pattern=*", "kernel=[box(3)]");
	}

	// 9. a second run into an output folder in use

	@Test
	void aSecondBatchIntoAFolderInUseIsRefused() throws Exception {
		Path out = Files.createDirectories(dir.resolve("busy"));
		try (FileChannel ch = FileChannel.open(out.resolve(BatchLock.NAME), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
			FileLock held = ch.lock()) {
			assertRefused("locked output folder", 2, "in use by another batch run", "batch", "input=" + dir.resolve("d"),
				"output=" + out, "kernel=[box(3)]");
		}
	}

	// 3, 8, 13. bad files inside a batch: a log row each, the batch goes on, the summary is true

	@Test
	void everyBadFileOfABatchGetsItsRowAndTheRestAreWritten() throws Exception {
		Path in = Files.createDirectories(dir.resolve("mixed"));
		npy(in.resolve("a-good.npy"), new int[] { 1, 10, 12 });
		Files.copy(dir.resolve("liar.npy"), in.resolve("b-liar.npy"));
		Files.copy(dir.resolve("negative.npy"), in.resolve("c-negative.npy"));
		Files.copy(dir.resolve("half.tif"), in.resolve("d-half.tif"));
		Files.createSymbolicLink(in.resolve("e-dangling.npy"), in.resolve("gone.npy"));
		Files.createDirectories(in.resolve(".hidden"));
		npy(in.resolve(".hidden/f-skipped.npy"), new int[] { 1, 10, 12 });
		npy(in.resolve("g-good.npy"), new int[] { 1, 10, 12 });
		Path out = dir.resolve("mixed-out");
		Map<String, String> inputs = hashes(in);
		MainTest.Result r = assertTimeoutPreemptively(BOUND, () -> MainTest.run("batch", "input=" + in, "output=" + out,
			"pattern=*.{npy,tif}", "recursive", "kernel=[box(3)]"));
		assertEquals(1, r.status, r.err);
		assertFalse(r.err.contains("\tat "), r.err);
		assertTrue(r.out.contains("batch: 2 written, 0 skipped, 4 failed of 6 files"), r.out);
		List<String> log = Files.readAllLines(out.resolve(BatchLog.NAME));
		assertEquals(BatchLog.HEADER, log.get(0));
		assertEquals(7, log.size(), String.join("\n", log));
		assertTrue(log.get(1).startsWith("a-good.npy,ok,"), log.get(1));
		assertTrue(log.get(2).startsWith("b-liar.npy,failed,") && log.get(2).contains("the header promises"), log.get(2));
		assertTrue(log.get(3).startsWith("c-negative.npy,failed,") && log.get(3).contains("negative size"), log.get(3));
		assertTrue(log.get(4).startsWith("d-half.tif,failed,") && log.get(4).contains("cut short"), log.get(4));
		assertTrue(log.get(5).startsWith("e-dangling.npy,failed,") && log.get(5).contains("missing file"), log.get(5));
		assertTrue(log.get(6).startsWith("g-good.npy,ok,"), log.get(6));
		try (Stream<Path> s = Files.list(out)) {
			assertEquals(Arrays.asList("a-good.npy", "convkit-batch-log.csv", "g-good.npy"),
				s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList()), "no temporary folder, lock or partial file");
		}
		assertEquals(inputs, hashes(in));

		// a resumed run appends its rows after a header of its own
		MainTest.Result again = MainTest.run("batch", "input=" + in, "output=" + out, "pattern=*.{npy,tif}", "recursive",
			"skip_existing", "kernel=[box(3)]");
		assertEquals(1, again.status);
		List<String> both = Files.readAllLines(out.resolve(BatchLog.NAME));
		assertEquals(14, both.size(), String.join("\n", both));
		assertEquals(BatchLog.HEADER, both.get(7));
		assertTrue(both.get(8).startsWith("a-good.npy,skipped,"), both.get(8));
	}

	// 12. what a killed run left behind is removed by the next run that writes there

	@Test
	void aKilledRunsTemporaryFileIsRemovedByTheNextRun() throws Exception {
		long gone = 4_000_000;
		while (ProcessHandle.of(gone).isPresent()) gone++;
		Path stale = dir.resolve(".convkit-" + gone + "-123-o.npy");
		Files.write(stale, new byte[1000]);
		Path alive = dir.resolve(".convkit-" + ProcessHandle.current().pid() + "-456-other.npy");
		Files.write(alive, new byte[10]);
		MainTest.Result r = MainTest.run("conv", "input=" + dir.resolve("x.npy"), "output=" + dir.resolve("o.npy"), "kernel=[box(3)]");
		assertEquals(0, r.status, r.err);
		assertFalse(Files.exists(stale), "the stale temporary file is removed");
		assertTrue(Files.exists(alive), "a running process's temporary file is left alone");
	}
}
