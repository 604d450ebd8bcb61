package convkit.engine;

import java.util.Arrays;

/**
 * The separable algorithm, for plans whose every kernel slice is an outer product
 * ({@link RankOneFactors}): one 1-D pass per axis. Each padded input row is filtered along x once
 * (from its {@link TapRing} taps); in 2-D each output row then adds its {@code kH} filtered rows
 * weighted by the y factor: {@code kH + kW} multiply-adds per output value instead of
 * {@code kH·kW}. In 3-D the y pass makes, for every padded plane the block reads, its plane of
 * y-filtered rows once, and each output row adds {@code kD} of those weighted by the z factor:
 * {@code kD + kH + kW} instead of {@code kD·kH·kW}. Filtered rows and planes are kept in rings like
 * the taps.
 * <p>
 * A pass's sums can grow past what the whole sum reaches (a factor's weights add up to more than
 * the kernel's), so a block whose outputs come out not finite — a pass overflowed, or the input
 * holds a NaN or an infinity — is computed again by the direct algorithm, as Winograd's blocks
 * are: finite sums stay finite wherever direct's do, and non-finite values spread as in PyTorch.
 * (An overflowed or non-finite partial sum cannot come back finite, so the outputs tell.)
 */
final class SeparableConvolution implements ConvAlgorithm {

	/** Floats of filtered planes and accumulators a 3-D block aims to stay within (1 MiB). */
	private static final long PLANE_BUDGET = 4 * Accumulators.BUDGET;

	private final ConvPlan plan;
	private final RankOneFactors f;
	private final int tile;
	private final int planeSlots;
	private final DirectConvolution direct;

	SeparableConvolution(ConvPlan plan, RankOneFactors factors) {
		this.plan = plan;
		this.f = factors;
		this.tile = Blocks.tileCapacity(plan, this);
		this.planeSlots = (plan.kernelDepth() - 1) * plan.z().dilation() + 1;
		this.direct = new DirectConvolution(plan);
	}

	@Override
	public Method method() {
		return Method.SEPARABLE;
	}

	@Override
	public int maxTileWidth() {
		// 2-D: a tile's kW taps and kH filtered rows stay in the first-level cache (B6, 31x31 on 1024²: 10 -> 6.5 ms at 256 columns)
		return plan.kernelDepth() == 1 ? 256 : 2048;
	}

	@Override
	public int[] maxBand(int channels, int tileWidth) {
		if (plan.kernelDepth() == 1) return Accumulators.band(plan, Accumulators.rowsWithinBudget(channels, tileWidth));
		long perRow = (long) channels * tileWidth;
		int rows = (int) Math.max(1, Math.min(plan.outputHeight(), PLANE_BUDGET / (perRow * (planeSlots + 1))));
		int planes = (int) Math.max(1, PLANE_BUDGET / (perRow * rows) - planeSlots);
		return new int[] { planes, rows };
	}

	@Override
	public long sharedBytes() {
		return f.bytes();
	}

	@Override
	public long workerBytes() {
		long filteredRows = (long) plan.outChannelsPerGroup() * TapRing.slotsPerPlane(plan) * tile;
		long filteredPlanes = plan.kernelDepth() == 1 ? 0
			: Math.max(PLANE_BUDGET, (long) plan.outChannelsPerGroup() * tile * (planeSlots + 1));
		return 4L * (TapRing.workspaceFloats(plan, tile, 1) + Accumulators.workspaceFloats(plan, tile) + filteredRows + filteredPlanes)
			+ 8L * Math.max(plan.kernelHeight(), plan.kernelDepth()) + direct.workerBytes();
	}

	@Override
	public BlockWorker worker() {
		return new Worker();
	}

	private final class Worker implements BlockWorker {
		private final TapRing ring = new TapRing(plan, tile, 1);
		private final Accumulators acc = new Accumulators(plan);
		private final int rowSlots = TapRing.slotsPerPlane(plan);
		private final long[] rowKey = new long[rowSlots];
		private final int[] planeKey = new int[planeSlots];
		private final float[][] rows = new float[Math.max(plan.kernelHeight(), plan.kernelDepth())][];
		/** The one whole padded row of the shifted form of the x pass. */
		private final float[][] one = new float[1][];
		private float[][][] filtered = new float[0][][];
		private float[][][][] planes = new float[0][][][];
		private OutputBlock block;
		private int ci;
		private BlockWorker fallback;
		private float[] probe = new float[0];
		@Override
		public void compute(OutputBlock b, float[] in, float[] out) {
			block = b;
			int cinG = plan.inChannelsPerGroup();
			grow();
			acc.start(block);
			for (ci = 0; ci < cinG; ci++) {
				ring.start(in, block.group() * cinG + ci, block.firstColumn(), block.endColumn());
				Arrays.fill(rowKey, Long.MIN_VALUE);
				Arrays.fill(planeKey, Integer.MIN_VALUE);
				if (plan.kernelDepth() == 1) accumulateRows();
				else accumulatePlanes();
			}
			// a pass that overflowed (or a NaN or infinity in the input) leaves a value that is not
			// finite: the block is computed by the direct sum instead, as PyTorch spreads such values
			if (finite()) {
				acc.store(out);
				return;
			}
			if (fallback == null) fallback = direct.worker();
			fallback.compute(b, in, out);
		}

		/**
		 * Whether every value of the block's sums is finite: {@code 0·v} is 0 for a finite v and NaN
		 * otherwise, added into one row (a loop HotSpot vectorises, its arrays sharing one index)
		 * that is looked at once.
		 */
		private boolean finite() {
			int n = block.columns();
			if (probe.length < n) probe = new float[n];
			for (int j = 0; j < block.channels(); j++) {
				for (int r = 0; r < block.rows(); r++) {
					float[] row = acc.row(j, r);
					for (int i = 0; i < n; i++) probe[i] += 0f * row[i];
				}
			}
			boolean finite = true;
			for (int i = 0; i < n; i++) finite &= probe[i] == 0f;
			if (!finite) Arrays.fill(probe, 0f);
			return finite;
		}

		/** 2-D (and kD = 1): each output row adds its kH x-filtered rows weighted by the y factor. */
		private void accumulateRows() {
			int kh = plan.kernelHeight();
			int sy = plan.y().stride();
			int dy = plan.y().dilation();
			int r = 0;
			for (int oz = block.firstPlane(); oz < block.endPlane(); oz++) {
				int pz = oz * plan.z().stride();
				for (int oy = block.firstRow(); oy < block.endRow(); oy++, r++) {
					for (int ky = 0; ky < kh; ky++) filterRow(pz, oy * sy + ky * dy);
					for (int j = 0; j < block.channels(); j++) {
						for (int ky = 0; ky < kh; ky++) rows[ky] = filtered[j][Math.floorMod(oy * sy + ky * dy, rowSlots)];
						VectorLoops.addTaps(acc.row(j, r), f.y[slice(j)], 0, rows, kh, block.columns());
					}
				}
			}
		}

		/** 3-D: each output row adds its kD y-filtered plane rows weighted by the z factor. */
		private void accumulatePlanes() {
			int kd = plan.kernelDepth();
			int sz = plan.z().stride();
			int dz = plan.z().dilation();
			int r = 0;
			for (int oz = block.firstPlane(); oz < block.endPlane(); oz++) {
				for (int kz = 0; kz < kd; kz++) filterPlane(oz * sz + kz * dz);
				for (int i = 0; i < block.rowsPerPlane(); i++, r++) {
					for (int j = 0; j < block.channels(); j++) {
						for (int kz = 0; kz < kd; kz++) rows[kz] = planes[j][Math.floorMod(oz * sz + kz * dz, planeSlots)][i];
						VectorLoops.addTaps(acc.row(j, r), f.z[slice(j)], 0, rows, kd, block.columns());
					}
				}
			}
		}

		/** Filters padded row {@code (pz, py)} along x for every channel of the block, unless already held. */
		private void filterRow(int pz, int py) {
			int slot = Math.floorMod(py, rowSlots);
			long key = TapRing.key(pz, py);
			if (rowKey[slot] == key) return;
			boolean inPlace = ring.shifted(); // the Vector API path reads the taps in place once compiled
			if (inPlace && VectorLoops.shiftedReady()) { // the taps read in place from the whole padded row
				one[0] = ring.row(0, pz, py);
				for (int j = 0; j < block.channels(); j++) {
					VectorLoops.addShiftedRows(filtered[j][slot], true, 0f, f.x[slice(j)], 0, one, 1, plan.kernelWidth(), plan.x().dilation(),
						block.columns());
				}
			}
			else {
				float[][] taps = ring.taps(0, pz, py);
				for (int j = 0; j < block.channels(); j++) {
					if (inPlace) VectorLoops.autoSetTaps(filtered[j][slot], 0f, f.x[slice(j)], 0, taps, plan.kernelWidth(), block.columns());
					else VectorLoops.setTaps(filtered[j][slot], 0f, f.x[slice(j)], 0, taps, plan.kernelWidth(), block.columns());
				}
			}
			rowKey[slot] = key;
		}

		/** Filters padded plane {@code pz} along x and y for the block's rows and channels, unless already held. */
		private void filterPlane(int pz) {
			int slot = Math.floorMod(pz, planeSlots);
			if (planeKey[slot] == pz) return;
			int kh = plan.kernelHeight();
			int sy = plan.y().stride();
			int dy = plan.y().dilation();
			for (int i = 0; i < block.rowsPerPlane(); i++) {
				int oy = block.firstRow() + i;
				for (int ky = 0; ky < kh; ky++) filterRow(pz, oy * sy + ky * dy);
				for (int j = 0; j < block.channels(); j++) {
					for (int ky = 0; ky < kh; ky++) rows[ky] = filtered[j][Math.floorMod(oy * sy + ky * dy, rowSlots)];
					VectorLoops.setTaps(planes[j][slot][i], 0f, f.y[slice(j)], 0, rows, kh, block.columns());
				}
			}
			planeKey[slot] = pz;
		}

		private int slice(int j) {
			return (block.firstChannel() + j) * plan.inChannelsPerGroup() + ci;
		}

		private void grow() {
			int c = block.channels();
			int w = block.columns();
			if (filtered.length < c || filtered[0][0].length < w) {
				int width = filtered.length == 0 ? w : Math.max(w, filtered[0][0].length);
				filtered = new float[Math.max(c, filtered.length)][rowSlots][width];
			}
			if (plan.kernelDepth() == 1) return;
			int r = block.rowsPerPlane();
			if (planes.length < c || planes[0][0].length < r || planes[0][0][0].length < w) {
				int width = planes.length == 0 ? w : Math.max(w, planes[0][0][0].length);
				int height = planes.length == 0 ? r : Math.max(r, planes[0][0].length);
				planes = new float[Math.max(c, planes.length)][planeSlots][height][width];
			}
		}
	}
}
