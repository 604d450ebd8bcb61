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
 * the kernel's), so a block whose input (or constant fill) is large enough that a pass could
 * overflow, or holds a NaN or an infinity, is computed by the direct algorithm instead, as
 * Winograd's blocks are: finite sums stay finite wherever direct's do, and non-finite values
 * spread as in PyTorch.
 */
final class SeparableConvolution implements ConvAlgorithm {

	/** Floats of filtered planes and accumulators a 3-D block aims to stay within (1 MiB). */
	private static final long PLANE_BUDGET = 4 * Accumulators.BUDGET;

	/** The largest magnitude a pass's sums may reach before a block is left to the direct sum. */
	private static final double LIMIT = 1e37;

	private final ConvPlan plan;
	private final RankOneFactors f;
	private final int tile;
	private final int planeSlots;
	private final DirectConvolution direct;
	/** Input magnitudes up to this keep every pass's sums below {@link #LIMIT}. */
	private final double largestInput;

	SeparableConvolution(ConvPlan plan, RankOneFactors factors) {
		this.plan = plan;
		this.f = factors;
		this.tile = Blocks.tileCapacity(plan, this);
		this.planeSlots = (plan.kernelDepth() - 1) * plan.z().dilation() + 1;
		this.direct = new DirectConvolution(plan);
		// a pass's sums are at most the input's magnitude times the factors' absolute sums so far,
		// over every input channel of a group
		double growth = Math.max(1, largestSum(factors.x));
		growth *= Math.max(1, largestSum(factors.y));
		growth *= Math.max(1, largestSum(factors.z));
		this.largestInput = LIMIT / (growth * plan.inChannelsPerGroup());
	}

	private static double largestSum(float[][] factors) {
		double most = 0;
		for (float[] v : factors) {
			double sum = 0;
			for (float w : v) sum += Math.abs(w);
			most = Math.max(most, sum);
		}
		return most;
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
		private float[][][] filtered = new float[0][][];
		private float[][][][] planes = new float[0][][][];
		private OutputBlock block;
		private int ci;
		private BlockWorker fallback;
		@Override
		public void compute(OutputBlock b, float[] in, float[] out) {
			if (!(magnitude(b, in) <= largestInput)) { // NaN, infinity or near overflow: the direct sum, as PyTorch
				if (fallback == null) fallback = direct.worker();
				fallback.compute(b, in, out);
				return;
			}
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
			acc.store(out);
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
			long key = ((long) pz << 32) | (py & 0xffffffffL);
			if (rowKey[slot] == key) return;
			float[][] taps = ring.taps(0, pz, py);
			for (int j = 0; j < block.channels(); j++) {
				VectorLoops.setTaps(filtered[j][slot], 0f, f.x[slice(j)], 0, taps, plan.kernelWidth(), block.columns());
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

		/**
		 * The largest magnitude of the input {@code b} reads — its group's channels over the
		 * planes, rows and columns its outputs' windows cover — and of the constant fill; NaN if
		 * any of them is NaN.
		 */
		private float magnitude(OutputBlock b, float[] in) {
			int[] zr = span(plan.z(), b.firstPlane(), b.endPlane(), plan.inputDepth());
			int[] yr = span(plan.y(), b.firstRow(), b.endRow(), plan.inputHeight());
			int[] xr = span(plan.x(), b.firstColumn(), b.endColumn(), plan.inputWidth());
			float m = plan.mode() == PaddingMode.CONSTANT ? Math.abs(plan.fillValue()) : 0;
			int h = plan.inputHeight();
			int w = plan.inputWidth();
			int cinG = plan.inChannelsPerGroup();
			for (int c = b.group() * cinG; c < (b.group() + 1) * cinG; c++) {
				for (int z = zr[0]; z < zr[1]; z++) {
					for (int y = yr[0]; y < yr[1]; y++) {
						int row = ((c * plan.inputDepth() + z) * h + y) * w;
						for (int i = row + xr[0]; i < row + xr[1]; i++) {
							float a = Math.abs(in[i]);
							if (!(a <= m)) {
								if (Float.isNaN(a)) return Float.NaN;
								m = a;
							}
						}
					}
				}
			}
			return m;
		}

		/** The input indices {@code [from, to)} along {@code g}'s axis that outputs {@code [o0, o1)} read, clipped to {@code [0, n)}. */
		private int[] span(AxisGeometry g, int o0, int o1, int n) {
			long from = (long) o0 * g.stride() - g.padLo();
			long to = (long) (o1 - 1) * g.stride() - g.padLo() + (long) (g.kernel() - 1) * g.dilation() + 1;
			return new int[] { (int) Math.max(0, Math.min(n, from)), (int) Math.max(0, Math.min(n, to)) };
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
