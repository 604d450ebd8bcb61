/**
 * Files as the runner's sources and sinks, shared by the command line ({@code conv},
 * {@code conv3d}, {@code batch}), the SciJava commands and file-to-file macro calls: {@code .npy}
 * arrays and every image ImageJ reads in; {@code .npy} and TIFF out, written atomically
 * (temporary file, then rename). Depends on the ImageJ adapter ({@code convkit.image}), never on
 * the menu plugins.
 */
package convkit.files;
