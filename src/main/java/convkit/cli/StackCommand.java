package convkit.cli;

import convkit.engine.Execution;
import convkit.files.FileSinks;
import convkit.files.FileStack;
import convkit.io.StackText;
import convkit.options.Arguments;
import convkit.options.OptionKey;
import convkit.options.OptionString;
import convkit.options.Streaming;
import convkit.run.RunReport;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Set;

/**
 * {@code stack input=... output=... layers=[...]|layers=@FILE [repeat=N] [threads=N] [stream=...]}:
 * runs a layer stack ({@link StackText}) on one file as PyTorch's {@code nn.Sequential} does
 * ({@link FileStack}), prints every layer's output size and the {@code nn.Sequential} it equals,
 * and writes the result as {@code .npy} or a TIFF hyperstack with its geometry and calibration.
 * Everything is refused before any work: the text, every layer against the size it receives, and
 * an output that is a file the run reads.
 */
final class StackCommand {

	/** The key of the stack text, on every route. */
	static final String LAYERS = StackText.OPTION;

	static final Set<String> KEYS = new java.util.LinkedHashSet<>(Arrays.asList(OptionKey.INPUT.key(), OptionKey.OUTPUT.key(), LAYERS,
		OptionKey.REPEAT.key(), OptionKey.THREADS.key(), OptionKey.STREAM.key()));

	private StackCommand() {}

	static int run(String[] args, PrintStream out) throws IOException {
		OptionString o = Arguments.parse(args, 1, KEYS);
		String inText = o.get(OptionKey.INPUT.key());
		if (inText == null) throw new IllegalArgumentException("option 'input' is required: a .npy file or an image file");
		if (!o.has(LAYERS)) throw new IllegalArgumentException("option 'layers' is required: the stack text, e.g. 'layers=[conv w=w.npy p=1; relu]', or layers=@stack.txt");
		Path in = Paths.get(inText);
		Path outPath = o.has(OptionKey.OUTPUT.key()) ? Paths.get(o.get(OptionKey.OUTPUT.key())) : null;
		if (outPath != null) FileSinks.checkOutput(outPath);
		int repeat = ConvCommand.positive(OptionKey.REPEAT.in(o), OptionKey.REPEAT.key());
		Execution exec = ConvCommand.execution(o);
		FileStack job = new FileStack(StackText.fromOption(o.get(LAYERS)), ConvCommand.MEMORY, Streaming.of(o));
		FileStack.Result r = job.run(in, outPath, null, exec, repeat);
		out.print(r.report()); // made after the runs: the inner loops named are those the last run took
		if (o.has(OptionKey.REPEAT.key())) out.println(RunReport.timing(r.millis()));
		if (outPath == null) {
			out.println("nothing written: no output= was given (add output=FILE.tif or FILE.npy to keep the result)");
			return 0;
		}
		out.println("wrote " + outPath + " " + r.output() + (r.positions() > 1 ? " x " + r.positions() + " positions" : ""));
		return 0;
	}

}
