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
		int outW = plan.outputWidth();
		int kh = plan.kernelHeight();
		int kw = plan.kernelWidth();
		int cinG = plan.inChannelsPerGroup();
		int c0 = block.firstChannel();
		int nCo = block.endChannel() - c0;
		float[] w = plan.weightsInternal();
		PaddedRows rows = new PaddedRows(plan, input);
		float[] row = new float[rows.width];
		float[] tap = new float[outW];
		float[][] acc = new float[nCo][outW];

		for (int oy = block.firstRow(); oy < block.endRow(); oy++) {
			rows.start(acc, c0);
			for (int ci = 0; ci < cinG; ci++) {
				int cAbs = block.group() * cinG + ci;
				for (int ky = 0; ky < kh; ky++) {
					if (!rows.gather(cAbs, oy, ky, row)) continue;
					for (int kx = 0; kx < kw; kx++) {
						rows.tap(row, kx, tap);
						for (int j = 0; j < nCo; j++) {
							float wv = w[(((c0 + j) * cinG + ci) * kh + ky) * kw + kx];
							if (wv != 0f) PaddedRows.axpy(acc[j], wv, tap, outW);
						}
					}
				}
			}
			rows.store(acc, c0, oy, out);
		}
	}
}
