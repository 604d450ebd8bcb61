/**
 * The convolution engine: tensors, kernels, convolution specs, padding, the algorithms that
 * compute a layer, and the geometry of sizes and receptive fields.
 * <p>
 * It imports nothing from ImageJ or SciJava (a test enforces this); front ends convert their
 * images to {@link convkit.engine.Tensor}s and call {@link convkit.engine.Conv2d}. Values are
 * immutable and validated where they are made; a refusal is an {@link IllegalArgumentException}
 * whose message names the bad value and what is allowed.
 */
package convkit.engine;
