package convkit.batch;

import convkit.engine.Execution;
import convkit.files.FileSource;
import convkit.files.StackPieces;
import convkit.options.Streaming;
import convkit.run.ConvRunner;
import convkit.run.Failures;
import convkit.run.OutputPolicy;
import convkit.run.PositionRange;
import convkit.run.PositionSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A batch cut into tasks for several machines, made on the driver: every file is one task,
 * largest first — but for one convolution (not a layer stack) a TIFF stack read plane by plane (larger than a quarter of the heap, or
 * {@code stream=yes}) is cut into pieces of positions, and a single such plane into bands of output
 * rows (each reading its rows with their halo, {@code ConvRunner.runPart}), which write into one
 * shared output file ({@link StackPieces}); when the tasks are done, {@link #rows} finishes each stack's
 * file (or discards it when a piece failed) and gives one row per file, as the single-machine
 * batch logs them. The workers run {@link #run(BatchSettings, BatchPiece, ConvRunner, Execution)}.
 */
public final class BatchPlan {

	/** A stack cut into pieces: its source, its shared output and how many pieces it has. */
	private static final class Stack {
		final PositionSource source;
		final StackPieces output;
		final ConvRunner.Finish finish;

		Stack(PositionSource source, StackPieces output, ConvRunner.Finish finish) {
			this.source = source;
			this.output = output;
			this.finish = finish;
		}
	}

	private final List<BatchPiece> pieces;
	private final Map<String, Stack> stacks;

	private BatchPlan(List<BatchPiece> pieces, Map<String, Stack> stacks) {
		this.pieces = pieces;
		this.stacks = stacks;
	}

	/**
	 * Cuts {@code files} of {@code settings} into tasks: stacks read plane by plane into up to
	 * {@code piecesPerStack} pieces (their shared outputs started in the temporary folder, which
	 * must exist), everything else whole; largest first. A stack that cannot be planned here is
	 * left whole, so its task says why.
	 */
	public static BatchPlan of(BatchSettings settings, List<Path> files, BatchWork work, int piecesPerStack) throws IOException {
		ConvRunner runner = work.runner().orElse(null); // a layer stack runs each file whole
		Map<String, Long> sizes = new HashMap<>();
		List<BatchPiece> pieces = new ArrayList<>();
		Map<String, Stack> stacks = new LinkedHashMap<>();
		for (Path f : files) {
			String rel = settings.inputFolder().relativize(f).toString();
			sizes.put(rel, Files.isRegularFile(f) ? Files.size(f) : 0);
			Stack s = runner == null || (settings.skipExisting() && Files.exists(settings.target(f))) ? null : stack(settings, f, runner);
			if (s == null) {
				pieces.add(BatchPiece.whole(rel));
				continue;
			}
			stacks.put(rel, s);
			boolean rows = s.source.positions() == 1; // one plane: its output rows are the pieces
			int n = rows ? s.finish.plan.outputHeight() : s.source.positions();
			int count = Math.max(1, Math.min(n, piecesPerStack));
			for (int i = 0; i < count; i++) {
				int from = (int) ((long) n * i / count);
				int to = (int) ((long) n * (i + 1) / count);
				pieces.add(rows ? BatchPiece.rows(rel, from, to, s.output.target()) : BatchPiece.of(rel, from, to, s.output.target()));
			}
		}
		// largest files first (their pieces share the file's size), so the long tasks start early
		pieces.sort(Comparator.comparing((BatchPiece p) -> -sizes.get(p.file())).thenComparing(BatchPiece::file));
		return new BatchPlan(pieces, stacks);
	}

	private static Stack stack(BatchSettings settings, Path f, ConvRunner runner) {
		try {
			PositionSource source = FileSource.openStreamed(f, settings.options().channels(), 2, settings.streaming()).orElse(null);
			if (source == null) return null;
			ConvRunner.Finish finish = runner.finish(source);
			if (!StackPieces.piecewise(source, finish.pixels)) return null;
			Path target = settings.target(f);
			OutputPolicy.checkDistinct(source.file(), java.util.Optional.of(target));
			Files.createDirectories(target.getParent());
			return new Stack(source, StackPieces.begin(target, settings.temporaryFolder(), source, finish.plan.outputShape(), finish.pixels), finish);
		}
		catch (IOException | RuntimeException e) {
			return null; // its whole-file task meets the same problem and logs it
		}
	}

	/** How many stacks are cut into pieces. */
	public int stacks() {
		return stacks.size();
	}

	/** The tasks, largest files first. */
	public List<BatchPiece> pieces() {
		return pieces;
	}

	/** Runs one task on a worker: a whole file as {@link BatchItem} does, or a convolved stack's positions into its shared output. */
	public static BatchRow run(BatchSettings settings, BatchPiece piece, BatchWork work, Execution exec) {
		Path file = settings.inputFolder().resolve(piece.file());
		if (piece.isWhole()) return BatchItem.run(settings, file, work, exec);
		ConvRunner runner = work.runner().orElseThrow(() -> new IllegalStateException("pieces are planned for convolutions only"));
		long t0 = System.nanoTime();
		try {
			PositionSource source = FileSource.openStreamed(file, settings.options().channels(), 2, Streaming.YES)
				.orElseThrow(() -> new IllegalArgumentException("'" + piece.file() + "' can no longer be read plane by plane"));
			if (piece.isRows()) {
				runner.runPart(source, 0, piece.from(), piece.to(), StackPieces.part(piece.target(), 0, piece.from()), exec);
			}
			else {
				runner.run(new PositionRange(source, piece.from(), piece.to()), StackPieces.piece(piece.target(), piece.from()), exec, 1);
			}
			return new BatchRow(piece.file(), BatchRow.OK, piece.toString(), seconds(t0));
		}
		catch (Throwable t) { // the stack's row says it; the other pieces go on
			return new BatchRow(piece.file(), BatchRow.FAILED, Failures.describe(t), seconds(t0));
		}
	}

	private static double seconds(long t0) {
		return (System.nanoTime() - t0) / 1e9;
	}

	/**
	 * The rows of the batch from the tasks' {@code results}: whole files as they are; for each
	 * stack, its file finished when every piece went well (one row, its time the pieces' sum), or
	 * discarded with the first failure's reason. Sorted by file, as the single-machine batch logs.
	 */
	public List<BatchRow> rows(List<BatchRow> results) {
		Map<String, List<BatchRow>> byStack = new LinkedHashMap<>();
		List<BatchRow> rows = new ArrayList<>();
		for (BatchRow r : results) {
			if (stacks.containsKey(r.file())) byStack.computeIfAbsent(r.file(), k -> new ArrayList<>()).add(r);
			else rows.add(r);
		}
		for (Map.Entry<String, Stack> e : stacks.entrySet()) {
			rows.add(finish(e.getKey(), e.getValue(), byStack.getOrDefault(e.getKey(), List.of())));
		}
		rows.sort(Comparator.comparing(BatchRow::file));
		return rows;
	}

	private static BatchRow finish(String file, Stack s, List<BatchRow> pieces) {
		double seconds = 0;
		String failure = pieces.isEmpty() ? "no piece of it ran" : null;
		for (BatchRow r : pieces) {
			seconds += r.seconds();
			if (failure == null && r.status().equals(BatchRow.FAILED)) failure = r.message();
		}
		if (failure == null) {
			try {
				s.output.finish(s.finish.geometry, s.finish.info);
				return new BatchRow(file, BatchRow.OK, BatchItem.written(s.finish.plan.outputShape(), s.source.positions()), seconds);
			}
			catch (IOException | RuntimeException e) {
				failure = Failures.describe(e);
			}
		}
		s.output.abort();
		return new BatchRow(file, BatchRow.FAILED, failure, seconds);
	}

	/** Discards every stack's shared output (the job failed as a whole). */
	public void abort() {
		for (Stack s : stacks.values()) s.output.abort();
	}
}
