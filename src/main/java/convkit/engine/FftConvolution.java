package convkit.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The FFT algorithm, for stride 1 (any dilation, padding mode, groups; 2-D and 3-D): overlap-save
 * in tiles of the {@link FftGrid}. Each block holds one or two output tiles; their padded input
 * regions go in as the real and imaginary parts of one complex transform (the kernel is real, so
 * the two results come back apart in the real and imaginary parts), are multiplied by the kernel
 * spectra — computed once, when the algorithm is made — summed over input channels, and
 * transformed back. Arithmetic is in double, so results agree with the direct sum to float
 * precision. Cost per output value grows with {@code log N}, not with the kernel's size.
 * <p>
 * A block whose input holds a NaN or infinity is computed by the direct algorithm instead: an FFT
 * would spread it over the whole tile, where PyTorch has it only in the windows that hold it.
 * <p>
 * Memory ({@link #sharedBytes}, {@link #workerBytes}): the kernel spectra, {@code C_out · C_in/groups · 2N}
 * doubles (refused above {@link #SPECTRA_LIMIT}), and per thread {@code (C_in/groups + 2) · 2N} doubles.
 */
final class FftConvolution implements ConvAlgorithm {

	/** Most doubles the kernel spectra may take (64 MiB). */
	static final long SPECTRA_LIMIT = 8L << 20;

	private final ConvPlan plan;
	private final FftGrid grid;
	private final DirectConvolution direct;
	private final double[][][] kernelRe;
	private final double[][][] kernelIm;

	private FftConvolution(ConvPlan plan) {
		this.plan = plan;
		this.grid = new FftGrid(plan);
		this.direct = new DirectConvolution(plan);
		int slices = plan.outChannels() * plan.inChannelsPerGroup();
		kernelRe = new double[slices][][];
		kernelIm = new double[slices][][];
		double[][] re = new double[grid.rows][grid.nx];
		double[][] im = new double[grid.rows][grid.nx];
		float[] w = plan.weightsInternal();
		int kd = plan.kernelDepth();
		int kh = plan.kernelHeight();
		int kw = plan.kernelWidth();
		for (int s = 0; s < slices; s++) {
			for (double[] row : re) Arrays.fill(row, 0);
			for (double[] row : im) Arrays.fill(row, 0);
			// Correlation as convolution: tap (kz, ky, kx) goes to the flipped, dilated position.
			for (int kz = 0; kz < kd; kz++) {
				int z = grid.spanZ - 1 - kz * plan.z().dilation();
				for (int ky = 0; ky < kh; ky++) {
					int y = grid.spanY - 1 - ky * plan.y().dilation();
					for (int kx = 0; kx < kw; kx++) {
						re[z * grid.ny + y][grid.spanX - 1 - kx * plan.x().dilation()] = w[((s * kd + kz) * kh + ky) * kw + kx];
					}
				}
			}
			kernelRe[s] = new double[grid.nx][grid.rows];
			kernelIm[s] = new double[grid.nx][grid.rows];
			grid.forward(re, im, kernelRe[s], kernelIm[s]);
		}
	}

	/** The FFT algorithm for {@code plan}, its kernel spectra computed; refused with the reason when it cannot run it. */
	static FftConvolution of(ConvPlan plan) {
		String refusal = refusal(plan);
		if (refusal != null) throw new IllegalArgumentException(refusal + "; use method=auto or direct");
		return new FftConvolution(plan);
	}

	/** Why the FFT algorithm cannot run {@code plan} (a stride above 1, kernel spectra above the limit), or null when it can. */
	static String refusal(ConvPlan plan) {
		for (AxisGeometry g : plan.axes()) {
			if (g.stride() != 1) {
				return "method=fft needs stride 1 (this plan has stride " + ConvSpec.perAxis(plan.spec().strides()) + ")";
			}
		}
		long doubles = spectraDoubles(plan);
		if (doubles > SPECTRA_LIMIT) {
			return "method=fft would keep " + (doubles * 8 >> 20) + " MiB of kernel spectra (" + plan.outChannels() + "x"
				+ plan.inChannelsPerGroup() + " kernels), more than its " + (SPECTRA_LIMIT * 8 >> 20) + " MiB limit";
		}
		return null;
	}

	private static long spectraDoubles(ConvPlan plan) {
		double d = (double) plan.outChannels() * plan.inChannelsPerGroup() * 2 * FftGrid.points(plan);
		return d > Long.MAX_VALUE / 2 ? Long.MAX_VALUE / 2 : (long) d;
	}

	/**
	 * Estimated time of the FFT algorithm over the direct one for {@code plan} (which it can run);
	 * {@link Convolution} picks FFT below 0.8. Calibrated on this project's benchmark machine:
	 * 0.045 ns per direct multiply-add, 0.4 ns per butterfly value, and per spectrum multiply-add
	 * 0.6 ns while the kernel spectra fit in cache (512 KiB) but 3 ns once they stream from memory.
	 */
	static double costRatio(ConvPlan plan) {
		FftGrid g = new FftGrid(plan);
		double tiles = Math.ceil(plan.outputDepth() / (double) g.tileDepth()) * Math.ceil(plan.outputHeight() / (double) g.tileRows())
			* Math.ceil(plan.outputWidth() / (double) g.tileColumns());
		double pairs = Math.ceil(tiles / 2) * plan.groups();
		double n = (double) g.rows * g.nx;
		double ffts = plan.inChannelsPerGroup() + plan.outChannelsPerGroup();
		double multiplyNs = spectraDoubles(plan) * 8 <= 512 * 1024 ? 0.6 : 3.0;
		double fftNs = pairs * (ffts * (n / 2 * (Math.log(n) / Math.log(2)) * 0.4 + n)
			+ (double) plan.outChannelsPerGroup() * plan.inChannelsPerGroup() * n * multiplyNs);
		double directNs = 0.045 * plan.multiplyAdds();
		return fftNs / directNs;
	}

	@Override
	public Method method() {
		return Method.FFT;
	}

	@Override
	public int maxTileWidth() {
		return grid.tileColumns();
	}

	/** Two tiles a block: paired along y, or along z when one tile covers the rows. */
	@Override
	public int[] maxBand(int channels, int tileWidth) {
		if (plan.outputHeight() > grid.tileRows()) return new int[] { grid.tileDepth(), 2 * grid.tileRows() };
		return new int[] { 2 * grid.tileDepth(), grid.tileRows() };
	}

	@Override
	public long sharedBytes() {
		return 8L * spectraDoubles(plan);
	}

	@Override
	public long workerBytes() {
		long n = (long) grid.rows * grid.nx;
		return 8L * (plan.inChannelsPerGroup() + 2L) * 2 * n + 4L * grid.nx + direct.workerBytes();
	}

	@Override
	public BlockWorker worker() {
		return new Worker();
	}

	/** One tile of a block: output planes {@code [z0, z0 + planes)} and rows {@code [y0, y0 + rows)}. */
	private static final class Tile {
		final int z0;
		final int planes;
		final int y0;
		final int rows;

		Tile(int z0, int planes, int y0, int rows) {
			this.z0 = z0;
			this.planes = planes;
			this.y0 = y0;
			this.rows = rows;
		}
	}

	private final class Worker implements BlockWorker {
		private final double[][] re = new double[grid.rows][grid.nx];
		private final double[][] im = new double[grid.rows][grid.nx];
		private final double[][][] inputRe;
		private final double[][][] inputIm;
		private final double[][] sumRe = new double[grid.nx][grid.rows];
		private final double[][] sumIm = new double[grid.nx][grid.rows];
		private final int[] columnSource = new int[grid.nx];
		private BlockWorker fallback;

		Worker() {
			int cinG = plan.inChannelsPerGroup();
			inputRe = new double[cinG][grid.nx][grid.rows];
			inputIm = new double[cinG][grid.nx][grid.rows];
		}

		@Override
		public void compute(OutputBlock block, float[] in, float[] out) {
			AxisGeometry gx = plan.x();
			long paddedW = gx.paddedSize();
			for (int c = 0; c < grid.nx; c++) { // the block's padded columns, for every tile of it
				int px = block.firstColumn() + c;
				columnSource[c] = px < paddedW ? plan.mode().sourceIndex(px - gx.padLo(), gx.inputSize()) : -1;
			}
			List<Tile> tiles = new ArrayList<>();
			for (int z0 = block.firstPlane(); z0 < block.endPlane(); z0 += grid.tileDepth()) {
				for (int y0 = block.firstRow(); y0 < block.endRow(); y0 += grid.tileRows()) {
					tiles.add(new Tile(z0, Math.min(grid.tileDepth(), block.endPlane() - z0), y0,
						Math.min(grid.tileRows(), block.endRow() - y0)));
				}
			}
			for (int t = 0; t < tiles.size(); t += 2) {
				if (!computePair(block, tiles.get(t), t + 1 < tiles.size() ? tiles.get(t + 1) : null, in, out)) {
					// A NaN or infinity would spread over a whole FFT tile; the direct sum keeps it
					// where PyTorch has it. The direct worker rewrites the whole block.
					if (fallback == null) fallback = direct.worker();
					fallback.compute(block, in, out);
					return;
				}
			}
		}

		/** Tile {@code a} from the real part, {@code b} (may be null) from the imaginary part; false (nothing written) when the input there is not finite. */
		private boolean computePair(OutputBlock block, Tile a, Tile b, float[] in, float[] out) {
			int cinG = plan.inChannelsPerGroup();
			for (int ci = 0; ci < cinG; ci++) {
				int channel = block.group() * cinG + ci;
				if (!fill(re, in, channel, a)) return false;
				if (b != null) {
					if (!fill(im, in, channel, b)) return false;
				}
				else for (double[] row : im) Arrays.fill(row, 0);
				grid.forward(re, im, inputRe[ci], inputIm[ci]);
			}
			float[] bias = plan.biasInternal();
			for (int co = block.firstChannel(); co < block.endChannel(); co++) {
				for (int ci = 0; ci < cinG; ci++) {
					int slice = co * cinG + ci;
					for (int r = 0; r < grid.nx; r++) {
						multiply(inputRe[ci][r], inputIm[ci][r], kernelRe[slice][r], kernelIm[slice][r], sumRe[r], sumIm[r], ci == 0);
					}
				}
				grid.inverse(sumRe, sumIm, re, im);
				float bv = bias == null ? 0f : bias[co];
				store(re, a, co, block, bv, out);
				if (b != null) store(im, b, co, block, bv, out);
			}
			return true;
		}

		/** Writes tile {@code t} of output channel {@code co} from the inverse transform {@code src}. */
		private void store(double[][] src, Tile t, int co, OutputBlock block, float bias, float[] out) {
			double scale = 1.0 / ((double) grid.rows * grid.nx);
			int outW = plan.outputWidth();
			int outH = plan.outputHeight();
			int outD = plan.outputDepth();
			for (int z = 0; z < t.planes; z++) {
				for (int y = 0; y < t.rows; y++) {
					double[] row = src[(z + grid.spanZ - 1) * grid.ny + y + grid.spanY - 1];
					int at = ((co * outD + t.z0 + z) * outH + t.y0 + y) * outW + block.firstColumn();
					for (int c = 0; c < block.columns(); c++) out[at + c] = (float) (row[c + grid.spanX - 1] * scale) + bias;
				}
			}
		}

		/**
		 * The padded input region of tile {@code t} of {@code channel} — planes and rows from the
		 * tile's origin, the block's columns — into {@code dst} (the fill value in zero or constant padding and
		 * past the padded input, where it reaches only outputs that are not kept); false when one of
		 * the values is not finite.
		 */
		private boolean fill(double[][] dst, float[] in, int channel, Tile t) {
			boolean finite = true;
			float fill = plan.fillValue();
			AxisGeometry gz = plan.z();
			AxisGeometry gy = plan.y();
			long paddedD = gz.paddedSize();
			long paddedH = gy.paddedSize();
			int inW = plan.x().inputSize();
			for (int r = 0; r < grid.rows; r++) {
				double[] row = dst[r];
				int pz = t.z0 + r / grid.ny;
				int py = t.y0 + r % grid.ny;
				int srcZ = pz < paddedD ? plan.mode().sourceIndex(pz - gz.padLo(), gz.inputSize()) : -1;
				int srcY = py < paddedH ? plan.mode().sourceIndex(py - gy.padLo(), gy.inputSize()) : -1;
				if (srcZ < 0 || srcY < 0) {
					Arrays.fill(row, fill);
					continue;
				}
				int base = ((channel * gz.inputSize() + srcZ) * gy.inputSize() + srcY) * inW;
				for (int c = 0; c < grid.nx; c++) {
					int s = columnSource[c];
					float v = s < 0 ? fill : in[base + s];
					finite &= Float.isFinite(v);
					row[c] = v;
				}
			}
			return finite;
		}
	}

	/** {@code sum (=|+=) a · k}, complex, over one spectrum row. */
	private static void multiply(double[] ar, double[] ai, double[] kr, double[] ki, double[] sr, double[] si, boolean first) {
		int len = sr.length;
		if (first) {
			for (int i = 0; i < len; i++) {
				sr[i] = ar[i] * kr[i] - ai[i] * ki[i];
				si[i] = ar[i] * ki[i] + ai[i] * kr[i];
			}
		}
		else {
			for (int i = 0; i < len; i++) {
				sr[i] += ar[i] * kr[i] - ai[i] * ki[i];
				si[i] += ar[i] * ki[i] + ai[i] * kr[i];
			}
		}
	}
}
