/**
 * Formats: {@code .npy} arrays, kernel text (ImageJ's Convolve rows, CSV, nested lists as numpy
 * and torch print them), kernel presets, the layer-stack text of the calculator and the one that runs
 * ({@link convkit.io.StackText}), and writing
 * files atomically (temporary name, then rename). Nothing
 * here imports ImageJ; arrays come out as {@link convkit.io.NdArray}s and engine values.
 */
package convkit.io;
