/**
 * The command-line tool packed in the plugin jar: {@code conv}, {@code calc} and {@code --help},
 * taking the same {@code key=value} options as the macro (DESIGN.md §2). Bad input exits
 * non-zero with one line on stderr and leaves no output file.
 */
package convkit.cli;
