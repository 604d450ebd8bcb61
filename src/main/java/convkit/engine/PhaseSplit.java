package convkit.engine;

/**
 * A strided plan whose dilation is a multiple of its stride on every axis (or whose kernel is 1
 * there) reads one phase of its padded input only: with stride {@code s} and dilation
 * {@code d = m·s}, output {@code o} reads padded samples {@code s·o + d·k = s·(o + m·k)}, every
 * {@code s}-th one. Such a plan equals a stride-1 plan with dilation {@code m}, no padding, on
 * that phase {@code Q[j] = P[s·j]} ({@code P} the padded input, its border made by the padding
 * mode) — the same sums in the same order, so the same values. The phase is a copy of
 * {@code 1/s} of the padded input per axis, made once per input; the stride-1 plan's taps are then
 * shifted windows copied whole instead of gathered value by value (B3: stride 2, dilation 2).
 */
final class PhaseSplit {

	private final ConvPlan inner;
	/** Per axis (x, y, z): the input index each phase sample comes from, -1 for the fill value. */
	private final int[][] source = new int[3][];
	private final float fill;

	private PhaseSplit(ConvPlan outer, ConvPlan inner) {
		this.inner = inner;
		this.fill = outer.fillValue();
		for (Axis a : Axis.values()) {
			AxisGeometry g = outer.axis(a);
			int size = inner.axis(a).inputSize();
			source[a.ordinal()] = new int[size];
			for (int j = 0; j < size; j++) {
				source[a.ordinal()][j] = outer.mode().sourceIndex(j * g.stride() - g.padLo(), g.inputSize());
			}
		}
	}

	/** The split of {@code plan}, or null when it has no stride above 1 or some dilation is not a multiple of its stride. */
	static PhaseSplit of(ConvPlan plan) {
		boolean strided = false;
		for (AxisGeometry g : plan.axes()) {
			if (g.kernel() > 1 && g.dilation() % g.stride() != 0) return null;
			strided |= g.stride() > 1;
		}
		if (!strided) return null;
		int rank = plan.rank();
		int[] sizes = new int[3];
		int[] dilation = new int[rank];
		for (Axis a : Axis.values()) {
			AxisGeometry g = plan.axis(a);
			sizes[a.ordinal()] = (int) ((g.paddedSize() + g.stride() - 1) / g.stride());
			if (a.ordinal() < rank) dilation[a.ordinal()] = g.kernel() > 1 ? g.dilation() / g.stride() : 1;
		}
		Shape phase = Shape.of(rank, plan.inChannels(), sizes[2], sizes[1], sizes[0]);
		int[] kernelShape = rank == 3
			? new int[] { plan.outChannels(), plan.inChannelsPerGroup(), plan.kernelDepth(), plan.kernelHeight(), plan.kernelWidth() }
			: new int[] { plan.outChannels(), plan.inChannelsPerGroup(), plan.kernelHeight(), plan.kernelWidth() };
		ConvSpec spec = ConvSpec.builder(rank).dilation(dilation).groups(plan.groups()).build();
		ConvPlan inner = ConvPlan.of(phase, Kernel.of(plan.weightsInternal(), kernelShape), plan.biasInternal(), spec);
		if (!inner.outputShape().equals(plan.outputShape())) {
			throw new IllegalStateException("phase split of " + plan + " gives " + inner.outputShape());
		}
		return new PhaseSplit(plan, inner);
	}

	/** The stride-1 plan that computes the phase. */
	ConvPlan inner() {
		return inner;
	}

	/** Bytes of one input's phase. */
	long phaseBytes() {
		return 4L * inner.inputShape().values();
	}

	/** The phase of {@code in} (an input of the outer plan): {@code Q[c][z][y][x] = P[c][s·z][s·y][s·x]}. */
	Tensor phase(Tensor in) {
		return Tiles.gather(in, inner.inputShape(), source, fill);
	}
}
