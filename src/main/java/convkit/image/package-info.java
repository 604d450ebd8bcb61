/**
 * The ImageJ adapter, without any user interface: ImagePlus images as the runner's sources and
 * sinks (planes or volumes as tensors and back, 8/16-bit read unsigned, RGB as three channels),
 * output calibration, open images as kernels, and the {@code ConvKit.*} geometry properties.
 * Scripts and tests call {@link convkit.image.ImageConvolution#process}; the menu commands in
 * {@code convkit.ij} and the file routes in {@code convkit.files} build on it.
 */
package convkit.image;
