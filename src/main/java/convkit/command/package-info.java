/**
 * SciJava commands for Fiji scripting and {@code --headless --run}: parameters named exactly as
 * the macro keys, delegating to the same engine as every other front end.
 */
package convkit.command;
