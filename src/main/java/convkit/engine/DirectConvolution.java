package convkit.engine;

/**
 * The direct algorithm, for every plan: input channel by input channel, the padded rows of the
 * block's column tile are cut into kernel-column taps once ({@link TapRing}), and each output row
 * of each output channel adds its {@code kD·kH·kW} weighted taps with {@link VectorLoops}, up to six
 * arrays per pass. The input channel loop is outermost, so a row's taps are reused by every output
 * channel and kernel row while they are in cache.
 * <p>
 * With {@link #TILED_FROM} or more output channels per group this is a GEMM,
 * {@code C[co][pixels] += W[co][tap]·B[tap][pixels]}, and the taps of a whole block — every row of
 * it, flattened — are gathered once per input channel ({@code B}, one input channel's im2col of one
 * block, never of the image), so each output channel's sum runs over the block in one long loop
 * even where rows are short (volumes): 1.5–2.5× faster on B2 and B7 than row by row.
 * Workspace per thread: the ring ({@link TapRing#workspaceFloats}) plus the block's accumulators,
 * or the block's taps and accumulators within {@link #TILE_BUDGET}.
 * <p>
 * On the Vector API path, with taps along x that are shifted windows of one phase of the padded
 * row (stride 1, or a dilation that is a multiple of the stride) and at least {@link TapLoops#MIX_ROWS} output
 * channels per group, the blocks are computed by {@link MixedRowsWorker} instead: every tap of every
 * input channel read in place from one copy of the block's input, eight output channels' sums held
 * in registers from the bias to the last tap (B7: 17.6 ms against Winograd's 29) — the same sums in
 * the same order as the tiled form, so the same bits.
 */
final class DirectConvolution implements ConvAlgorithm {

	/** Floats of gathered taps and accumulators a block aims to stay within (256 KiB; measured best on B2 and B7). */
	static final long TILE_BUDGET = 64 * 1024;
	/** Output channels per group from which the taps of a whole block are gathered once (their copies shared by the channels). */
	static final int TILED_FROM = 4;

	/** Taps one matrix product of the tiled form takes at least, input channels allowing: a short product spends its time loading and storing its sums. */
	static final int PRODUCT_TAPS = 48;

	private final ConvPlan plan;
	private final boolean tiled;
	/** Input channels whose taps the tiled form gathers for one product ({@link #PRODUCT_TAPS}; 1 where the JVM has no Vector API path). */
	private final int channelGroup;
	private final int tile;
	/** Whether the channels are mixed in place, in registers, once the Vector API kernels are compiled ({@link MixedRowsWorker}). */
	private final boolean mixed;
	/** The weights packed for the mixed form ({@link MixedRowsWorker#packWeights}), once per plan; null when not mixed. */
	private final float[] mixedWeights;
	/** The mixed form's box of planes and rows for tiles of {@link #tile} columns ({@link MixedRowsWorker#band}, a search made once); null when not mixed. */
	private final int[] mixedBand;

	DirectConvolution(ConvPlan plan) {
		this.plan = plan;
		this.tiled = plan.outChannelsPerGroup() >= TILED_FROM;
		this.mixed = mixesInPlace(plan);
		// only for the Vector API product kernel: the auto-vectorised loops take a pass of taps at a time anyway
		this.channelGroup = !SimdPath.ALLOWED ? 1
			: Math.max(1, Math.min(plan.inChannelsPerGroup(), (PRODUCT_TAPS + plan.kernelVolume() - 1) / plan.kernelVolume()));
		this.tile = Blocks.tileCapacity(plan, this);
		this.mixedBand = mixed ? MixedRowsWorker.band(plan, tile) : null;
		this.mixedWeights = mixed ? MixedRowsWorker.packWeights(plan) : null;
	}

	/**
	 * Whether this JVM computes {@code plan} by {@link MixedRowsWorker}: the Vector API path, and a
	 * plan it fits ({@link MixedRowsWorker#fits}).
	 */
	static boolean mixesInPlace(ConvPlan plan) {
		return SimdPath.ALLOWED && MixedRowsWorker.fits(plan);
	}

	/** Taps gathered for one product of the tiled form. */
	private int productTaps() {
		return channelGroup * plan.kernelVolume();
	}

	@Override
	public Method method() {
		return Method.DIRECT;
	}

	@Override
	public int maxTileWidth() {
		return mixed ? MixedRowsWorker.maxTileWidth(plan) : 2048;
	}

	@Override
	public int[] maxBand(int channels, int tileWidth) {
		if (mixed) return tileWidth == tile ? mixedBand.clone() : MixedRowsWorker.band(plan, tileWidth);
		if (!tiled) return Accumulators.band(plan, Accumulators.rowsWithinBudget(channels, tileWidth));
		long perRow = (long) (productTaps() + channels) * tileWidth;
		return Accumulators.band(plan, (int) Math.max(1, Math.min(256, TILE_BUDGET / perRow)));
	}

	@Override
	public long sharedBytes() {
		return mixedWeights == null ? 0 : 4L * mixedWeights.length;
	}

	@Override
	public long workerBytes() {
		if (mixed) { // the tiled form's workspace (it runs until the kernel is compiled) for the blocks of the mixed one
			long n = (long) mixedBand[0] * mixedBand[1] * tile;
			return 4L * ((productTaps() + (long) plan.outChannelsPerGroup()) * n + TapRing.workspaceFloats(plan, tile, 0)
				+ MixedRowsWorker.workspaceFloats(plan, mixedBand[0], mixedBand[1], tile));
		}
		if (tiled) {
			int k = productTaps();
			long n = Math.max(tile, Math.min(256L * tile, TILE_BUDGET / (k + 1))); // values of a block: rows × columns
			return 4L * ((k + (long) plan.outChannelsPerGroup()) * n + TapRing.workspaceFloats(plan, tile, 0));
		}
		return 4L * (TapRing.workspaceFloats(plan, tile, plan.kernelDepth()) + Accumulators.workspaceFloats(plan, tile)) + 8L * plan.kernelVolume();
	}

	/** Workers of ended runs of the mixed form, their copy of the input kept for the next run (short runs spent a tenth of their time allocating it). */
	private final java.util.Queue<BlockWorker> idle = new java.util.concurrent.ConcurrentLinkedQueue<>();

	@Override
	public void release(BlockWorker worker) {
		if (mixed) idle.add(worker);
	}

	@Override
	public BlockWorker worker() {
		if (mixed) {
			BlockWorker w = idle.poll();
			return w != null ? w : new MixedRowsWorker(plan, mixedWeights, new TiledWorker(true));
		}
		return tiled ? new TiledWorker(false) : new Worker();
	}

	private final class Worker implements BlockWorker {
		private final TapRing ring = new TapRing(plan, tile, plan.kernelDepth());
		private final Accumulators acc = new Accumulators(plan);
		private final float[] w = plan.weightsInternal();
		private final float[][] rowTaps = new float[plan.kernelVolume()][];
		private final float[][] rowSources = new float[plan.kernelDepth() * plan.kernelHeight()][];
		/** Whether the taps are shifted windows of whole padded rows, which the Vector API path reads in place once compiled. */
		private final boolean inPlace = ring.shifted();

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
						if (inPlace && VectorLoops.shiftedReady()) {
							shiftedRow(block, ci, r, oz, oy);
							continue;
						}
						for (int kz = 0; kz < kd; kz++) {
							int pz = oz * sz + kz * dz;
							for (int ky = 0; ky < kh; ky++) {
								System.arraycopy(ring.taps(kz, pz, oy * sy + ky * dy), 0, rowTaps, (kz * kh + ky) * kw, kw);
							}
						}
						for (int j = 0; j < block.channels(); j++) {
							int offset = ((block.firstChannel() + j) * cinG + ci) * volume;
							float[] a = acc.row(j, r);
							if (inPlace && ci == 0) VectorLoops.autoSetTaps(a, acc.bias(j), w, offset, rowTaps, volume, block.columns());
							else if (inPlace) VectorLoops.autoAddTaps(a, w, offset, rowTaps, 0, volume, block.columns());
							else if (ci == 0) VectorLoops.setTaps(a, acc.bias(j), w, offset, rowTaps, volume, block.columns());
							else VectorLoops.addTaps(a, w, offset, rowTaps, volume, block.columns());
						}
					}
				}
			}
			acc.store(out);
		}

		/** Output row {@code r} (plane {@code oz}, row {@code oy}) of input channel {@code ci}, its taps read in place from whole padded rows. */
		private void shiftedRow(OutputBlock block, int ci, int r, int oz, int oy) {
			int kd = plan.kernelDepth();
			int kh = plan.kernelHeight();
			int volume = plan.kernelVolume();
			int cinG = plan.inChannelsPerGroup();
			for (int kz = 0; kz < kd; kz++) {
				int pz = oz * plan.z().stride() + kz * plan.z().dilation();
				for (int ky = 0; ky < kh; ky++) rowSources[kz * kh + ky] = ring.row(kz, pz, oy * plan.y().stride() + ky * plan.y().dilation());
			}
			for (int j = 0; j < block.channels(); j++) {
				int offset = ((block.firstChannel() + j) * cinG + ci) * volume;
				VectorLoops.addShiftedRows(acc.row(j, r), ci == 0, acc.bias(j), w, offset, rowSources, kd * kh, plan.kernelWidth(),
					plan.x().dilation(), block.columns());
			}
		}
	}

	/**
	 * Many output channels: the taps of the whole block (every row, flattened) are gathered once
	 * per input channel — of several channels at once when the kernel is small, so a product has
	 * at least {@link #PRODUCT_TAPS} taps — and each output channel's accumulation runs over the
	 * block at once: long loops even where rows are short (volumes), the copies shared by the channels.
	 */
	private final class TiledWorker implements BlockWorker {
		/** Whether the products run in the auto-vectorised loops whatever the path (for {@link MixedRowsWorker}, until its own kernel is compiled). */
		private final boolean autoLoops;
		private final TapRing ring = new TapRing(plan, tile, 0);
		private final float[] w = plan.weightsInternal();
		private float[][] taps = new float[channelGroup * plan.kernelVolume()][0];
		private float[][] acc = new float[0][0];
		private int[] offsets = new int[0];
		private float[] starts = new float[0];

		TiledWorker(boolean autoLoops) {
			this.autoLoops = autoLoops;
		}

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
			int cols = block.columns();
			int n = block.rows() * cols;
			grow(block.channels(), n);
			float[] bias = plan.biasInternal();
			for (int c0 = 0; c0 < cinG; c0 += channelGroup) {
				int g = Math.min(channelGroup, cinG - c0);
				for (int q = 0; q < g; q++) { // the taps of input channels c0 .. c0+g-1, one after the other
					ring.start(in, block.group() * cinG + c0 + q, block.firstColumn(), block.endColumn());
					int at = 0;
					for (int oz = block.firstPlane(); oz < block.endPlane(); oz++) {
						for (int oy = block.firstRow(); oy < block.endRow(); oy++, at += cols) {
							for (int kz = 0; kz < kd; kz++) {
								int pz = oz * sz + kz * dz;
								for (int ky = 0; ky < kh; ky++) {
									ring.copyTaps(pz, oy * sy + ky * dy, taps, q * volume + (kz * kh + ky) * kw, at);
								}
							}
						}
					}
				}
				// the block's channels × these input channels' taps: one matrix product (their weights lie
				// side by side, so the sums keep the order of a channel at a time; the auto-vectorised loops
				// take a pass of taps at a time for every channel, so those taps stay in cache)
				for (int j = 0; j < block.channels(); j++) {
					int co = block.firstChannel() + j;
					offsets[j] = (co * cinG + c0) * volume;
					starts[j] = bias == null ? 0f : bias[co];
				}
				if (autoLoops) VectorLoops.autoAddTapRows(acc, block.channels(), w, offsets, taps, 0, g * volume, n, c0 == 0 ? starts : null);
				else VectorLoops.addTapRows(acc, block.channels(), w, offsets, taps, 0, g * volume, n, c0 == 0 ? starts : null);
			}
			store(block, out);
		}

		private void grow(int channels, int n) {
			if (taps[0].length < n) {
				for (int k = 0; k < taps.length; k++) taps[k] = new float[n];
			}
			if (offsets.length < channels) {
				offsets = new int[channels];
				starts = new float[channels];
			}
			if (acc.length < channels || acc[0].length < n) acc = new float[Math.max(channels, acc.length)][Math.max(n, acc.length == 0 ? 0 : acc[0].length)];
		}

		private void store(OutputBlock block, float[] out) {
			int outW = plan.outputWidth();
			int outH = plan.outputHeight();
			int outD = plan.outputDepth();
			int cols = block.columns();
			for (int j = 0; j < block.channels(); j++) {
				int r = 0;
				for (int oz = block.firstPlane(); oz < block.endPlane(); oz++) {
					for (int oy = block.firstRow(); oy < block.endRow(); oy++, r++) {
						int to = (((block.firstChannel() + j) * outD + oz) * outH + oy) * outW + block.firstColumn();
						System.arraycopy(acc[j], r * cols, out, to, cols);
					}
				}
			}
		}
	}
}
