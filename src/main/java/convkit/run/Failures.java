package convkit.run;

import convkit.io.Texts;

import java.io.IOException;

/**
 * One line for anything that stopped a run, the same on every route: a refusal's own message, a
 * read or write failure with its kind, and for errors of the JVM (out of memory, a stack overflow)
 * what to do — never a stack trace.
 */
public final class Failures {

	private Failures() {}

	/** Whether {@code t} is a refusal of bad input (exit status 2) rather than a failure while running (1). */
	public static boolean isRefusal(Throwable t) {
		return t instanceof IllegalArgumentException || t instanceof StackOverflowError;
	}

	/** The one-line message for {@code t}. */
	public static String describe(Throwable t) {
		if (t instanceof IllegalArgumentException) return Texts.message(t.getMessage());
		if (t instanceof OutOfMemoryError) {
			return "out of memory; give Java more (java -Xmx8g -jar ..., or Edit > Options > Memory & Threads in ImageJ),"
				+ " or crop, stride or convolve fewer channels at a time";
		}
		if (t instanceof StackOverflowError) return "the input is nested too deeply to be read (brackets within brackets?)";
		if (t instanceof java.io.EOFException) return "read error: a file ends early (cut short, or still being written)";
		if (t instanceof java.nio.file.NoSuchFileException) return "file '" + Texts.shorten(t.getMessage()) + "' does not exist (any more)";
		if (t instanceof java.nio.file.AccessDeniedException) return "file '" + Texts.shorten(t.getMessage()) + "' cannot be read or written (permissions)";
		String kind = t instanceof IOException ? "read or write error" : "internal error (" + t.getClass().getSimpleName() + ")";
		return kind + ": " + (t.getMessage() == null ? t.getClass().getSimpleName() : Texts.message(t.getMessage()));
	}
}
