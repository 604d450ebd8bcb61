package convkit.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * A prepared convolution: made once from a {@link ConvPlan} — the algorithm chosen, kernel
 * spectra or rank-1 factors computed, the workspace bound stated — then run on any number of
 * inputs of the plan's shape (every position of a stack, every file of a batch) without repeating
 * that work and without copying the weights. Several inputs run as one job, their blocks spread
 * over the threads together. Immutable and safe to share between threads.
 * <p>
 * Example:
 * <pre>
 * ConvPlan plan = ConvPlan.of(input.shape(), kernel, null, spec);
 * Convolution conv = Convolution.prepare(plan, Method.AUTO);
 * Tensor out = conv.run(input, Execution.defaults());
 * </pre>
 */
public final class Convolution {

	private final ConvPlan plan;
	/** The phase the algorithm computes instead of the plan ({@link PhaseSplit}), or null. */
	private final PhaseSplit split;
	private final ConvAlgorithm algorithm;
	/**
	 * With a phase split whose plan the direct algorithm computes: the direct algorithm on the plan
	 * itself, taken once the Vector API path mixes the channels in registers ({@link VectorLoops#simdMix}),
	 * whose copy of each block packs the phase it reads, so no phase of the whole input is made
	 * (B3: 0.86 ms a run against 1.0); null otherwise. The same sums in the same order either way.
	 */
	private final ConvAlgorithm inPlace;

	private Convolution(ConvPlan plan, PhaseSplit split, ConvAlgorithm algorithm, ConvAlgorithm inPlace) {
		this.plan = plan;
		this.split = split;
		this.algorithm = algorithm;
		this.inPlace = inPlace;
	}

	/**
	 * Prepares {@code plan} with {@code method}. {@code auto} takes the separable algorithm when
	 * every kernel slice is rank 1 and that saves at least half the multiply-adds
	 * ({@code 2·Σk ≤ Πk} over the plan's axes); else Winograd's for a 3×3 (3×3×3) kernel at stride 1
	 * and dilation 1 with many input and output channels per group ({@link WinogradConvolution#pays}) — but not on
	 * the Vector API path, whose direct channel mixing in registers ({@link DirectConvolution#mixesInPlace}) is
	 * faster (B7: 17.6 ms against 29; B2: 22.8 against 23.3); else the FFT one at stride 1 when its estimated cost
	 * ({@link FftConvolution#costRatio}) is below 0.8 of the direct one's; else the direct one. A
	 * forced method that cannot compute the plan is refused with the reason. A strided plan whose
	 * dilations are multiples of its strides is computed on its input's one read phase at stride 1
	 * ({@link PhaseSplit}) by {@code auto} (choosing for that plan), {@code direct} and {@code separable} —
	 * but where that is the direct algorithm, once the Vector API path mixes the channels in registers,
	 * the mixing copies that phase block by block itself (the same sums in the same order).
	 */
	public static Convolution prepare(ConvPlan plan, Method method) {
		PhaseSplit split = method == Method.AUTO || method == Method.DIRECT || method == Method.SEPARABLE ? PhaseSplit.of(plan) : null;
		ConvAlgorithm algorithm = choose(split == null ? plan : split.inner(), method);
		boolean inPlace = split != null && algorithm instanceof DirectConvolution && DirectConvolution.mixesInPlace(plan);
		return new Convolution(plan, split, algorithm, inPlace ? new DirectConvolution(plan) : null);
	}

	private static ConvAlgorithm choose(ConvPlan plan, Method method) {
		switch (method) {
			case DIRECT:
				return new DirectConvolution(plan);
			case SEPARABLE: {
				RankOneFactors f = RankOneFactors.of(plan);
				if (f == null) {
					throw new IllegalArgumentException("method=separable needs every kernel to be an outer product of one vector per"
						+ " axis (rank 1); this one is not; use method=auto or direct");
				}
				return new SeparableConvolution(plan, f);
			}
			case FFT:
				return FftConvolution.of(plan);
			case WINOGRAD:
				return WinogradConvolution.of(plan);
			default: {
				long sum = 0;
				for (AxisGeometry g : plan.axes()) sum += g.kernel();
				if (2 * sum <= plan.kernelVolume()) {
					RankOneFactors f = RankOneFactors.of(plan);
					if (f != null) return new SeparableConvolution(plan, f);
				}
				if (WinogradConvolution.refusal(plan) == null && WinogradConvolution.pays(plan) && !DirectConvolution.mixesInPlace(plan)) {
					return WinogradConvolution.of(plan);
				}
				if (FftConvolution.refusal(plan) == null && FftConvolution.costRatio(plan) < 0.8) return FftConvolution.of(plan);
				return new DirectConvolution(plan);
			}
		}
	}

	/** The plan this convolution computes. */
	public ConvPlan plan() {
		return plan;
	}

	/** The algorithm that computes it: {@code direct}, {@code separable}, {@code fft} or {@code winograd}. */
	public Method method() {
		return algorithm.method();
	}

	/**
	 * The algorithm and the inner loops it runs, as reports name them: {@code direct (vector 512-bit)},
	 * {@code winograd (auto-vectorised loops)}; the FFT's loops are always the auto-vectorised ones.
	 */
	public String methodLabel() {
		return method().label() + " (" + SimdPath.loopsLabel(method()) + ")";
	}

	/**
	 * The most bytes a run on {@code threads} threads holds besides its inputs and outputs:
	 * what the algorithm keeps for every run (kernel spectra, factors) plus each thread's
	 * workspace. Peak memory of a run is inputs + outputs + this.
	 */
	public long workspaceBytes(int threads) {
		int n = Math.max(1, threads);
		long run = n * algorithm.workerBytes() + (split == null ? 0 : split.phaseBytes());
		if (inPlace == null) return algorithm.sharedBytes() + run;
		// both are held; a run takes one or the other
		return algorithm.sharedBytes() + inPlace.sharedBytes() + Math.max(run, n * inPlace.workerBytes());
	}

	/** Convolves {@code input} with every core. */
	public Tensor run(Tensor input) {
		return run(input, Execution.defaults());
	}

	/**
	 * Convolves {@code input}, whose shape must be the plan's.
	 *
	 * @throws CancellationException when the execution reports cancellation; no result is returned
	 */
	public Tensor run(Tensor input, Execution exec) {
		return run(Collections.singletonList(input), exec).get(0);
	}

	/**
	 * Convolves every tensor of {@code inputs} (each of the plan's shape) as one job: their
	 * blocks go to the threads together, so many small inputs keep every core busy.
	 *
	 * @throws CancellationException when the execution reports cancellation; no result is returned
	 */
	public List<Tensor> run(List<Tensor> inputs, Execution exec) {
		float[][] out = new float[inputs.size()][];
		for (int p = 0; p < out.length; p++) out[p] = new float[plan.outputShape().values()];
		return runInto(inputs, out, exec);
	}

	/**
	 * {@link #run(List, Execution)} into {@code out}, one array of the output's size per input, every
	 * value overwritten (what they held before does not matter): a run repeated on the same inputs
	 * reuses its output arrays instead of allocating them again.
	 *
	 * @throws CancellationException when the execution reports cancellation; {@code out} is then partly written
	 */
	public List<Tensor> runInto(List<Tensor> inputs, float[][] out, Execution exec) {
		if (out.length != inputs.size()) throw new IllegalArgumentException(out.length + " output arrays for " + inputs.size() + " inputs");
		if (inputs.isEmpty()) return Collections.emptyList();
		float[][] in = new float[inputs.size()][];
		for (int p = 0; p < in.length; p++) {
			Tensor t = inputs.get(p);
			if (!t.shape().equals(plan.inputShape())) {
				throw new IllegalArgumentException("input " + t.shapeString() + " does not match the plan's input " + plan.inputShape());
			}
			if (out[p].length != plan.outputShape().values()) {
				throw new IllegalArgumentException("output array " + p + " holds " + out[p].length + " values, not the " + plan.outputShape().values()
					+ " of " + plan.outputShape());
			}
			in[p] = t.data();
		}
		if (inPlace != null && VectorLoops.simdMix != null) BlockRunner.run(Blocks.of(plan, inPlace, in.length, exec.threads()), inPlace, in, out, exec);
		else if (split == null) BlockRunner.run(Blocks.of(plan, algorithm, in.length, exec.threads()), algorithm, in, out, exec);
		else runPhases(in, out, exec);
		List<Tensor> result = new ArrayList<>(out.length);
		for (float[] o : out) result.add(Tensor.wrap(plan.outputShape(), o));
		return Collections.unmodifiableList(result);
	}

	/**
	 * The inputs one at a time through their phases (one phase held at once, as
	 * {@link #workspaceBytes} states), progress counted over all of them.
	 */
	private void runPhases(float[][] in, float[][] out, Execution exec) {
		List<OutputBlock> blocks = Blocks.of(split.inner(), algorithm, 1, exec.threads());
		long perInput = blocks.size();
		for (int p = 0; p < in.length; p++) {
			long before = p * perInput;
			Execution one = exec.withProgress((done, total) -> exec.progress().progress(before + done, in.length * perInput));
			float[] phase = split.phase(Tensor.wrap(plan.inputShape(), in[p])).data();
			BlockRunner.run(blocks, algorithm, new float[][] { phase }, new float[][] { out[p] }, one);
		}
	}

	@Override
	public String toString() {
		return "Convolution(" + algorithm.method().label() + ", " + plan + ")";
	}
}
