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
		AxisGeometry gx = plan.x();
		AxisGeometry gy = plan.y();
		int inW = gx.inputSize();
		int inH = gy.inputSize();
		int outW = gx.outputSize();
		int outH = gy.outputSize();
		int sx = gx.stride();
		int kh = plan.kernelHeight();
		int kw = plan.kernelWidth();
		int cinG = plan.inChannelsPerGroup();
		int c0 = block.firstChannel();
		int nCo = block.endChannel() - c0;
		PaddingMode mode = plan.mode();
		float[] in = input.data();
		float[] bias = plan.biasInternal();
		int usedW = (outW - 1) * sx + gx.dilation() * (kw - 1) + 1;
		int[] colSource = new int[usedW];
		for (int xp = 0; xp < usedW; xp++) colSource[xp] = mode.sourceIndex(xp - gx.padLo(), inW);
		float[][] rows = new float[kh][usedW];
		boolean[] rowZero = new boolean[kh];
		float[] vertical = new float[usedW];
		float[] tap = new float[outW];
		float[][] acc = new float[nCo][outW];

		for (int oy = block.firstRow(); oy < block.endRow(); oy++) {
			for (int j = 0; j < nCo; j++) java.util.Arrays.fill(acc[j], bias == null ? 0f : bias[c0 + j]);
			for (int ci = 0; ci < cinG; ci++) {
				int cAbs = block.group() * cinG + ci;
				for (int ky = 0; ky < kh; ky++) {
					int srcY = mode.sourceIndex(oy * gy.stride() + ky * gy.dilation() - gy.padLo(), inH);
					rowZero[ky] = srcY < 0;
					if (rowZero[ky]) continue;
					int rowBase = (cAbs * inH + srcY) * inW;
					for (int xp = 0; xp < usedW; xp++) {
						int s = colSource[xp];
						rows[ky][xp] = s < 0 ? 0f : in[rowBase + s];
					}
				}
				for (int j = 0; j < nCo; j++) {
					int slice = (c0 + j) * cinG + ci;
					java.util.Arrays.fill(vertical, 0f);
					for (int ky = 0; ky < kh; ky++) {
						float uv = u[slice][ky];
						if (rowZero[ky] || uv == 0f) continue;
						float[] r = rows[ky];
						for (int xp = 0; xp < usedW; xp++) vertical[xp] += uv * r[xp];
					}
					for (int kx = 0; kx < kw; kx++) {
						float vv = v[slice][kx];
						if (vv == 0f) continue;
						int off = kx * gx.dilation();
						if (sx == 1) System.arraycopy(vertical, off, tap, 0, outW);
						else for (int ox = 0; ox < outW; ox++) tap[ox] = vertical[off + ox * sx];
						float[] a = acc[j];
						for (int ox = 0; ox < outW; ox++) a[ox] += vv * tap[ox];
					}
				}
			}
			for (int j = 0; j < nCo; j++) System.arraycopy(acc[j], 0, out, ((c0 + j) * outH + oy) * outW, outW);
		}
	}
}
