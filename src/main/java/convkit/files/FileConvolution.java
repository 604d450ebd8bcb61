package convkit.files;

import convkit.engine.Convolution;
import convkit.engine.Execution;
import convkit.options.ChannelMapping;
import convkit.options.Streaming;
import convkit.run.ConvRunner;
import convkit.run.PositionSink;
import convkit.run.PositionSource;
import convkit.run.RunReport;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The one file-to-file job every route runs — the command line's {@code conv}/{@code conv3d}, each
 * file of a batch, the macros' {@code convolveFile}, the SciJava commands: the output path checked
 * once, before the input is read; the input opened; the convolution prepared (a route may report it
 * then); the result written whole or not at all.
 * <p>
 * Example: {@code new FileConvolution(runner, ChannelMapping.AUTO, 2, Streaming.AUTO).run(in, out, Execution.defaults())}.
 */
public final class FileConvolution {

	/** What a route does once the input is open and the convolution prepared, before it runs (a report, say). */
	public interface Prepared {
		void accept(PositionSource source, Convolution convolution) throws IOException;
	}

	private final ConvRunner runner;
	private final ChannelMapping mapping;
	private final int rank;
	private final Streaming streaming;

	/** Files convolved by {@code runner}, read under {@code mapping} for a convolution of {@code rank} axes, streamed as {@code streaming} says. */
	public FileConvolution(ConvRunner runner, ChannelMapping mapping, int rank, Streaming streaming) {
		this.runner = runner;
		this.mapping = mapping;
		this.rank = rank;
		this.streaming = streaming;
	}

	/** Convolves {@code input} into {@code output} once. */
	public RunReport run(Path input, Path output, Execution exec) throws IOException {
		return run(input, output, null, exec, 1, (s, c) -> { });
	}

	/**
	 * Convolves {@code input} into {@code output} (null: the result is not written) through a
	 * temporary file in {@code temporaryDir} (null: beside the output), {@code repeat} times;
	 * {@code prepared} is told the source and the convolution before the run.
	 */
	public RunReport run(Path input, Path output, Path temporaryDir, Execution exec, int repeat, Prepared prepared) throws IOException {
		if (output != null) FileSinks.checkOutput(output);
		PositionSource source = FileSource.open(input, mapping, rank, streaming);
		runner.checkWrites(source, java.util.Optional.ofNullable(output)); // nothing a run reads is written over, first of all
		Convolution conv = runner.prepare(source);
		prepared.accept(source, conv);
		PositionSink sink = PositionSink.discard();
		if (output != null) sink = FileSinks.sink(output, temporaryDir == null ? output.toAbsolutePath().getParent() : temporaryDir, source);
		return runner.run(source, sink, exec, repeat);
	}
}
