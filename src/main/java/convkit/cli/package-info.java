/**
 * The command-line tool packed in the plugin jar: {@code conv}, {@code conv3d}, {@code calc},
 * {@code batch} and {@code --help}, taking the same {@code key=value} options as the macro. Every
 * command goes through the runner. Bad input exits non-zero with one line on stderr and leaves
 * no output file.
 */
package convkit.cli;
