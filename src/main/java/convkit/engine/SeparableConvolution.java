package convkit.engine;

/**
 * The separable algorithm, for plans whose every kernel slice {@code [co, ci]} is an outer
 * product {@code u·vᵀ} (detected, not declared): each padded input row is filtered horizontally
 * with {@code v} once (from its {@link TapRing} taps), then each output row adds its {@code kH}
 * filtered rows weighted by {@code u}: {@code kH + kW} multiply-adds per output value instead of
 * {@code kH·kW}. Filtered rows are kept in a ring like the taps.
 */
final class SeparableConvolution implements ConvAlgorithm {

	/** Relative tolerance of the rank-1 test, against the slice's largest weight. */
	static final double TOLERANCE = 1e-6;

	private final float[][] u;
	private final float[][] v;

	private SeparableConvolution(float[][] u, float[][] v) {
		this.u = u;
		this.v = v;
	}

	/** The algorithm for {@code plan}, or null when some kernel slice is not rank 1. */
	static SeparableConvolution of(ConvPlan plan) {
		int kh = plan.kernelHeight();
		int kw = plan.kernelWidth();
		int slices = plan.outChannels() * plan.inChannelsPerGroup();
		float[] w = plan.weightsInternal();
		float[][] u = new float[slices][kh];
		float[][] v = new float[slices][kw];
		for (int s = 0; s < slices; s++) {
			int base = s * kh * kw;
			int pivot = base;
			for (int i = base; i < base + kh * kw; i++) {
				if (Math.abs(w[i]) > Math.abs(w[pivot])) pivot = i;
			}
			double max = Math.abs(w[pivot]);
			if (max == 0) continue; // an all-zero slice: u = v = 0
			int pr = (pivot - base) / kw;
			int pc = (pivot - base) % kw;
			for (int r = 0; r < kh; r++) u[s][r] = w[base + r * kw + pc];
			for (int c = 0; c < kw; c++) v[s][c] = (float) (w[base + pr * kw + c] / (double) w[pivot]);
			for (int r = 0; r < kh; r++) {
				for (int c = 0; c < kw; c++) {
					if (Math.abs((double) u[s][r] * v[s][c] - w[base + r * kw + c]) > TOLERANCE * max) return null;
				}
			}
		}
		return new SeparableConvolution(u, v);
	}

	@Override
	public String name() {
		return "separable";
	}

	@Override
	public long workspaceBytes(ConvPlan plan, int threads) {
		int tile = tileCapacity(plan);
		long slots = (plan.kernelHeight() - 1L) * plan.y().dilation() + 1;
		long filtered = plan.outChannelsPerGroup() * slots * tile;
		long factors = 2L * plan.outChannels() * plan.inChannelsPerGroup() * Math.max(plan.kernelHeight(), plan.kernelWidth());
		return 4L * (threads * (TapWorker.workspaceFloats(plan, this) + filtered) + factors);
	}

	@Override
	public BlockWorker worker(ConvPlan plan, Tensor input) {
		return new Worker(plan, input);
	}

	private final class Worker extends TapWorker {
		private final int slots;
		private final int[] horizontalRow;
		private final float[][] rows;
		private float[][][] horizontal = new float[0][][];

		Worker(ConvPlan plan, Tensor input) {
			super(plan, input, SeparableConvolution.this);
			slots = (plan.kernelHeight() - 1) * plan.y().dilation() + 1;
			horizontalRow = new int[slots];
			rows = new float[plan.kernelHeight()][];
		}

		@Override
		public void compute(OutputBlock block, float[] out) {
			int kh = plan.kernelHeight();
			int cinG = plan.inChannelsPerGroup();
			int sy = plan.y().stride();
			int dy = plan.y().dilation();
			int tw = block.columns();
			growHorizontal(block.channels(), tw);
			acc.start(block);
			for (int ci = 0; ci < cinG; ci++) {
				ring.start(block.firstColumn(), block.endColumn(), block.group() * cinG + ci);
				java.util.Arrays.fill(horizontalRow, Integer.MIN_VALUE);
				for (int oy = block.firstRow(); oy < block.endRow(); oy++) {
					for (int ky = 0; ky < kh; ky++) filterRow(block, ci, oy * sy + ky * dy);
					for (int j = 0; j < block.channels(); j++) {
						for (int ky = 0; ky < kh; ky++) rows[ky] = horizontal[j][Math.floorMod(oy * sy + ky * dy, slots)];
						VectorLoops.addTaps(acc.row(j, oy - block.firstRow()), u[(block.firstChannel() + j) * cinG + ci], 0, rows, kh, tw);
					}
				}
			}
			acc.store(out);
		}

		/** Filters padded row {@code py} horizontally for every channel of the block, unless already held. */
		private void filterRow(OutputBlock block, int ci, int py) {
			int slot = Math.floorMod(py, slots);
			if (horizontalRow[slot] == py) return;
			float[][] taps = ring.taps(py);
			int cinG = plan.inChannelsPerGroup();
			for (int j = 0; j < block.channels(); j++) {
				float[] h = horizontal[j][slot];
				VectorLoops.setTaps(h, 0f, v[(block.firstChannel() + j) * cinG + ci], 0, taps, plan.kernelWidth(), block.columns());
			}
			horizontalRow[slot] = py;
		}

		private void growHorizontal(int channels, int width) {
			if (horizontal.length >= channels && horizontal[0][0].length >= width) return;
			int w = horizontal.length == 0 ? width : Math.max(width, horizontal[0][0].length);
			horizontal = new float[Math.max(channels, horizontal.length)][slots][w];
		}
	}
}
