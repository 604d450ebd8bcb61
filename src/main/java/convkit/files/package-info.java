/**
 * Files as the runner's sources and sinks, shared by the command line ({@code conv},
 * {@code conv3d}, {@code batch}), the SciJava commands and file-to-file macro calls: {@code .npy}
 * arrays (C or Fortran order) and every image ImageJ reads in; {@code .npy} and TIFF out, written
 * atomically (temporary file, then rename). Where ImageJ is not beside the jar, {@link
 * convkit.files.TiffReader} and {@link convkit.files.TiffWriter} read and write TIFF (and read PNG,
 * JPEG, BMP, GIF) the way ImageJ does, so the command line runs from any folder. Depends on the
 * ImageJ adapter ({@code convkit.image}), never on the menu plugins.
 */
package convkit.files;
