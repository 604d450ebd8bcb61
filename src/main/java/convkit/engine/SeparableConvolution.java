package convkit.engine;

/**
 * The separable algorithm, for plans whose every kernel slice {@code [co, ci]} is an outer
 * product {@code u·vᵀ} (detected, not declared): a vertical pass with {@code u} over the padded
 * rows, then a horizontal pass with {@code v}, {@code kH + kW} multiply-adds per output value
 * instead of {@code kH·kW}.
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
	public void compute(ConvPlan plan, Tensor input, OutputBlock block, float[] out) {
		int outW = plan.outputWidth();
		int kh = plan.kernelHeight();
		int kw = plan.kernelWidth();
		int cinG = plan.inChannelsPerGroup();
		int c0 = block.firstChannel();
		int nCo = block.endChannel() - c0;
		PaddedRows padded = new PaddedRows(plan, input);
		float[][] rows = new float[kh][padded.width];
		boolean[] present = new boolean[kh];
		float[] vertical = new float[padded.width];
		float[] tap = new float[outW];
		float[][] acc = new float[nCo][outW];

		for (int oy = block.firstRow(); oy < block.endRow(); oy++) {
			padded.start(acc, c0);
			for (int ci = 0; ci < cinG; ci++) {
				int cAbs = block.group() * cinG + ci;
				for (int ky = 0; ky < kh; ky++) present[ky] = padded.gather(cAbs, oy, ky, rows[ky]);
				for (int j = 0; j < nCo; j++) {
					int slice = (c0 + j) * cinG + ci;
					java.util.Arrays.fill(vertical, 0f);
					for (int ky = 0; ky < kh; ky++) {
						if (present[ky] && u[slice][ky] != 0f) PaddedRows.axpy(vertical, u[slice][ky], rows[ky], padded.width);
					}
					for (int kx = 0; kx < kw; kx++) {
						if (v[slice][kx] == 0f) continue;
						padded.tap(vertical, kx, tap);
						PaddedRows.axpy(acc[j], v[slice][kx], tap, outW);
					}
				}
			}
			padded.store(acc, c0, oy, out);
		}
	}
}
