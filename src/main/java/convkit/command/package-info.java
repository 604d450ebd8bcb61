/**
 * SciJava commands for Fiji scripting and {@code --headless --run}: Conv2D and Conv3D from file
 * to file, parameters named exactly as the macro keys, delegating to the same runner as every
 * other front end.
 */
package convkit.command;
