package convkit.engine;

/**
 * The direct algorithm, for every plan: input channel by input channel, the padded rows of the
 * block's column tile are cut into kernel-column taps once ({@link TapRing}), and each output row
 * of each output channel adds its {@code kD·kH·kW} weighted taps with {@link VectorLoops}, five
 * arrays per pass. The input channel loop is outermost, so a row's taps are reused by every output
 * channel and kernel row while they are in cache. With many channels this is a GEMM,
 * {@code C[co][pixels] += W[co][tap]·B[tap][pixels]}, whose {@code B} is one input channel's taps of
 * one tile — never a full im2col.
 * Workspace per thread: the ring ({@link TapRing#workspaceFloats}) plus the block's accumulators.
 */
final class DirectConvolution implements ConvAlgorithm {

	private final ConvPlan plan;
	private final int tile;

	DirectConvolution(ConvPlan plan) {
		this.plan = plan;
		this.tile = Blocks.tileCapacity(plan, this);
	}

	@Override
	public String name() {
		return "direct";
	}

	@Override
	public int maxTileWidth() {
		return 2048;
	}

	@Override
	public int[] maxBand(int channels, int tileWidth) {
		return Accumulators.band(plan, Accumulators.rowsWithinBudget(channels, tileWidth));
	}

	@Override
	public long sharedBytes() {
		return 0;
	}

	@Override
	public long workerBytes() {
		return 4L * (TapRing.workspaceFloats(plan, tile, plan.kernelDepth()) + Accumulators.workspaceFloats(plan, tile)) + 8L * plan.kernelVolume();
	}

	@Override
	public BlockWorker worker() {
		return new Worker();
	}

	private final class Worker implements BlockWorker {
		private final TapRing ring = new TapRing(plan, tile, plan.kernelDepth());
		private final Accumulators acc = new Accumulators(plan);
		private final float[] w = plan.weightsInternal();
		private final float[][] rowTaps = new float[plan.kernelVolume()][];

		@Override
		public void compute(OutputBlock block, float[] in, float[] out) {
			int kd = plan.kernelDepth();
			int kh = plan.kernelHeight();
			int kw = plan.kernelWidth();
			int volume = kd * kh * kw;
			int cinG = plan.inChannelsPerGroup();
			int sz = plan.z().stride();
			int dz = plan.z().dilation();
			int sy = plan.y().stride();
			int dy = plan.y().dilation();
			acc.prepare(block);
			for (int ci = 0; ci < cinG; ci++) {
				ring.start(in, block.group() * cinG + ci, block.firstColumn(), block.endColumn());
				int r = 0;
				for (int oz = block.firstPlane(); oz < block.endPlane(); oz++) {
					for (int oy = block.firstRow(); oy < block.endRow(); oy++, r++) {
						for (int kz = 0; kz < kd; kz++) {
							int pz = oz * sz + kz * dz;
							for (int ky = 0; ky < kh; ky++) {
								System.arraycopy(ring.taps(kz, pz, oy * sy + ky * dy), 0, rowTaps, (kz * kh + ky) * kw, kw);
							}
						}
						for (int j = 0; j < block.channels(); j++) {
							int offset = ((block.firstChannel() + j) * cinG + ci) * volume;
							float[] a = acc.row(j, r);
							if (ci == 0) VectorLoops.setTaps(a, acc.bias(j), w, offset, rowTaps, volume, block.columns());
							else VectorLoops.addTaps(a, w, offset, rowTaps, volume, block.columns());
						}
					}
				}
			}
			acc.store(out);
		}
	}
}
