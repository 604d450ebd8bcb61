package convkit.engine;

/**
 * The direct algorithm, for every plan: input channel by input channel, the padded rows of the
 * block's column tile are cut into kernel-column taps once ({@link TapRing}), and each output row
 * of each output channel adds its {@code kH·kW} weighted taps with {@link VectorLoops}, five
 * arrays per pass. The input channel loop is outermost, so a row's taps are reused by every output
 * channel and kernel row while they are in cache.
 * Workspace per thread: the ring ({@link TapRing#workspace}) plus the block's accumulators.
 */
public final class DirectConvolution implements ConvAlgorithm {

	@Override
	public String name() {
		return "direct";
	}

	@Override
	public long workspaceBytes(ConvPlan plan, int threads) {
		return 4L * threads * TapWorker.workspaceFloats(plan, this);
	}

	@Override
	public BlockWorker worker(ConvPlan plan, Tensor input) {
		return new Worker(plan, input, this);
	}

	private static final class Worker extends TapWorker {
		private final float[] w;
		private final float[][] rowTaps;

		Worker(ConvPlan plan, Tensor input, ConvAlgorithm algorithm) {
			super(plan, input, algorithm);
			this.w = plan.weightsInternal();
			rowTaps = new float[plan.kernelHeight() * plan.kernelWidth()][];
		}

		@Override
		public void compute(OutputBlock block, float[] out) {
			int kh = plan.kernelHeight();
			int kw = plan.kernelWidth();
			int cinG = plan.inChannelsPerGroup();
			int sy = plan.y().stride();
			int dy = plan.y().dilation();
			acc.prepare(block);
			for (int ci = 0; ci < cinG; ci++) {
				ring.start(block.firstColumn(), block.endColumn(), block.group() * cinG + ci);
				for (int oy = block.firstRow(); oy < block.endRow(); oy++) {
					for (int ky = 0; ky < kh; ky++) System.arraycopy(ring.taps(oy * sy + ky * dy), 0, rowTaps, ky * kw, kw);
					for (int j = 0; j < block.channels(); j++) {
						int offset = ((block.firstChannel() + j) * cinG + ci) * kh * kw;
						float[] a = acc.row(j, oy - block.firstRow());
						if (ci == 0) VectorLoops.setTaps(a, acc.bias(j), w, offset, rowTaps, kh * kw, block.columns());
						else VectorLoops.addTaps(a, w, offset, rowTaps, kh * kw, block.columns());
					}
				}
			}
			acc.store(out);
		}
	}
}
