/**
 * The convolution engine, for two spatial axes (Conv2D, {@code [C, H, W]}) and three (Conv3D,
 * {@code [C, D, H, W]}) alike — a 2-D convolution is the case with a flat z axis, not a copy:
 * tensors and shapes, kernels, convolution specs, padding and its modes, the plan that resolves
 * a convolution against an input shape, and the algorithms that compute it.
 * <p>
 * It imports nothing from ImageJ or SciJava (a test enforces this). Values are immutable and
 * validated where they are made; a refusal is an {@link IllegalArgumentException} whose message
 * names the bad value and what is allowed.
 * <p>
 * {@link convkit.engine.Convolution#prepare} makes a plan ready to run once — the algorithm chosen,
 * kernel spectra, rank-1 factors or Winograd's transformed kernels computed — and then runs any
 * number of inputs. Algorithms: {@code direct} (tap rows of a tile times the weights, many channels
 * included), {@code separable} (rank-1 kernels, detected; one 1-D pass per axis), {@code fft}
 * (stride 1, large kernels) and {@code winograd} (3×3 and 3×3×3 at stride 1, many channels). A
 * strided plan that reads one phase of its input runs at stride 1 on that phase
 * ({@link convkit.engine.PhaseSplit}). The inner loops follow {@link convkit.engine.VectorLoops}'
 * shape so HotSpot vectorises them; on Java 21+ with {@code jdk.incubator.vector} the same sums run
 * in Vector API kernels ({@link convkit.engine.SimdPath}, four {@link convkit.engine.KernelFamily}s),
 * and channel mixing holds its sums in registers ({@link convkit.engine.MixedRowsWorker}). A run needs its inputs, its outputs and a bounded workspace
 * ({@link convkit.engine.Convolution#workspaceBytes}); the output is computed in blocks of at most
 * 2048 columns so the workspace does not grow with the image.
 * <p>
 * Layer stacks ({@link convkit.engine.LayerStack}, PyTorch's {@code nn.Sequential}) chain
 * {@link convkit.engine.StackLayer}s: convolutions, transposed convolutions
 * ({@link convkit.engine.TransposedConvolution}: each stride phase is a stride-1 convolution on the
 * algorithms above, no zero-stuffed input), max and average pools ({@link convkit.engine.Pooling}),
 * batch norm in eval mode, ReLU and LeakyReLU.
 */
package convkit.engine;
