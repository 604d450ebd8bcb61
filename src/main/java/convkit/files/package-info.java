/**
 * File-to-file convolution shared by the command line ({@code conv}, {@code batch}) and the
 * SciJava command: reading {@code .npy} and image files as tensors, convolving them, and
 * writing results atomically (temporary file, then rename).
 */
package convkit.files;
