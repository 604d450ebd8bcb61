package convkit.engine;

/**
 * The direct algorithm: for each output row, each input channel of the group and each kernel
 * row, the padded input row is gathered once and every kernel tap of every output channel of the
 * block is added from it. Works for every plan.
 */
public final class DirectConvolution implements ConvAlgorithm {

	@Override
	public String name() {
		return "direct";
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
		int sy = gy.stride();
		int dx = gx.dilation();
		int dy = gy.dilation();
		int kh = plan.kernelHeight();
		int kw = plan.kernelWidth();
		int cinG = plan.inChannelsPerGroup();
		int nCo = block.endChannel() - block.firstChannel();
		PaddingMode mode = plan.mode();
		float[] in = input.data();
		float[] w = plan.weightsInternal();
		float[] bias = plan.biasInternal();

		int usedW = (outW - 1) * sx + dx * (kw - 1) + 1;
		int[] colSource = new int[usedW];
		for (int xp = 0; xp < usedW; xp++) colSource[xp] = mode.sourceIndex(xp - gx.padLo(), inW);
		float[] row = new float[usedW];
		// One accumulator row per output channel and a shifted copy of the input row per tap keep
		// the hot loop in the form a[i] += w * b[i], which HotSpot vectorises.
		float[][] acc = new float[nCo][outW];
		float[] tap = new float[outW];
		int c0 = block.firstChannel();

		for (int oy = block.firstRow(); oy < block.endRow(); oy++) {
			for (int j = 0; j < nCo; j++) java.util.Arrays.fill(acc[j], bias == null ? 0f : bias[c0 + j]);
			for (int ci = 0; ci < cinG; ci++) {
				int cAbs = block.group() * cinG + ci;
				for (int ky = 0; ky < kh; ky++) {
					int srcY = mode.sourceIndex(oy * sy + ky * dy - gy.padLo(), inH);
					if (srcY < 0) continue;
					int rowBase = (cAbs * inH + srcY) * inW;
					for (int xp = 0; xp < usedW; xp++) {
						int s = colSource[xp];
						row[xp] = s < 0 ? 0f : in[rowBase + s];
					}
					for (int kx = 0; kx < kw; kx++) {
						int off = kx * dx;
						if (sx == 1) System.arraycopy(row, off, tap, 0, outW);
						else for (int ox = 0; ox < outW; ox++) tap[ox] = row[off + ox * sx];
						for (int j = 0; j < nCo; j++) {
							float wv = w[(((c0 + j) * cinG + ci) * kh + ky) * kw + kx];
							if (wv != 0f) axpy(acc[j], wv, tap, outW);
						}
					}
				}
			}
			for (int j = 0; j < nCo; j++) System.arraycopy(acc[j], 0, out, ((c0 + j) * outH + oy) * outW, outW);
		}
	}

	/** {@code a[i] += w * b[i]} for {@code i < n}: the loop shape HotSpot vectorises. */
	private static void axpy(float[] a, float w, float[] b, int n) {
		for (int i = 0; i < n; i++) a[i] += w * b[i];
	}
}
