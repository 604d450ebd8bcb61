package convkit.cli;

import convkit.run.Failures;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
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
		// ImageJ writes its own lines (and at times a stack trace) to System.out/err when a file
		// cannot be opened; the tool's one line says it, so those are dropped
		PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
		System.setOut(quiet);
		System.setErr(quiet);
		System.exit(run(args, out, err));
	}

	/** Runs the tool; returns the exit status. Used by tests in-process. */
	public static int run(String[] args, PrintStream out, PrintStream err) {
		if (args.length == 0) {
			out.print(Usage.TEXT);
			return 0;
		}
		String command = args[0].toLowerCase(Locale.ROOT);
		String help = Usage.of(command);
		if (args.length >= 2 && isHelp(args[1]) && help != null) {
			out.print(help);
			return 0;
		}
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
				case "stack":
					return StackCommand.run(args, out);
				case "batch":
					return BatchCommand.run(args, out, err);
				default:
					err.println("convkit: unknown command '" + convkit.io.Texts.shorten(args[0]) + "'; allowed are conv, conv3d, stack, calc, batch, --help");
					return 2;
			}
		}
		catch (Throwable t) { // whatever the input: one line, never a stack trace
			err.println("convkit: " + Failures.describe(t));
			return Failures.isRefusal(t) ? 2 : 1;
		}
	}

	private static boolean isHelp(String a) {
		String h = a.trim().toLowerCase(Locale.ROOT);
		return h.equals("--help") || h.equals("-h") || h.equals("help");
	}
}
