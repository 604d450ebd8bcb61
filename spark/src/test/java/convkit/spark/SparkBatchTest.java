package convkit.spark;

import static convkit.spark.SparkFolders.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.cli.Main;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark job with {@code master=local[2]} in this JVM against the single-machine {@code batch}:
 * the same files byte for byte, the corrupt file a log row and exit 1, {@code skip_existing}
 * resuming, and the same refusals; a missing, malformed or unreachable master is one line.
 */
class SparkBatchTest {

	@TempDir
	Path dir;

	private static final String[] KEYS = { "pattern=*.npy", "recursive", "kernel=[gaussian(1.5)]", "padding=same",
		"padding_mode=reflect" };

	private String[] args(String command, Path in, Path out, String... more) {
		List<String> a = new java.util.ArrayList<>(List.of(command, "input=" + in, "output=" + out));
		a.addAll(List.of(KEYS));
		a.addAll(List.of(more));
		return a.toArray(new String[0]);
	}

	@Test
	void writesTheFilesBatchWritesLogsTheCorruptOneAndResumes() throws IOException {
		Path in = SparkFolders.folder(dir);
		Path single = dir.resolve("single");
		Path spark = dir.resolve("spark");
		SparkFolders.Result b = run(Main::run, args("batch", in, single));
		SparkFolders.Result s = run(SparkMain::run, args("batch", in, spark, "master=local[2]"));
		assertEquals(1, b.status, b.err);
		assertEquals(1, s.status, s.err);
		assertEquals(20, SparkFolders.outputs(spark).size(), s.out);
		SparkFolders.assertSameFiles(single, spark);
		assertTrue(s.err.contains("convkit-spark: broken.npy: ") && s.err.contains(".npy"), s.err);
		assertFalse(s.err.contains("\tat "), "no stack trace: " + s.err);
		assertTrue(s.out.contains("spark: stage 0 (collect) finished: 21 tasks"), s.out);
		assertTrue(s.out.contains("batch: 20 written, 0 skipped, 1 failed of 21 files"), s.out);
		List<String> log = Files.readAllLines(spark.resolve("convkit-batch-log.csv"));
		assertEquals("file,status,message,seconds", log.get(0));
		assertEquals(22, log.size());
		assertTrue(log.get(1).startsWith("broken.npy,failed,"), log.get(1));
		assertTrue(log.stream().anyMatch(l -> l.startsWith("sub/img19.npy,ok,\"[2, 163, 97]\"")), String.join("\n", log));
		assertFalse(Files.exists(spark.resolve(".convkit-tmp")), "temporary folder removed");

		// resume: three outputs gone, skip_existing writes only them
		Files.delete(spark.resolve("img03.npy"));
		Files.delete(spark.resolve("sub/img15.npy"));
		Files.delete(spark.resolve("img10.npy"));
		SparkFolders.Result again = run(SparkMain::run, args("batch", in, spark, "master=local[2]", "skip_existing"));
		assertEquals(1, again.status, again.err);
		assertTrue(again.out.contains("batch: 3 written, 17 skipped, 1 failed of 21 files"), again.out);
		SparkFolders.assertSameFiles(single, spark);
	}

	@Test
	void cutsLargeStacksIntoPiecesOfPlanesAndPlanesIntoRowsAndWritesTheFilesBatchWrites() throws IOException {
		Path in = dir.resolve("in");
		SparkFolders.stacks(in, 23);
		String[][] runs = { { "kernel=[gaussian(1.5)]", "padding=same", "padding_mode=reflect" },
			{ "kernel=[1 2 1; 0 0 0; -1 -2 -1]", "stride=2", "output_type=same", "convert=abs" },
			{ "kernel=[box(3)]", "output_type=same", "convert=rescale" } }; // rescale of 16-bit: a whole task, streamed
		for (int i = 0; i < runs.length; i++) {
			List<String> keys = new java.util.ArrayList<>(List.of("input=" + in, "pattern=*.tif", "recursive", "stream=yes"));
			keys.addAll(List.of(runs[i]));
			Path single = dir.resolve("single" + i);
			Path spark = dir.resolve("spark" + i);
			List<String> b = new java.util.ArrayList<>(keys);
			b.add(0, "batch");
			b.add("output=" + single);
			List<String> sp = new java.util.ArrayList<>(b);
			sp.set(sp.size() - 1, "output=" + spark);
			sp.add("master=local[2]");
			SparkFolders.Result r1 = run(Main::run, b.toArray(new String[0]));
			SparkFolders.Result r2 = run(SparkMain::run, sp.toArray(new String[0]));
			assertEquals(0, r1.status, r1.err);
			assertEquals(0, r2.status, r2.err);
			assertTrue(r2.out.contains(i < 2 ? "(3 large files in pieces: stacks by planes, single planes by rows)"
				: "(2 large files in pieces"), r2.out);
			SparkFolders.assertSameFiles(single, spark);
			assertEquals(Files.readAllLines(single.resolve("convkit-batch-log.csv")).stream().map(l -> l.replaceAll(",[0-9.]+$", ""))
				.collect(java.util.stream.Collectors.toList()), Files.readAllLines(spark.resolve("convkit-batch-log.csv")).stream()
				.map(l -> l.replaceAll(",[0-9.]+$", "")).collect(java.util.stream.Collectors.toList()));
			ij.ImagePlus o = new ij.io.Opener().openImage(spark.resolve("stacks/big.tif").toString());
			assertEquals(23, o.getStackSize());
			assertEquals(i == 0 ? 0.5 : i == 1 ? 1.0 : 0.5, o.getCalibration().pixelWidth, 1e-9);
		}
	}

	@Test
	void runsALayerStackOnEveryFileAsBatchDoesAndRefusesABadOneNamingTheLayer() throws IOException {
		Path in = SparkFolders.folder(dir);
		Path net = Files.createDirectories(dir.resolve("net"));
		Files.write(net.resolve("stack.txt"), "# any channel count\navgpool k=3 s=1 p=1 cip=0\nleakyrelu slope=0.1\nmaxpool k=2 ceil=1\n"
			.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		String[] keys = { "pattern=*.npy", "recursive", "layers=@" + net.resolve("stack.txt") };
		Path single = dir.resolve("single");
		Path spark = dir.resolve("spark");
		List<String> b = new java.util.ArrayList<>(List.of("batch", "input=" + in, "output=" + single));
		b.addAll(List.of(keys));
		List<String> sp = new java.util.ArrayList<>(List.of("batch", "input=" + in, "output=" + spark, "master=local[2]"));
		sp.addAll(List.of(keys));
		SparkFolders.Result one = run(Main::run, b.toArray(new String[0]));
		SparkFolders.Result many = run(SparkMain::run, sp.toArray(new String[0]));
		assertEquals(1, one.status, one.err);
		assertEquals(1, many.status, many.err);
		assertTrue(many.out.contains("21 tasks for 21 files, largest first (one per file)"), many.out);
		assertEquals(20, SparkFolders.outputs(spark).size(), many.out);
		SparkFolders.assertSameFiles(single, spark);
		assertTrue(many.out.contains("batch: 20 written, 0 skipped, 1 failed of 21 files"), many.out);

		Files.write(net.resolve("bad.txt"), "relu\nmaxpool k=2 p=2\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
		SparkFolders.Result bad = run(SparkMain::run, "batch", "master=local[2]", "input=" + in, "output=" + dir.resolve("o"),
			"layers=@" + net.resolve("bad.txt"));
		assertEquals(2, bad.status, bad.err);
		assertEquals(1, bad.err.trim().split("\n").length, bad.err);
		assertTrue(bad.err.startsWith("convkit-spark: layer 2 (maxpool): padding 2 must be at most half the kernel 2"), bad.err);
		assertFalse(Files.exists(dir.resolve("o")), "nothing made for a refused run");
	}

	@Test
	void refusesWhatBatchRefusesAndABadMasterInOneLine() throws IOException {
		Path in = SparkFolders.folder(dir);
		SparkFolders.Result inside = run(SparkMain::run, args("batch", in, in.resolve("out"), "master=local[2]"));
		SparkFolders.Result batchInside = run(Main::run, args("batch", in, in.resolve("out")));
		assertEquals(2, inside.status);
		assertEquals(batchInside.err.trim().replace("convkit: ", ""), inside.err.trim().replace("convkit-spark: ", ""));
		SparkFolders.Result badKernel = run(SparkMain::run, "batch", "master=local[2]", "input=" + in, "output=" + dir.resolve("o"),
			"kernel=[gaussian(-1)]");
		assertEquals(2, badKernel.status);
		assertEquals(1, badKernel.err.trim().split("\n").length, badKernel.err);
		assertFalse(Files.exists(dir.resolve("o")), "nothing made for a refused run");

		// a kernel where a result would go: refused up front, the kernel kept
		Path out = java.nio.file.Files.createDirectories(dir.resolve("kout"));
		java.nio.file.Files.copy(in.resolve("img00.npy"), out.resolve("img00.npy"));
		byte[] kernelBefore = java.nio.file.Files.readAllBytes(out.resolve("img00.npy"));
		SparkFolders.Result overKernel = run(SparkMain::run, "batch", "master=local[2]", "input=" + in, "output=" + out,
			"kernel=" + out.resolve("img00.npy"), "pattern=*.npy");
		assertEquals(2, overKernel.status, overKernel.err);
		assertTrue(overKernel.err.contains("which is a file this batch reads (kernel)"), overKernel.err);
		assertEquals(1, overKernel.err.trim().split("\n").length, overKernel.err);
		assertTrue(java.util.Arrays.equals(kernelBefore, java.nio.file.Files.readAllBytes(out.resolve("img00.npy"))), "the kernel is kept");

		SparkFolders.Result none = run(SparkMain::run, args("batch", in, dir.resolve("o")));
		assertEquals(2, none.status);
		assertTrue(none.err.startsWith("convkit-spark: option 'master' is required outside spark-submit"), none.err);
		SparkFolders.Result malformed = run(SparkMain::run, args("batch", in, dir.resolve("o"), "master=nowhere"));
		assertEquals(2, malformed.status);
		assertTrue(malformed.err.startsWith("convkit-spark: Spark could not start with master 'nowhere'"), malformed.err);
		assertEquals(1, malformed.err.trim().split("\n").length, malformed.err);
		assertFalse(Files.exists(dir.resolve("o")), "nothing made when Spark cannot start");
		SparkFolders.Result unreachable = run(SparkMain::run, args("batch", in, dir.resolve("o"), "master=spark://127.0.0.1:1"));
		assertEquals(1, unreachable.status);
		assertTrue(unreachable.err.contains("master 'spark://127.0.0.1:1' is unreachable"), unreachable.err);
		assertEquals(1, unreachable.err.trim().split("\n").length, unreachable.err);
	}

	@org.junit.jupiter.api.Test
	void executorsGetTheVectorModuleWhenTheDriverHasIt() {
		String key = "spark.executor.extraJavaOptions";
		org.apache.spark.SparkConf none = SparkBatch.withVectorModule(new org.apache.spark.SparkConf(false), false);
		org.junit.jupiter.api.Assertions.assertFalse(none.contains(key));
		org.apache.spark.SparkConf bare = SparkBatch.withVectorModule(new org.apache.spark.SparkConf(false), true);
		org.junit.jupiter.api.Assertions.assertEquals("--add-modules=jdk.incubator.vector", bare.get(key));
		org.apache.spark.SparkConf given = SparkBatch.withVectorModule(new org.apache.spark.SparkConf(false).set(key, "-Xss4m"), true);
		org.junit.jupiter.api.Assertions.assertEquals("-Xss4m --add-modules=jdk.incubator.vector", given.get(key));
		org.apache.spark.SparkConf already = SparkBatch.withVectorModule(
			new org.apache.spark.SparkConf(false).set(key, "--add-modules jdk.incubator.vector"), true);
		org.junit.jupiter.api.Assertions.assertEquals("--add-modules jdk.incubator.vector", already.get(key));
	}
}
