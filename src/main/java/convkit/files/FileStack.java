package convkit.files;

import convkit.engine.Execution;
import convkit.engine.LayerStack;
import convkit.engine.Shape;
import convkit.io.StackText;
import convkit.options.ChannelMapping;
import convkit.options.Streaming;
import convkit.run.MemoryBudget;
import convkit.run.OutputPolicy;
import convkit.run.PositionSink;
import convkit.run.PositionSource;
import convkit.run.StackRun;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A layer stack from file to file, as the command line's {@code stack} and each file of a batch
 * run it: the output path checked before the input is read; the input opened (a TIFF stack read
 * plane by plane when it is large, so a 2-D stack streams plane by plane); nothing the run reads
 * ever written over; every layer resolved and the memory checked before any work; the result —
 * {@code .npy} or a TIFF hyperstack carrying its geometry and calibration — written whole or not at
 * all.
 * <p>
 * Example: {@code new FileStack(StackText.fromOption("@block.txt"), memory, Streaming.AUTO).run(in, out, null, exec, 1)}.
 */
public final class FileStack {

	/** A finished run: each position's output shape, how many positions, and the time of each repeat. */
	public static final class Result {
		private final Shape output;
		private final int positions;
		private final double[] millis;
		private final String report;

		Result(Shape output, int positions, double[] millis, String report) {
			this.output = output;
			this.positions = positions;
			this.millis = millis;
			this.report = report;
		}

		/** Every layer's output size and algorithm (the inner loops the last run took), and the PyTorch modules ({@link StackRun#report}). */
		public String report() {
			return report;
		}

		public Shape output() {
			return output;
		}

		public int positions() {
			return positions;
		}

		/** Milliseconds of each run. */
		public double[] millis() {
			return millis.clone();
		}
	}

	private final StackText.Parsed parsed;
	private final MemoryBudget memory;
	private final Streaming streaming;

	/** Files run through the stack {@code parsed} describes, within {@code memory}, streamed as {@code streaming} says. */
	public FileStack(StackText.Parsed parsed, MemoryBudget memory, Streaming streaming) {
		this.parsed = parsed;
		this.memory = memory;
		this.streaming = streaming;
	}

	/** The stack. */
	public LayerStack stack() {
		return parsed.stack();
	}

	/**
	 * Runs the stack on {@code input} into {@code output} (null: nothing is written) through a
	 * temporary file in {@code temporaryDir} (null: beside the output), {@code repeat} times.
	 */
	public Result run(Path input, Path output, Path temporaryDir, Execution exec, int repeat) throws IOException {
		if (output != null) FileSinks.checkOutput(output);
		LayerStack stack = parsed.stack();
		PositionSource source = FileSource.open(input, ChannelMapping.AUTO, stack.rank(), streaming);
		OutputPolicy.checkWrites(source.file(), parsed.reads(), Optional.ofNullable(output));
		int positions = source.positions();
		StackRun run = StackRun.of(stack, source.shape(), false);
		PositionSink sink = output == null ? PositionSink.discard()
			: FileSinks.sink(output, temporaryDir == null ? output.toAbsolutePath().getParent() : temporaryDir, source);
		run.requireMemory(sink.retainedBytes(run.prepared().outputShape(), positions, convkit.run.OutputPixels.FLOAT), memory);
		String[] report = new String[1]; // made once, after the runs, for the output's info and the result
		double[] millis = run.runInto(source, sink, exec, repeat, () -> report[0] = run.report(exec, positions));
		return new Result(run.prepared().outputShape(), positions, millis, report[0]);
	}
}
