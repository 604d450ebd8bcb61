package convkit.cli;

import convkit.options.Arguments;
import convkit.engine.Execution;
import convkit.files.FileConvolution;
import convkit.options.ConvOptions;
import convkit.options.OptionKey;
import convkit.options.OptionString;
import convkit.options.Streaming;
import convkit.run.ConvJob;
import convkit.run.ConvRunner;
import convkit.run.JitWarmup;
import convkit.run.MemoryBudget;
import convkit.run.RunReport;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Set;

/**
 * {@code conv} and {@code conv3d}: {@code input=... output=... kernel=... [stride= padding=
 * padding_mode= value= dilation= groups= bias= flip normalize channels= method= output_type= convert=] [repeat=N] [threads=N]
 * [stream=auto|yes|no]}.
 * Convolves one file through the runner, prints the size and receptive-field report, and writes
 * the result.
 */
final class ConvCommand {


	/** What command-line users do to give Java more memory. */
	static final MemoryBudget MEMORY = MemoryBudget.jvm("give Java more memory with -Xmx (e.g. java -Xmx8g -jar ...)");

	static final Set<String> KEYS = OptionKey.keys(OptionKey.INPUT, OptionKey.WARMUP); // the whole table

	private ConvCommand() {}

	/** Runs {@code conv} ({@code rank} 2) or {@code conv3d} ({@code rank} 3). */
	static int run(String[] args, PrintStream out, int rank) throws IOException {
		OptionString o = Arguments.parse(args, 1, KEYS);
		String inText = o.get(OptionKey.INPUT.key());
		if (inText == null) throw new IllegalArgumentException("option 'input' is required: a .npy file or an image file");
		Path in = Paths.get(inText);
		Path outPath = o.has(OptionKey.OUTPUT.key()) ? Paths.get(o.get(OptionKey.OUTPUT.key())) : null;
		int repeat = positive(OptionKey.REPEAT.in(o), OptionKey.REPEAT.key());
		Execution exec = execution(o);
		ConvOptions options = ConvOptions.from(o, rank);
		ConvJob job = ConvJob.of(options);
		ConvRunner runner = new ConvRunner(job, MEMORY);
		// the hot loops compile while the input is read, unless warmup=no
		JitWarmup warmup = ConvOptions.yesNo(OptionKey.WARMUP.in(o), OptionKey.WARMUP.key()) ? JitWarmup.start(job, exec.threads()) : null;
		RunReport report;
		boolean[] streamed = new boolean[1];
		try {
			report = new FileConvolution(runner, options.channels(), rank, Streaming.of(o)).run(in, outPath, null, exec, repeat,
				(source, conv) -> {
					if (warmup != null) warmup.close();
					// many runs ahead: the Vector API kernels compile beside the first ones (a single run never waits for them)
					if (repeat > 1) convkit.engine.SimdPath.warmInBackground();
					out.print(GeometryText.conv(conv.plan(), job.kernel().shapeString()));
					streamed[0] = source.streamed();
				});
		}
		finally {
			if (warmup != null) warmup.close();
		}
		// after the runs: the inner loops named are those the last run took
		out.println("method: " + report.method() + ", threads: " + exec.threads() + ", positions (" + (rank == 3 ? "t" : "z x t") + "): "
			+ report.positions());
		if (streamed[0]) out.println("streamed: planes are read, convolved and written a batch at a time (the stack is never all in memory)");
		if (o.has(OptionKey.REPEAT.key())) out.println(report.timing());
		if (outPath != null) {
			out.println("wrote " + outPath + " " + report.plan().outputShape() + (report.positions() > 1 ? " x " + report.positions()
				+ " positions" : ""));
		}
		else {
			out.println("nothing written: no output= was given (add output=FILE.tif or output=FILE.npy to keep the result)");
		}
		return 0;
	}

	/** Every core, or {@code threads=N}. */
	static Execution execution(OptionString o) {
		Execution exec = Execution.defaults();
		return exec.withThreads(ConvOptions.threads(o, exec.threads()));
	}

	static int positive(String value, String key) {
		int v = ConvOptions.integer(value, key);
		if (v < 1) throw new IllegalArgumentException(key + " must be at least 1, not " + v);
		return v;
	}
}
