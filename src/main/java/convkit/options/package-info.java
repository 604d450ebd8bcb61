/**
 * The {@code key=value} option strings shared by the macro, the command line and scripts
 * (the README lists them): parsing them, the documented keys, and turning their values into engine specs.
 * Nothing here imports ImageJ.
 */
package convkit.options;
