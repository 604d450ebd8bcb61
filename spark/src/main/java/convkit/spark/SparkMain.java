package convkit.spark;

import convkit.run.Failures;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * {@code java -jar convkit-spark.jar batch master=local[2] input=DIR output=DIR <batch keys>}, or
 * through {@code spark-submit --class convkit.spark.SparkMain convkit-spark.jar batch input=DIR output=DIR ...}.
 * Exit 0 when every file was written or skipped, 1 when any failed (or Spark failed), 2 for bad
 * input — each failure one line on stderr.
 */
public final class SparkMain {

	static final String USAGE = String.join("\n",
		"ConvKit on Apache Spark",
		"",
		"  java -jar convkit-spark.jar batch master=local[2] input=DIR output=DIR [pattern=*.tif] [recursive] [skip_existing] <conv keys>",
		"  spark-submit --class convkit.spark.SparkMain convkit-spark.jar batch input=DIR output=DIR ...",
		"",
		"The keys are those of the single-machine batch (java -jar ConvKit_.jar batch --help): kernel=, bias=, stride=,",
		"padding=, padding_mode=, value=, dilation=, groups=, flip, normalize, channels=, method=, output_type=, convert=,",
		"threads= (per task; default 1, Spark runs tasks side by side). master= is Spark's master URL: local[N],",
		"spark://HOST:7077, yarn, k8s://https://HOST:443; under spark-submit its --master is used. Input and output",
		"folders must be reachable at the same path from every executor (a shared file system).",
		"One task per file, largest first; outputs written atomically; skip_existing resumes; a failed file is a row",
		"of convkit-batch-log.csv and the job goes on; exit 1 when any file failed.",
		"");

	private SparkMain() {}

	public static void main(String[] args) {
		PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
		PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
		// ImageJ's and Java's image readers print their own lines (and stack traces) for a file they
		// cannot read; the job's one line per file says it, so those are dropped, as the command line does
		PrintStream quiet = new PrintStream(java.io.OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
		System.setOut(quiet);
		System.setErr(quiet);
		System.exit(run(args, out, err));
	}

	/** Runs a command; returns the exit status. Used by tests in-process. */
	public static int run(String[] args, PrintStream out, PrintStream err) {
		if (args.length == 0 || isHelp(args[0]) || args.length >= 2 && isHelp(args[1])) {
			out.print(USAGE);
			return 0;
		}
		if (!args[0].equalsIgnoreCase("batch")) {
			err.println("convkit-spark: unknown command '" + args[0] + "'; allowed are batch and --help");
			return 2;
		}
		try {
			return SparkBatch.run(args, out, err);
		}
		catch (Throwable t) { // one line, never a stack trace
			err.println("convkit-spark: " + Failures.describe(t));
			return Failures.isRefusal(t) ? 2 : 1;
		}
	}

	private static boolean isHelp(String a) {
		String h = a.trim().toLowerCase(Locale.ROOT);
		return h.equals("--help") || h.equals("-h") || h.equals("help");
	}
}
