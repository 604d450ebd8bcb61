package convkit.cli;

import convkit.engine.Execution;
import convkit.engine.LayerStack;
import convkit.engine.Tensor;
import convkit.files.FileSinks;
import convkit.files.FileSource;
import convkit.io.StackText;
import convkit.options.Arguments;
import convkit.options.ChannelMapping;
import convkit.options.OptionKey;
import convkit.options.OptionString;
import convkit.options.Streaming;
import convkit.run.OutputPolicy;
import convkit.run.PositionSource;
import convkit.run.RunReport;
import convkit.run.StackRun;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code stack input=... output=... layers=[...]|layers=@FILE [repeat=N] [threads=N]}: runs a
 * layer stack ({@link StackText}) on one file as PyTorch's {@code nn.Sequential} does, prints
 * every layer's output size and the {@code nn.Sequential} it equals, and writes the result as
 * {@code .npy}. Everything is refused before any work: the text, every layer against the size it
 * receives, and an output that is a file the run reads.
 */
final class StackCommand {

	/** The key of the stack text, on every route. */
	static final String LAYERS = StackText.OPTION;

	static final Set<String> KEYS = new java.util.LinkedHashSet<>(Arrays.asList(OptionKey.INPUT.key(), OptionKey.OUTPUT.key(), LAYERS,
		OptionKey.REPEAT.key(), OptionKey.THREADS.key()));

	private StackCommand() {}

	static int run(String[] args, PrintStream out) throws IOException {
		OptionString o = Arguments.parse(args, 1, KEYS);
		String inText = o.get(OptionKey.INPUT.key());
		if (inText == null) throw new IllegalArgumentException("option 'input' is required: a .npy file or an image file");
		if (!o.has(LAYERS)) throw new IllegalArgumentException("option 'layers' is required: the stack text, e.g. 'layers=[conv w=w.npy p=1; relu]', or layers=@stack.txt");
		Path in = Paths.get(inText);
		Path outPath = o.has(OptionKey.OUTPUT.key()) ? Paths.get(o.get(OptionKey.OUTPUT.key())) : null;
		if (outPath != null) checkOutput(outPath);
		int repeat = ConvCommand.positive(OptionKey.REPEAT.in(o), OptionKey.REPEAT.key());
		Execution exec = ConvCommand.execution(o);
		StackText.Parsed parsed = StackText.fromOption(o.get(LAYERS));
		LayerStack stack = parsed.stack();
		PositionSource source = FileSource.open(in, ChannelMapping.AUTO, stack.rank(), Streaming.NO);
		OutputPolicy.checkWrites(source.file(), parsed.reads(), Optional.ofNullable(outPath));
		int positions = source.positions();
		if (outPath != null && positions > 1 && !source.batched()) {
			throw new IllegalArgumentException("a .npy output holds one tensor, but the input has " + positions + " positions; give one image or a"
				+ " .npy batch [N, C, ...]");
		}
		StackRun run = StackRun.prepare(stack, source.shape(), positions, false, ConvCommand.MEMORY);
		LayerStack.Prepared prepared = run.prepared();
		out.print(run.report(exec, positions));
		double[] millis = new double[repeat];
		List<Tensor> results = new ArrayList<>(positions);
		for (int r = 0; r < repeat; r++) {
			results.clear();
			long t0 = System.nanoTime();
			for (int p = 0; p < positions; p++) results.add(prepared.run(source.read(p), exec));
			millis[r] = (System.nanoTime() - t0) / 1e6;
		}
		if (o.has(OptionKey.REPEAT.key())) out.println(RunReport.timing(millis));
		if (outPath == null) {
			out.println("nothing written: no output= was given (add output=FILE.npy to keep the result)");
			return 0;
		}
		FileSinks.writeNpy(outPath, results, source.batched());
		out.println("wrote " + outPath + " " + prepared.outputShape() + (positions > 1 ? " x " + positions + " positions" : ""));
		return 0;
	}

	/** Refuses, before anything is read, an output the command cannot write. */
	static void checkOutput(Path out) {
		FileSinks.checkOutput(out);
		if (!FileSource.isNpy(out)) {
			throw new IllegalArgumentException("output '" + out + "': stack writes .npy files (TIFF outputs of a stack are not available yet);"
				+ " give output=NAME.npy");
		}
	}
}
