package convkit.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.cli.Main;
import convkit.engine.Execution;
import convkit.options.Arguments;
import convkit.run.ConvJob;
import convkit.run.ConvRunner;
import convkit.run.MemoryBudget;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.FloatProcessor;
import ij.process.ShortProcessor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch cut into tasks for several machines ({@link BatchPlan}), run here task by task as
 * Spark's workers run them: the same files, byte for byte, as the single-machine {@code batch}
 * writes; a stack with a failed or missing piece leaves no output and says why; tasks largest
 * first; a discarded plan leaves no temporary file.
 */
class BatchPlanTest {

	@TempDir
	Path dir;

	private Path in;

	/** A 16-bit stack of 5 planes (20x16), one 32-bit plane (40x30) and a small .npy array. */
	@BeforeEach
	void folder() throws IOException {
		in = Files.createDirectories(dir.resolve("in"));
		ImageStack s = new ImageStack(20, 16);
		for (int p = 0; p < 5; p++) {
			short[] v = new short[320];
			for (int i = 0; i < v.length; i++) v[i] = (short) ((i * 37 + p * 1001) % 4000);
			s.addSlice("p" + p, new ShortProcessor(20, 16, v, null));
		}
		assertTrue(new FileSaver(new ImagePlus("stack", s)).saveAsTiffStack(in.resolve("stack.tif").toString()));
		float[] v = new float[1200];
		for (int i = 0; i < v.length; i++) v[i] = (float) Math.sin(i * 0.37) * 100;
		assertTrue(new FileSaver(new ImagePlus("plane", new FloatProcessor(40, 30, v))).saveAsTiff(in.resolve("plane.tif").toString()));
		Files.write(in.resolve("small.npy"), npy(8, 9));
	}

	/** A float32 .npy array of {@code h x w} values 0, 1, 2, ... */
	private static byte[] npy(int h, int w) {
		String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + h + ", " + w + "), }";
		StringBuilder sb = new StringBuilder(header);
		while ((10 + sb.length() + 1) % 64 != 0) sb.append(' ');
		sb.append('\n');
		java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(10 + sb.length() + 4 * h * w).order(java.nio.ByteOrder.LITTLE_ENDIAN);
		b.put((byte) 0x93).put("NUMPY".getBytes()).put((byte) 1).put((byte) 0).putShort((short) sb.length()).put(sb.toString().getBytes());
		for (int i = 0; i < h * w; i++) b.putFloat(i);
		return b.array();
	}

	private BatchSettings settings(Path out, String... more) {
		List<String> a = new ArrayList<>(List.of("batch", "input=" + in, "output=" + out, "kernel=[gaussian(1)]", "padding=same",
			"padding_mode=reflect", "stream=yes", "pattern=*"));
		a.addAll(List.of(more));
		return BatchSettings.from(Arguments.parse(a.toArray(new String[0]), 1, BatchSettings.KEYS));
	}

	private static ConvRunner runner(BatchSettings settings) {
		return new ConvRunner(ConvJob.of(settings.options()), MemoryBudget.jvm("more memory"));
	}

	/** The plan of {@code settings}' files, stacks in up to {@code pieces} pieces, its output folder prepared. */
	private static BatchPlan plan(BatchSettings settings, ConvRunner runner, int pieces) throws IOException {
		settings.prepareOutput();
		return BatchPlan.of(settings, settings.files(), BatchWork.of(runner), pieces);
	}

	private static List<BatchRow> runAll(BatchSettings settings, List<BatchPiece> pieces, ConvRunner runner) {
		List<BatchRow> rows = new ArrayList<>();
		for (BatchPiece p : pieces) rows.add(BatchPlan.run(settings, p, BatchWork.of(runner), Execution.defaults()));
		return rows;
	}

	private static List<String> names(Path folder) throws IOException {
		try (Stream<Path> s = Files.walk(folder)) {
			return s.filter(Files::isRegularFile).map(p -> folder.relativize(p).toString()).sorted().collect(Collectors.toList());
		}
	}

	/** Float results, 16-bit ones clamped, and 16-bit ones rescaled over the whole stack (every piece's range). */
	@org.junit.jupiter.params.ParameterizedTest
	@org.junit.jupiter.params.provider.ValueSource(strings = { "output_type=float", "output_type=same", "output_type=same convert=rescale" })
	void piecesWriteTheFilesTheSingleMachineBatchWrites(String outputType) throws IOException {
		Path out = dir.resolve("out");
		BatchSettings settings = settings(out, outputType);
		ConvRunner runner = runner(settings);
		settings.prepareOutput();
		BatchPlan plan = BatchPlan.of(settings, settings.files(), BatchWork.of(runner), 3);
		boolean rescale = outputType.contains("rescale"); // needs the whole stack's range first: the 16-bit stack runs whole
		assertEquals(rescale ? 1 : 2, plan.stacks(), "the stack and the single plane are cut into pieces");
		// the plane (4.8 kB of floats) is the largest file, then the stack (3.2 kB of shorts), then the array
		List<String> stackPieces = rescale ? List.of("stack.tif") : List.of("stack.tif positions [0, 1)", "stack.tif positions [1, 3)",
			"stack.tif positions [3, 5)");
		List<String> expected = new ArrayList<>(List.of("plane.tif rows [0, 10)", "plane.tif rows [10, 20)", "plane.tif rows [20, 30)"));
		expected.addAll(stackPieces);
		expected.add("small.npy");
		assertEquals(expected, plan.pieces().stream().map(BatchPiece::toString).collect(Collectors.toList()));
		for (BatchPiece p : plan.pieces()) {
			assertEquals(p.toString().endsWith(".npy") || p.toString().equals("stack.tif"), p.isWhole(), p.toString());
			assertEquals(p.toString().contains("rows"), p.isRows(), p.toString());
		}
		List<BatchRow> rows = plan.rows(runAll(settings, plan.pieces(), runner));
		assertEquals(List.of("plane.tif", "small.npy", "stack.tif"), rows.stream().map(BatchRow::file).collect(Collectors.toList()));
		for (BatchRow r : rows) assertEquals(BatchRow.OK, r.status(), r.file() + ": " + r.message());
		assertEquals("[1, 30, 40]", rows.get(0).message());
		assertEquals("[1, 16, 20] x 5", rows.get(2).message(), "the output's shape and its positions");
		settings.removeTemporaryFolder();

		Path single = dir.resolve("single");
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		List<String> args = new ArrayList<>(List.of("batch", "input=" + in, "output=" + single, "kernel=[gaussian(1)]", "padding=same",
			"padding_mode=reflect", "stream=yes", "pattern=*"));
		args.addAll(List.of(outputType.split(" ")));
		int status = Main.run(args.toArray(new String[0]), new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
		assertEquals(0, status, err.toString());
		assertEquals(List.of("plane.tif", "small.npy", "stack.tif"), names(out));
		for (String name : names(out)) {
			assertArrayEquals(Files.readAllBytes(single.resolve(name)), Files.readAllBytes(out.resolve(name)), name);
		}
		ij.ImagePlus written = new ij.io.Opener().openImage(out.resolve("stack.tif").toString());
		assertEquals(outputType.contains("same") ? 16 : 32, written.getBitDepth());
		assertEquals(5, written.getStackSize());
	}

	@Test
	void aStackWithAFailedOrMissingPieceLeavesNoFileAndSaysWhy() throws IOException {
		Path out = dir.resolve("out");
		BatchSettings settings = settings(out);
		ConvRunner runner = runner(settings);
		BatchPlan plan = plan(settings, runner, 2);
		List<BatchRow> results = new ArrayList<>();
		for (BatchPiece p : plan.pieces()) {
			if (p.file().equals("plane.tif")) continue; // none of the plane's pieces ran
			BatchRow r = BatchPlan.run(settings, p, BatchWork.of(runner), Execution.defaults());
			assertEquals(BatchRow.OK, r.status(), r.message());
			if (!p.isWhole()) assertEquals(p.toString(), r.message());
			if (p.toString().equals("stack.tif positions [2, 5)")) r = new BatchRow(r.file(), BatchRow.FAILED, "the worker was lost", 0.5);
			results.add(r);
		}
		BatchPiece stackPiece = plan.pieces().stream().filter(p -> p.file().equals("stack.tif")).findFirst().orElseThrow(AssertionError::new);
		convkit.run.PositionSink sink = convkit.files.StackPieces.piece(stackPiece.target(), stackPiece.from());
		assertTrue(sink.takesSlabs());
		Path shared = sink.file().orElseThrow(AssertionError::new);
		assertTrue(shared.startsWith(settings.temporaryFolder()) && Files.isRegularFile(shared), "the stack's shared output: " + shared);
		convkit.engine.ConvPlan other = convkit.engine.ConvPlan.of(1, 3, 3, convkit.engine.Kernel.of(new float[] { 1 }, 1, 1), null,
			convkit.engine.ConvSpec.defaults());
		IllegalArgumentException wrong = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
			() -> sink.begin(other.outputShape(), 1, convkit.run.OutputPixels.FLOAT));
		assertEquals("this piece's output [1, 3, 3] is not the stack's", wrong.getMessage());
		List<BatchRow> rows = plan.rows(results);
		assertEquals(3, rows.size());
		assertEquals(BatchRow.FAILED, rows.get(0).status());
		assertEquals("no piece of it ran", rows.get(0).message());
		assertEquals(BatchRow.OK, rows.get(1).status());
		assertEquals(BatchRow.FAILED, rows.get(2).status());
		assertEquals("the worker was lost", rows.get(2).message());
		assertTrue(rows.get(2).seconds() >= 0.5, "the stack's time is its pieces' sum");
		assertEquals(List.of("small.npy"), names(out), "no output of a stack that failed, nor its temporary file");
	}

	@Test
	void aPieceOfAFileThatChangedSaysSoAndAnAbortedPlanLeavesNothing() throws IOException {
		Path out = dir.resolve("out");
		BatchSettings settings = settings(out);
		ConvRunner runner = runner(settings);
		BatchPlan plan = plan(settings, runner, 2);
		assertTrue(names(out).size() >= 2, "the stacks' shared outputs are started in the temporary folder: " + names(out));
		Files.write(in.resolve("stack.tif"), npy(2, 2)); // no longer a TIFF
		BatchPiece piece = plan.pieces().stream().filter(p -> p.toString().equals("stack.tif positions [0, 2)")).findFirst()
			.orElseThrow(AssertionError::new);
		BatchRow r = BatchPlan.run(settings, piece, BatchWork.of(runner), Execution.defaults());
		assertEquals(BatchRow.FAILED, r.status());
		assertTrue(r.message().contains("stack.tif"), r.message());
		plan.abort();
		assertEquals(List.of(), names(out), "an aborted plan leaves no shared output");
	}

	@Test
	void aResumedBatchLeavesWrittenFilesWholeAndAFileThatCannotBePlannedWholeToSayWhy() throws IOException {
		Path out = Files.createDirectories(dir.resolve("out"));
		Files.write(out.resolve("stack.tif"), new byte[] { 1, 2, 3 }); // written by an earlier run
		Files.write(in.resolve("broken.tif"), new byte[] { 'I', 'I', 42, 0, 0, 0 });
		BatchSettings settings = settings(out, "skip_existing");
		ConvRunner runner = runner(settings);
		settings.prepareOutput();
		BatchPlan plan = BatchPlan.of(settings, settings.files(), BatchWork.of(runner), 4);
		assertEquals(1, plan.stacks(), "only the plane is cut");
		List<String> whole = plan.pieces().stream().filter(BatchPiece::isWhole).map(BatchPiece::toString).collect(Collectors.toList());
		assertEquals(List.of("stack.tif", "small.npy", "broken.tif"), whole, "whole files, largest first");
		List<BatchRow> rows = plan.rows(runAll(settings, plan.pieces(), runner));
		assertEquals(List.of("broken.tif", "plane.tif", "small.npy", "stack.tif"), rows.stream().map(BatchRow::file)
			.collect(Collectors.toList()));
		assertEquals(BatchRow.FAILED, rows.get(0).status());
		assertTrue(rows.get(0).message().contains("too short to be a TIFF"), rows.get(0).message());
		assertEquals(BatchRow.OK, rows.get(1).status());
		assertEquals(BatchRow.SKIPPED, rows.get(3).status());
		assertArrayEquals(new byte[] { 1, 2, 3 }, Files.readAllBytes(out.resolve("stack.tif")), "a skipped output is not touched");
		assertFalse(Files.exists(out.resolve("broken.tif")));
	}
}
