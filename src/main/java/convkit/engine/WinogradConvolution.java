package convkit.engine;

import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Winograd's minimal filtering F(2, 3) for 3×3 and 3×3×3 kernels at stride 1 and dilation 1:
 * each output tile of 2×2 (2×2×2) values is computed from its 4×4 (4×4×4) input patch with 16
 * (64) multiplies per input and output channel instead of 36 (216) — 2.25× (3.375×) fewer
 * multiply-adds than {@link DirectConvolution}, the rest being additions.
 * <p>
 * Along each 3-tap axis the patch {@code d} is transformed by {@code Bᵀd} (rows
 * {@code d0−d2, d1+d2, d2−d1, d1−d3}), the kernel by {@code G g} ({@code g0, (g0+g1+g2)/2,
 * (g0−g1+g2)/2, g2}, once, in double), the products summed over input channels — a GEMM per
 * patch position, {@code M[pos][co] = Σ_ci U[pos][co][ci]·V[pos][ci]}, over every tile of a block at
 * once in {@link VectorLoops}' shape — and the sums brought back by {@code Aᵀm} ({@code m0+m1+m2,
 * m1−m2−m3}). These are Lavin and Gray's formulas ("Fast algorithms for convolutional neural
 * networks", 2016), for correlation as PyTorch computes it.
 * <p>
 * Every array of a transform is indexed by the block's tile number alone (JDK 17 vectorises a
 * loop only when all its arrays share that index); the one step that cannot — picking every
 * other column of a padded row — is a scalar loop over the row, one per input row and channel.
 * The tile grid is fixed to even output coordinates, so a value comes out the same whichever
 * block, band or thread computes it. A block whose input holds a NaN, an infinity or a value
 * large enough to overflow the transforms is computed by the direct algorithm instead, so such
 * values spread exactly as in PyTorch.
 */
final class WinogradConvolution implements ConvAlgorithm {

	/** Floats of transformed inputs and sums per patch position a block aims to stay within (512 KiB; measured best on B2). */
	static final long BUDGET = 128 * 1024;
	/** Input magnitudes up to this (over the largest transformed weight) cannot overflow the sums. */
	private static final float LIMIT = 1e30f;
	private static final int TILE = 512;
	/** Output planes of a 3×3×3 block: its tile planes share the transformed input planes between them. */
	private static final int DEEP_PLANES = 8;

	private final ConvPlan plan;
	private final DirectConvolution direct;
	private final boolean deep;
	private final int positions;
	/** The transformed kernels {@code U[pos][co·C_in/groups + ci]}. */
	private final float[][] u;
	private final float largestInput;
	private final int tileColumns;

	private WinogradConvolution(ConvPlan plan) {
		this.plan = plan;
		this.direct = new DirectConvolution(plan);
		this.deep = plan.kernelDepth() == 3;
		this.positions = deep ? 64 : 16;
		this.u = transformKernels(plan, deep);
		float largest = 0;
		for (float[] p : u) for (float v : p) largest = Math.max(largest, Math.abs(v));
		this.largestInput = largest == 0 ? Float.MAX_VALUE : LIMIT / Math.max(1f, largest);
		this.tileColumns = Blocks.ceilDiv(Math.min(plan.outputWidth(), TILE), 2);
	}

	/** The Winograd algorithm for {@code plan}; refused with the reason when it cannot run it. */
	static WinogradConvolution of(ConvPlan plan) {
		String refusal = refusal(plan);
		if (refusal != null) throw new IllegalArgumentException(refusal + "; use method=auto or direct");
		return new WinogradConvolution(plan);
	}

	/** Why the Winograd algorithm cannot run {@code plan}, or null when it can. */
	static String refusal(ConvPlan plan) {
		for (AxisGeometry g : plan.axes()) {
			if (g.stride() != 1 || g.dilation() != 1) {
				return "method=winograd needs stride 1 and dilation 1 (this plan has stride " + ConvSpec.perAxis(plan.spec().strides())
					+ ", dilation " + ConvSpec.perAxis(plan.spec().dilations()) + ")";
			}
		}
		if (plan.kernelWidth() != 3 || plan.kernelHeight() != 3 || (plan.kernelDepth() != 1 && plan.kernelDepth() != 3)) {
			return "method=winograd needs a 3x3 or 3x3x3 kernel (this one is " + (plan.rank() == 3 ? plan.kernelDepth() + "x" : "")
				+ plan.kernelHeight() + "x" + plan.kernelWidth() + ")";
		}
		return null;
	}

	/**
	 * Whether {@code auto} takes it for a plan it can run: from 32 input and output channels per
	 * group in 2-D and 16 in 3-D, where the saved multiply-adds outweigh the transforms and their
	 * memory traffic (measured on this project's benchmark machine: 64 channels of 256², 43 → 36 ms;
	 * 16 channels of 64³, 45 → 35–42 ms; 32 channels of 256² about even; 8 channels of 512²
	 * 6 → 16 ms).
	 */
	static boolean pays(ConvPlan plan) {
		int least = plan.kernelDepth() == 3 ? 16 : 32;
		return plan.inChannelsPerGroup() >= least && plan.outChannelsPerGroup() >= least;
	}

	/** {@code G g} along each 3-tap axis, in double, for every output and input channel. */
	private static float[][] transformKernels(ConvPlan plan, boolean deep) {
		double[][] g = { { 1, 0, 0 }, { .5, .5, .5 }, { .5, -.5, .5 }, { 0, 0, 1 } };
		double[][] flat = { { 1 } };
		double[][] gz = deep ? g : flat;
		int pz = gz.length;
		int kz = gz[0].length;
		int pairs = plan.outChannels() * plan.inChannelsPerGroup();
		float[] w = plan.weightsInternal();
		float[][] u = new float[pz * 16][pairs];
		for (int pair = 0; pair < pairs; pair++) {
			int base = pair * kz * 9;
			for (int a = 0; a < pz; a++) {
				for (int b = 0; b < 4; b++) {
					for (int c = 0; c < 4; c++) {
						double s = 0;
						for (int z = 0; z < kz; z++) {
							for (int y = 0; y < 3; y++) {
								for (int x = 0; x < 3; x++) s += gz[a][z] * g[b][y] * g[c][x] * w[base + (z * 3 + y) * 3 + x];
							}
						}
						u[(a * 4 + b) * 4 + c][pair] = (float) s;
					}
				}
			}
		}
		return u;
	}

	@Override
	public Method method() {
		return Method.WINOGRAD;
	}

	@Override
	public int maxTileWidth() {
		return TILE;
	}

	@Override
	public int[] maxBand(int channels, int tileWidth) {
		return new int[] { deep ? DEEP_PLANES : 1, 2 * tileRows(Blocks.ceilDiv(tileWidth, 2)) };
	}

	/**
	 * Tile rows of a block {@code tilesAcross} tiles wide, so that its tiles stay within
	 * {@link #maxTiles} even when an odd first row or column adds a tile row and column: at least one.
	 */
	private int tileRows(int tilesAcross) {
		return (int) Math.max(1, maxTiles() / (tilesAcross + 1) - 1);
	}

	/**
	 * The most tiles of one block: the budget over the channels (at least two rows of the widest
	 * tile), or a whole plane's tiles when fewer.
	 */
	private long maxTiles() {
		long perTile = plan.inChannelsPerGroup() + plan.outChannelsPerGroup();
		long plane = (long) (Blocks.ceilDiv(plan.outputHeight(), 2) + 1) * (tileColumns + 1);
		return Math.min(plane, Math.max(BUDGET / perTile, 2L * (tileColumns + 1)));
	}

	@Override
	public long sharedBytes() {
		return 4L * positions * u[0].length;
	}

	@Override
	public long workerBytes() {
		long n = maxTiles();
		long arrays = (long) positions * (plan.inChannelsPerGroup() + plan.outChannelsPerGroup()) + 16 + (deep ? 64L * plan.inChannelsPerGroup() + 16 : 0) + 4 + 2 + 4;
		return 4L * (arrays * n + 2L * (tileColumns + 2)) + direct.workerBytes();
	}

	/** Workers of ended runs, their workspace kept for the next run (megabytes each; zeroing it per run costs a few percent). */
	private final Queue<BlockWorker> idle = new ConcurrentLinkedQueue<>();

	@Override
	public BlockWorker worker() {
		BlockWorker w = idle.poll();
		return w != null ? w : new Worker();
	}

	@Override
	public void release(BlockWorker worker) {
		idle.add(worker);
	}

	/** One thread's transforms, sums and padded row, reused from block to block. */
	private final class Worker implements BlockWorker {
		private final int cinG = plan.inChannelsPerGroup();
		private BlockWorker fallback;
		private final PaddedRows rows = new PaddedRows(plan);
		private float[] row = new float[0];
		private float[][] x = new float[4][0];
		/** X-transformed rows by tile row: {@code d[a·4 + c]} holds padded row {@code 2·ty + a} of each tile. */
		private float[][] d = new float[16][0];
		/**
		 * Deep only: y-transformed padded planes of each input channel, {@code e[ci][slot][a·4 + c]},
		 * padded plane {@code p} in slot {@code p mod 4}, so the two a tile plane shares with the next are kept.
		 */
		private float[][][][] e = new float[deep ? cinG : 0][4][16][0];
		private final int[][] eKey = new int[deep ? cinG : 0][4];
		private final float[][] eMagnitude = new float[deep ? cinG : 0][4];
		private float[][][] v = new float[positions][cinG][0];
		private float[][][] m = new float[positions][0][0];
		/** Where each block channel's weights start in {@code u[pos]}, and the sums' start (0) per channel. */
		private int[] rowOffsets = new int[0];
		private float[] zeros = new float[0];
		private float[][] t = new float[deep ? 16 : 0][0];
		private float[][] s = new float[4][0];
		private float[] q0 = new float[0];
		private float[] q1 = new float[0];
		private final float[][] src = new float[16][];
		private final float[][] flat = new float[16][];
		private final float[][][] planes = new float[4][][];
		private int n;
		private int across;

		@Override
		public void compute(OutputBlock block, float[] in, float[] out) {
			int zFrom = deep ? block.firstPlane() & ~1 : block.firstPlane();
			int yFrom = block.firstRow() & ~1;
			int xFrom = block.firstColumn() & ~1;
			across = Blocks.ceilDiv(block.endColumn() - xFrom, 2);
			int down = Blocks.ceilDiv(block.endRow() - yFrom, 2);
			n = across * down;
			grow(block.channels());
			rows.columns(xFrom, 2 * across + 2);
			for (int[] keys : eKey) Arrays.fill(keys, -1);
			for (int zt = zFrom; zt < block.endPlane(); zt += deep ? 2 : 1) {
				float magnitude = 0;
				for (int ci = 0; ci < cinG; ci++) magnitude = Math.max(magnitude, transformInput(in, block.group() * cinG + ci, ci, zt, yFrom, down));
				if (!(magnitude <= largestInput)) { // NaN, infinity or near overflow: the direct sum, as PyTorch
					if (fallback == null) fallback = direct.worker();
					int z1 = Math.min(block.endPlane(), zt + (deep ? 2 : 1));
					fallback.compute(new OutputBlock(block.position(), block.group(), block.firstChannel(), block.endChannel(),
						Math.max(zt, block.firstPlane()), z1, block.firstRow(), block.endRow(), block.firstColumn(), block.endColumn()), in, out);
					continue;
				}
				multiply(block);
				for (int j = 0; j < block.channels(); j++) transformOutput(block, j, zt, yFrom, xFrom, out);
			}
		}

		private void grow(int channels) {
			if (x[0].length < across) {
				for (int c = 0; c < 4; c++) x[c] = new float[across];
				row = new float[2 * across + 2];
			}
			if (d[0].length < n) {
				for (float[][] set : new float[][][] { d, t, s }) for (int i = 0; i < set.length; i++) set[i] = new float[n];
				for (float[][][] planes : e) for (float[][] plane : planes) for (int k = 0; k < 16; k++) plane[k] = new float[n];
				for (float[][] p : v) for (int ci = 0; ci < cinG; ci++) p[ci] = new float[n];
				q0 = new float[n];
				q1 = new float[n];
				m = new float[positions][0][0];
			}
			if (m[0].length < channels) m = new float[positions][channels][d[0].length]; // as long as the others, not this block's n
		}

		/**
		 * Transforms the patches of input channel {@code c} (block channel {@code ci}) for the tile
		 * plane at output plane {@code zt}: into {@code v[pos][ci]}. Returns the sum of the magnitudes
		 * read (NaN or infinite when a value was).
		 */
		private float transformInput(float[] in, int c, int ci, int zt, int yFrom, int down) {
			if (!deep) {
				for (int k = 0; k < 16; k++) flat[k] = v[k][ci];
				return transformPlane(in, c, zt, yFrom, down, flat);
			}
			float sum = 0;
			for (int pz = 0; pz < 4; pz++) {
				int p = zt + pz;
				int slot = p & 3;
				if (eKey[ci][slot] != p) {
					eMagnitude[ci][slot] = transformPlane(in, c, p, yFrom, down, e[ci][slot]);
					eKey[ci][slot] = p;
				}
				sum += eMagnitude[ci][slot];
				planes[pz] = e[ci][slot];
			}
			// Bᵀ along z.
			for (int k = 0; k < 16; k++) {
				bt(planes[0][k], planes[1][k], planes[2][k], planes[3][k], v[k][ci], v[16 + k][ci], v[32 + k][ci], v[48 + k][ci]);
			}
			return sum;
		}

		/**
		 * {@code Bᵀ} along x and y of the tiles of padded plane {@code pz} of input channel {@code c}:
		 * into {@code target[a·4 + c]}. Returns the sum of the magnitudes read.
		 */
		private float transformPlane(float[] in, int c, int pz, int yFrom, int down, float[][] target) {
			rows.input(in, c);
			float sum = 0;
			for (int py = 0; py < 2 * down + 2; py++) {
				rows.read(rows.rowBase(pz, yFrom + py), row);
				sum += transformRow();
				// Padded row py is row a = py mod 2 of tile row py / 2, and row a + 2 of the tile row above.
				int ty = py >> 1;
				int a = py & 1;
				for (int k = 0; k < 4; k++) {
					if (ty < down) System.arraycopy(x[k], 0, d[a * 4 + k], ty * across, across);
					if (ty > 0) System.arraycopy(x[k], 0, d[(a + 2) * 4 + k], (ty - 1) * across, across);
				}
			}
			for (int k = 0; k < 4; k++) bt(d[k], d[4 + k], d[8 + k], d[12 + k], target[k], target[4 + k], target[8 + k], target[12 + k]);
			return sum;
		}

		/**
		 * {@code Bᵀ} along x of every tile of {@code row} into {@code x[k][tx]}, the one scalar step.
		 * Returns the sum of the magnitudes read: NaN or infinite when one was, large when one was.
		 */
		private float transformRow() {
			float[] r = row;
			float[] x0 = x[0];
			float[] x1 = x[1];
			float[] x2 = x[2];
			float[] x3 = x[3];
			float sum = Math.abs(r[0]) + Math.abs(r[1]);
			for (int tx = 0; tx < across; tx++) {
				float d0 = r[2 * tx];
				float d1 = r[2 * tx + 1];
				float d2 = r[2 * tx + 2];
				float d3 = r[2 * tx + 3];
				x0[tx] = d0 - d2;
				x1[tx] = d1 + d2;
				x2[tx] = d2 - d1;
				x3[tx] = d1 - d3;
				sum += Math.abs(d2) + Math.abs(d3);
			}
			return sum;
		}

		/** {@code Bᵀ} across four arrays: {@code o0 = d0−d2, o1 = d1+d2, o2 = d2−d1, o3 = d1−d3}. */
		private void bt(float[] d0, float[] d1, float[] d2, float[] d3, float[] o0, float[] o1, float[] o2, float[] o3) {
			int len = n;
			for (int i = 0; i < len; i++) o0[i] = d0[i] - d2[i];
			for (int i = 0; i < len; i++) o1[i] = d1[i] + d2[i];
			for (int i = 0; i < len; i++) o2[i] = d2[i] - d1[i];
			for (int i = 0; i < len; i++) o3[i] = d1[i] - d3[i];
		}

		/**
		 * {@code M[pos][j] = Σ_ci U[pos][co·C_in/groups + ci]·V[pos][ci]}: per tile position, a matrix
		 * product of the block's weights and the transformed input ({@link VectorLoops#addTapRows}).
		 */
		private void multiply(OutputBlock block) {
			int channels = block.channels();
			if (rowOffsets.length < channels) {
				rowOffsets = new int[channels];
				zeros = new float[channels];
			}
			for (int j = 0; j < channels; j++) rowOffsets[j] = (block.firstChannel() + j) * cinG;
			for (int pos = 0; pos < positions; pos++) VectorLoops.addTapRows(m[pos], channels, u[pos], rowOffsets, v[pos], 0, cinG, n, zeros);
		}

		/** {@code Aᵀ} along each axis for block channel {@code j}, plus bias, into the output values inside the block. */
		private void transformOutput(OutputBlock block, int j, int zt, int yFrom, int xFrom, float[] out) {
			int depthOut = deep ? 2 : 1;
			for (int bz = 0; bz < depthOut; bz++) {
				int oz = zt + bz;
				if (oz < block.firstPlane() || oz >= block.endPlane()) continue;
				if (deep) {
					for (int k = 0; k < 16; k++) {
						at(m[k][j], m[16 + k][j], m[32 + k][j], m[48 + k][j], bz, t[k]);
					}
					System.arraycopy(t, 0, src, 0, 16);
				}
				else {
					for (int k = 0; k < 16; k++) src[k] = m[k][j];
				}
				for (int by = 0; by < 2; by++) {
					for (int c = 0; c < 4; c++) at(src[c], src[4 + c], src[8 + c], src[12 + c], by, s[c]);
					at(s[0], s[1], s[2], s[3], 0, q0);
					at(s[0], s[1], s[2], s[3], 1, q1);
					store(block, j, oz, by, yFrom, xFrom, out);
				}
			}
		}

		/** One row of {@code Aᵀ} across four arrays: {@code m0+m1+m2} ({@code which} 0) or {@code m1−m2−m3} (1). */
		private void at(float[] m0, float[] m1, float[] m2, float[] m3, int which, float[] o) {
			int len = n;
			if (which == 0) for (int i = 0; i < len; i++) o[i] = m0[i] + m1[i] + m2[i];
			else for (int i = 0; i < len; i++) o[i] = m1[i] - m2[i] - m3[i];
		}

		/** Writes output row {@code 2·ty + by} of every tile row inside the block: columns interleaved from {@code q0}, {@code q1}. */
		private void store(OutputBlock block, int j, int oz, int by, int yFrom, int xFrom, float[] out) {
			float[] bias = plan.biasInternal();
			int co = block.firstChannel() + j;
			float b = bias == null ? 0f : bias[co];
			int outW = plan.outputWidth();
			int x0 = block.firstColumn();
			int x1 = block.endColumn();
			for (int ty = 0; ty * across < n; ty++) {
				int oy = yFrom + 2 * ty + by;
				if (oy < block.firstRow() || oy >= block.endRow()) continue;
				int rowAt = ((co * plan.outputDepth() + oz) * plan.outputHeight() + oy) * outW;
				int i0 = ty * across;
				int ox = x0;
				if ((ox & 1) == 1) out[rowAt + ox] = q1[i0 + ((ox++ - xFrom) >> 1)] + b;
				for (; ox + 1 < x1; ox += 2) {
					int i = i0 + ((ox - xFrom) >> 1);
					out[rowAt + ox] = q0[i] + b;
					out[rowAt + ox + 1] = q1[i] + b;
				}
				if (ox < x1) out[rowAt + ox] = q0[i0 + ((ox - xFrom) >> 1)] + b;
			}
		}
	}
}
