package convkit.cli;

import convkit.files.FileConvolution;
import convkit.files.TensorFiles;

import convkit.engine.Conv2d;
import convkit.engine.Execution;
import convkit.engine.Kernel;
import convkit.io.KernelSource;
import convkit.options.ConvOptions;
import convkit.options.OptionString;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * {@code conv input=... output=... kernel=... [stride= padding= padding_mode= dilation= groups=
 * bias= flip normalize channels=] [repeat=N] [threads=N]}: convolves one file, prints the size
 * and receptive-field report, and writes the result.
 */
final class ConvCommand {

	static final String INPUT = "input";
	static final String OUTPUT = "output";
	static final String REPEAT = "repeat";
	static final String THREADS = "threads";

	static final Set<String> KEYS;
	static {
		Set<String> k = new LinkedHashSet<>(Arrays.asList(INPUT, OUTPUT));
		k.addAll(ConvOptions.KEYS);
		k.add(REPEAT);
		k.add(THREADS);
		KEYS = k;
	}

	private ConvCommand() {}

	static int run(String[] args, PrintStream out) throws IOException {
		OptionString o = CliArguments.parse(args, 1, KEYS);
		String inText = o.get(INPUT);
		if (inText == null) throw new IllegalArgumentException("option 'input' is required: a .npy file or an image file");
		Path in = Paths.get(inText);
		Path outPath = o.has(OUTPUT) ? Paths.get(o.get(OUTPUT)) : null;
		if (outPath != null) TensorFiles.checkOutput(outPath);
		int repeat = positive(o.get(REPEAT, "1"), REPEAT);
		Execution exec = Execution.defaults();
		if (o.has(THREADS)) exec = exec.withThreads(positive(o.get(THREADS), THREADS));
		ConvOptions options = ConvOptions.from(o);
		exec = exec.withMethod(options.method());
		Kernel kernel = options.kernel(KernelSource.NO_IMAGES);
		float[] bias = options.bias();

		FileConvolution job = FileConvolution.prepare(in, options, kernel, bias);
		if (outPath != null) job.checkOutput(outPath);
		out.print(GeometryText.conv(job.plan, kernel.shapeString()));
		out.println("method: " + Conv2d.algorithmFor(job.plan, exec.method()).name() + ", threads: " + exec.threads() + ", positions (z x t): " + job.positions());

		double[] ms = new double[repeat];
		for (int r = 0; r < repeat; r++) {
			long t0 = System.nanoTime();
			job.run(exec);
			ms[r] = (System.nanoTime() - t0) / 1e6;
		}
		if (o.has(REPEAT)) out.println(timing(ms));
		if (outPath != null) {
			job.write(outPath, outPath.toAbsolutePath().getParent());
			out.println("wrote " + outPath + " " + job.plan.outputShapeString()
				+ (job.positions() > 1 ? " x " + job.positions() + " positions" : ""));
		}
		return 0;
	}

	/** {@code timing: median_ms=… min_ms=… runs=N}. */
	static String timing(double[] ms) {
		double[] s = ms.clone();
		Arrays.sort(s);
		int n = s.length;
		double median = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
		return String.format(Locale.ROOT, "timing: median_ms=%.3f min_ms=%.3f runs=%d", median, s[0], n);
	}

	static int positive(String value, String key) {
		int v = ConvOptions.integer(value, key);
		if (v < 1) throw new IllegalArgumentException(key + " must be at least 1, not " + v);
		return v;
	}
}
