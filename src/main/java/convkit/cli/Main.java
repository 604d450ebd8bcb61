package convkit.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The command-line tool: {@code java -jar ConvKit_-<version>.jar conv|conv3d|calc|batch|--help ...}.
 * Exit 0 on success; 2 for bad input and 1 for a failure while reading or writing, each with one
 * line on stderr.
 */
public final class Main {

	private Main() {}

	/** Runs the tool and exits with its status. */
	public static void main(String[] args) {
		if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
		PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
		PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
		System.exit(run(args, out, err));
	}

	/** Runs the tool; returns the exit status. Used by tests in-process. */
	public static int run(String[] args, PrintStream out, PrintStream err) {
		if (args.length == 0) {
			out.print(Usage.TEXT);
			return 0;
		}
		String command = args[0].toLowerCase(Locale.ROOT);
		try {
			switch (command) {
				case "--help":
				case "-h":
				case "help":
					out.print(Usage.TEXT);
					return 0;
				case "conv":
					return ConvCommand.run(args, out, 2);
				case "conv3d":
					return ConvCommand.run(args, out, 3);
				case "calc":
					return CalcCommand.run(args, out);
				case "batch":
					return BatchCommand.run(args, out, err);
				default:
					err.println("convkit: unknown command '" + args[0] + "'; allowed are conv, conv3d, calc, batch, --help");
					return 2;
			}
		}
		catch (IllegalArgumentException e) {
			err.println("convkit: " + oneLine(e.getMessage()));
			return 2;
		}
		catch (IOException | RuntimeException e) {
			err.println("convkit: " + e.getClass().getSimpleName().replace("Exception", " error") + ": " + oneLine(e.getMessage()));
			return 1;
		}
		catch (OutOfMemoryError e) {
			err.println("convkit: out of memory; give Java more with -Xmx (e.g. java -Xmx8g -jar ...)");
			return 1;
		}
	}

	private static String oneLine(String s) {
		return s == null ? "(no message)" : s.replace('\n', ' ').replace('\r', ' ');
	}
}
