/**
 * The convolution engine: tensors, kernels, convolution specs, padding, the algorithms that
 * compute a layer, and the geometry of sizes and receptive fields.
 * <p>
 * It imports nothing from ImageJ or SciJava (a test enforces this); front ends convert their
 * images to {@link convkit.engine.Tensor}s and call {@link convkit.engine.Conv2d}. Values are
 * immutable and validated where they are made; a refusal is an {@link IllegalArgumentException}
 * whose message names the bad value and what is allowed.
 * <p>
 * Algorithms ({@link convkit.engine.ConvAlgorithm}, picked per call by
 * {@link convkit.engine.Conv2d#algorithmFor}): {@code direct} (tap rows of a tile times the
 * weights, many channels included), {@code separable} (rank-1 kernels, detected) and {@code fft}
 * (stride 1, large kernels). Their inner loops follow {@link convkit.engine.VectorLoops}' shape so
 * HotSpot vectorises them. A run needs its input, its output and a bounded workspace
 * ({@link convkit.engine.Conv2d#workspaceBytes}); the output is computed in blocks of at most
 * 2048 columns so the workspace does not grow with the image.
 */
package convkit.engine;
