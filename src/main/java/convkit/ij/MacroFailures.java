package convkit.ij;

import convkit.run.Failures;
import ij.macro.Interpreter;

import java.awt.GraphicsEnvironment;

/**
 * How a ConvKit command stops a macro: the one-line reason as a "Macro Error" (a line on stderr
 * without a display), no stack trace, no statement after it run; ImageJ's own "macro cancelled"
 * signal passes on.
 */
final class MacroFailures {

	private MacroFailures() {}

	/**
	 * Aborts the running macro with {@code prefix} and {@code t}'s one-line description (every
	 * failure: refusals, read errors, out of memory, a stack overflow); a macro that is already
	 * being cancelled goes on being cancelled.
	 */
	static String fail(String prefix, Throwable t) {
		rethrowIfMacroCancelled(t);
		return abort(prefix + Failures.describe(t));
	}

	/** Lets ImageJ's own "macro cancelled" signal pass on (it is how a macro stops, not a failure to report). */
	static void rethrowIfMacroCancelled(Throwable t) {
		if (t instanceof RuntimeException && ij.Macro.MACRO_CANCELED.equals(t.getMessage())) throw (RuntimeException) t;
	}

	/**
	 * Aborts the running macro with {@code message} ("Macro Error" dialog, or one line on stderr
	 * when there is no display) and returns normally, so ImageJ prints no stack trace and the macro
	 * runs no further statement; outside a macro, throws it as an IllegalArgumentException.
	 */
	static String abort(String message) {
		Interpreter interp = Interpreter.getInstance();
		if (interp == null) throw new IllegalArgumentException(message);
		if (GraphicsEnvironment.isHeadless()) {
			System.err.println("Macro Error: " + message);
			interp.setIgnoreErrors(true); // so abort only marks the macro done (no dialog, no wait for the macro's own thread)
			interp.abort(message);
			return null;
		}
		try {
			interp.abort(message); // shows the Macro Error dialog, marks the macro done, then throws to stop it
		}
		catch (RuntimeException e) {
			if (!ij.Macro.MACRO_CANCELED.equals(e.getMessage())) throw e;
		}
		return null; // returning (not throwing) keeps ImageJ from showing a stack trace of the call
	}
}
