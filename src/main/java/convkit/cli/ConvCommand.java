package convkit.cli;

import convkit.engine.Convolution;
import convkit.engine.Execution;
import convkit.files.FileSink;
import convkit.files.FileSource;
import convkit.options.ConvOptions;
import convkit.options.OptionString;
import convkit.options.Streaming;
import convkit.run.ConvJob;
import convkit.run.ConvRunner;
import convkit.run.JitWarmup;
import convkit.run.MemoryBudget;
import convkit.run.PositionSink;
import convkit.run.PositionSource;
import convkit.run.RunReport;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * {@code conv} and {@code conv3d}: {@code input=... output=... kernel=... [stride= padding=
 * padding_mode= value= dilation= groups= bias= flip normalize channels= method= output_type= convert=] [repeat=N] [threads=N]
 * [stream=auto|yes|no]}.
 * Convolves one file through the runner, prints the size and receptive-field report, and writes
 * the result.
 */
final class ConvCommand {

	static final String INPUT = "input";
	static final String OUTPUT = "output";
	static final String REPEAT = "repeat";
	static final String THREADS = "threads";

	/** What command-line users do to give Java more memory. */
	static final MemoryBudget MEMORY = MemoryBudget.jvm("give Java more memory with -Xmx (e.g. java -Xmx8g -jar ...)");

	static final Set<String> KEYS;
	static {
		Set<String> k = new LinkedHashSet<>(Arrays.asList(INPUT, OUTPUT));
		k.addAll(ConvOptions.KEYS);
		k.add(REPEAT);
		k.add(THREADS);
		k.add(Streaming.KEY);
		KEYS = k;
	}

	private ConvCommand() {}

	/** Runs {@code conv} ({@code rank} 2) or {@code conv3d} ({@code rank} 3). */
	static int run(String[] args, PrintStream out, int rank) throws IOException {
		OptionString o = CliArguments.parse(args, 1, KEYS);
		String inText = o.get(INPUT);
		if (inText == null) throw new IllegalArgumentException("option 'input' is required: a .npy file or an image file");
		Path in = Paths.get(inText);
		Path outPath = o.has(OUTPUT) ? Paths.get(o.get(OUTPUT)) : null;
		if (outPath != null) FileSink.checkOutput(outPath);
		int repeat = positive(o.get(REPEAT, "1"), REPEAT);
		Execution exec = execution(o);
		ConvOptions options = ConvOptions.from(o, rank);
		ConvJob job = ConvJob.of(options);
		PositionSource source;
		try (JitWarmup warmup = JitWarmup.start(job, exec.threads())) { // the hot loops compile while the input is read
			source = FileSource.open(in, options.channels(), rank, Streaming.of(o));
		}
		PositionSink sink = outPath == null ? PositionSink.discard() : FileSink.to(outPath, source);
		ConvRunner runner = new ConvRunner(job, MEMORY);
		Convolution conv = runner.prepare(source);
		out.print(GeometryText.conv(conv.plan(), job.kernel().shapeString()));
		out.println("method: " + conv.method() + ", threads: " + exec.threads() + ", positions (" + (rank == 3 ? "t" : "z x t") + "): "
			+ source.positions());
		if (source.streamed()) {
			out.println("streamed: planes are read, convolved and written a batch at a time (the stack is never all in memory)");
		}
		RunReport report = runner.run(source, sink, exec, repeat);
		if (o.has(REPEAT)) out.println(report.timing());
		if (outPath != null) {
			out.println("wrote " + outPath + " " + conv.plan().outputShape()
				+ (source.positions() > 1 ? " x " + source.positions() + " positions" : ""));
		}
		else {
			out.println("nothing written: no output= was given (add output=FILE.tif or output=FILE.npy to keep the result)");
		}
		return 0;
	}

	/** Every core, or {@code threads=N}. */
	static Execution execution(OptionString o) {
		Execution exec = Execution.defaults();
		return o.has(THREADS) ? exec.withThreads(positive(o.get(THREADS), THREADS)) : exec;
	}

	static int positive(String value, String key) {
		int v = ConvOptions.integer(value, key);
		if (v < 1) throw new IllegalArgumentException(key + " must be at least 1, not " + v);
		return v;
	}
}
