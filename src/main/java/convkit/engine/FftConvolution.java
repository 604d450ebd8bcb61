package convkit.engine;

/**
 * The FFT algorithm, for stride 1 (any dilation, padding mode, groups): overlap-save in tiles.
 * Each block is one or two output tiles of {@code (N − spanY + 1) × (M − spanX + 1)}; their padded
 * input regions ({@code N × M}, powers of two) go in as the real and imaginary parts of one complex
 * 2-D FFT (the kernel is real, so the two results come back apart in the real and imaginary
 * parts), are multiplied by the precomputed kernel spectra and summed over input channels, and
 * transformed back. Arithmetic is in double, so results agree with the direct sum to float
 * precision. Cost per output value grows with {@code log(N·M)}, not with the kernel's size.
 * <p>
 * Memory ({@link #workspaceBytes}): the kernel spectra, {@code C_out · C_in/groups · 2·N·M}
 * doubles (refused above {@link #SPECTRA_LIMIT}), and per thread {@code (C_in/groups + 3) · 2·N·M}
 * doubles.
 */
final class FftConvolution implements ConvAlgorithm {

	/** Most doubles the kernel spectra may take (64 MiB). */
	static final long SPECTRA_LIMIT = 8L << 20;

	private final ConvPlan plan;
	private final int n;
	private final int m;
	private final int spanY;
	private final int spanX;
	private final ColumnFft fftY;
	private final ColumnFft fftX;
	private double[][][] kernelRe;
	private double[][][] kernelIm;

	private FftConvolution(ConvPlan plan, int n, int m) {
		this.plan = plan;
		this.n = n;
		this.m = m;
		spanY = plan.y().dilation() * (plan.kernelHeight() - 1) + 1;
		spanX = plan.x().dilation() * (plan.kernelWidth() - 1) + 1;
		fftY = new ColumnFft(n);
		fftX = new ColumnFft(m);
	}

	/** Computes the kernel spectra on first use (naming the algorithm in a report costs nothing). */
	private synchronized void prepareSpectra() {
		if (kernelRe != null) return;
		int slices = plan.outChannels() * plan.inChannelsPerGroup();
		double[][] re = new double[n][m];
		double[][] im = new double[n][m];
		float[] w = plan.weightsInternal();
		int kh = plan.kernelHeight();
		int kw = plan.kernelWidth();
		double[][][] spectraRe = new double[slices][][];
		double[][][] spectraIm = new double[slices][][];
		for (int s = 0; s < slices; s++) {
			for (double[] row : re) java.util.Arrays.fill(row, 0);
			for (double[] row : im) java.util.Arrays.fill(row, 0);
			// Correlation as convolution: tap (ky, kx) goes to the flipped, dilated position.
			for (int ky = 0; ky < kh; ky++) {
				for (int kx = 0; kx < kw; kx++) {
					re[spanY - 1 - ky * plan.y().dilation()][spanX - 1 - kx * plan.x().dilation()] = w[(s * kh + ky) * kw + kx];
				}
			}
			spectraRe[s] = new double[m][n];
			spectraIm[s] = new double[m][n];
			forward(re, im, spectraRe[s], spectraIm[s]);
		}
		kernelRe = spectraRe;
		kernelIm = spectraIm;
	}

	/**
	 * The FFT algorithm for {@code plan}, or null when it cannot run it: a stride above 1, or
	 * kernel spectra above {@link #SPECTRA_LIMIT}. {@link #refusal} says which.
	 */
	static FftConvolution of(ConvPlan plan) {
		if (refusal(plan) != null) return null;
		return new FftConvolution(plan, size(plan.y(), plan.kernelHeight()), size(plan.x(), plan.kernelWidth()));
	}

	/** Why the FFT algorithm cannot run {@code plan}, or null when it can. */
	static String refusal(ConvPlan plan) {
		if (plan.y().stride() != 1 || plan.x().stride() != 1) {
			return "method=fft needs stride 1 (this plan has stride " + plan.y().stride() + "x" + plan.x().stride() + ")";
		}
		long doubles = spectraDoubles(plan);
		if (doubles > SPECTRA_LIMIT) {
			return "method=fft would keep " + (doubles * 8 >> 20) + " MiB of kernel spectra (" + plan.outChannels() + "x"
				+ plan.inChannelsPerGroup() + " kernels), more than its " + (SPECTRA_LIMIT * 8 >> 20) + " MiB limit";
		}
		return null;
	}

	/**
	 * Estimated time of the FFT algorithm over the direct one for {@code plan}; {@link Conv2d}
	 * picks FFT below 0.8. Calibrated on this project's benchmark machine: 0.045 ns per direct
	 * multiply-add, 0.4 ns per butterfly value, and per spectrum multiply-add 0.6 ns while the
	 * kernel spectra fit in cache (512 KiB) but 3 ns once they stream from memory.
	 */
	static double costRatio(ConvPlan plan) {
		int n = size(plan.y(), plan.kernelHeight());
		int m = size(plan.x(), plan.kernelWidth());
		int tileRows = n - (plan.y().dilation() * (plan.kernelHeight() - 1));
		int tileCols = m - (plan.x().dilation() * (plan.kernelWidth() - 1));
		double tiles = Math.ceil(plan.outputHeight() / (double) tileRows) * Math.ceil(plan.outputWidth() / (double) tileCols);
		double pairs = Math.ceil(tiles / 2) * plan.groups();
		double nm = (double) n * m;
		double ffts = plan.inChannelsPerGroup() + plan.outChannelsPerGroup();
		double multiplyNs = spectraDoubles(plan) * 8 <= 512 * 1024 ? 0.6 : 3.0;
		double fftNs = pairs * (ffts * (nm / 2 * (Math.log(nm) / Math.log(2)) * 0.4 + nm)
			+ (double) plan.outChannelsPerGroup() * plan.inChannelsPerGroup() * nm * multiplyNs);
		double directNs = 0.045 * plan.outChannels() * plan.inChannelsPerGroup() * plan.kernelHeight() * plan.kernelWidth()
			* (double) plan.outputHeight() * plan.outputWidth();
		return fftNs / directNs;
	}

	private static long spectraDoubles(ConvPlan plan) {
		long nm = (long) size(plan.y(), plan.kernelHeight()) * size(plan.x(), plan.kernelWidth());
		return (long) plan.outChannels() * plan.inChannelsPerGroup() * 2 * nm;
	}

	/**
	 * FFT length along an axis: a power of two about four times the kernel's span (so most of a
	 * tile is output), no longer than the axis needs, at least 16.
	 */
	static int size(AxisGeometry g, int k) {
		int span = g.dilation() * (k - 1) + 1;
		int wanted = Integer.highestOneBit(Math.max(16, 4 * (span - 1)) * 2 - 1);
		int needed = g.outputSize() + span - 1;
		int enough = Integer.highestOneBit(needed * 2 - 1);
		int size = Math.min(wanted, enough);
		while (size - span + 1 < 1) size *= 2;
		return size;
	}

	@Override
	public String name() {
		return "fft";
	}

	@Override
	public int maxTileWidth(ConvPlan p) {
		return m - spanX + 1;
	}

	@Override
	public int maxBandRows(ConvPlan p, int channels, int tileWidth) {
		return 2 * (n - spanY + 1);
	}

	@Override
	public long workspaceBytes(ConvPlan p, int threads) {
		long nm = (long) n * m;
		long perWorker = (plan.inChannelsPerGroup() + 2L) * 2 * nm + 2 * nm + m;
		// Blocks whose input holds a NaN or infinity go to a direct worker (see Worker.compute).
		return 8L * (spectraDoubles(plan) + threads * perWorker) + 8L * 2 * nm + new DirectConvolution().workspaceBytes(plan, threads);
	}

	@Override
	public BlockWorker worker(ConvPlan p, Tensor input) {
		prepareSpectra();
		return new Worker(input);
	}

	/** 2-D forward transform of {@code re/im} ({@code n × m}, destroyed) into {@code outRe/outIm} ({@code m × n}). */
	private void forward(double[][] re, double[][] im, double[][] outRe, double[][] outIm) {
		fftY.transform(re, im, m, false);
		ColumnFft.transpose(re, outRe, n, m);
		ColumnFft.transpose(im, outIm, n, m);
		fftX.transform(outRe, outIm, n, false);
	}

	private final class Worker implements BlockWorker {
		private final Tensor input;
		private final float[] in;
		private BlockWorker direct;
		private final double[][] re = new double[n][m];
		private final double[][] im = new double[n][m];
		private final double[][][] inputRe;
		private final double[][][] inputIm;
		private final double[][] sumRe = new double[m][n];
		private final double[][] sumIm = new double[m][n];
		private final int[] columnSource = new int[m];

		Worker(Tensor input) {
			this.input = input;
			in = input.data();
			int cinG = plan.inChannelsPerGroup();
			inputRe = new double[cinG][m][n];
			inputIm = new double[cinG][m][n];
		}

		@Override
		public void compute(OutputBlock block, float[] out) {
			AxisGeometry gx = plan.x();
			int paddedW = gx.inputSize() + gx.padLo() + gx.padHi();
			for (int c = 0; c < m; c++) { // the block's padded columns, for every tile pair of it
				int px = block.firstColumn() + c;
				columnSource[c] = px < paddedW ? plan.mode().sourceIndex(px - gx.padLo(), gx.inputSize()) : -1;
			}
			int tileRows = n - spanY + 1;
			for (int y0 = block.firstRow(); y0 < block.endRow(); y0 += 2 * tileRows) {
				int rowsA = Math.min(tileRows, block.endRow() - y0);
				int rowsB = Math.max(0, Math.min(tileRows, block.endRow() - y0 - tileRows));
				if (!computePair(block, y0, rowsA, rowsB, out)) {
					// A NaN or infinity would spread over a whole FFT tile; the direct sum keeps it
					// where PyTorch has it. The direct worker rewrites the whole block.
					if (direct == null) direct = new DirectConvolution().worker(plan, input);
					direct.compute(block, out);
					return;
				}
			}
		}

		/**
		 * Output rows {@code [y0, y0 + rowsA)} from the real part, the next {@code rowsB} from the
		 * imaginary part; false (nothing written) when the input there holds a NaN or infinity.
		 */
		private boolean computePair(OutputBlock block, int y0, int rowsA, int rowsB, float[] out) {
			int cinG = plan.inChannelsPerGroup();
			for (int ci = 0; ci < cinG; ci++) {
				int channel = block.group() * cinG + ci;
				if (!fill(re, channel, y0)) return false;
				if (rowsB > 0) {
					if (!fill(im, channel, y0 + n - spanY + 1)) return false;
				}
				else for (double[] row : im) java.util.Arrays.fill(row, 0);
				forward(re, im, inputRe[ci], inputIm[ci]);
			}
			float[] bias = plan.biasInternal();
			double scale = 1.0 / ((double) n * m);
			int outW = plan.outputWidth();
			int outH = plan.outputHeight();
			for (int co = block.firstChannel(); co < block.endChannel(); co++) {
				for (int ci = 0; ci < cinG; ci++) {
					int slice = co * cinG + ci;
					for (int r = 0; r < m; r++) {
						multiply(inputRe[ci][r], inputIm[ci][r], kernelRe[slice][r], kernelIm[slice][r], sumRe[r], sumIm[r], ci == 0);
					}
				}
				fftX.transform(sumRe, sumIm, n, true);
				ColumnFft.transpose(sumRe, re, m, n);
				ColumnFft.transpose(sumIm, im, m, n);
				fftY.transform(re, im, m, true);
				float b = bias == null ? 0f : bias[co];
				for (int r = 0; r < rowsA + rowsB; r++) {
					double[] src = r < rowsA ? re[r + spanY - 1] : im[r - rowsA + spanY - 1];
					int at = (co * outH + y0 + r) * outW + block.firstColumn();
					for (int c = 0; c < block.columns(); c++) out[at + c] = (float) (src[c + spanX - 1] * scale) + b;
				}
			}
			return true;
		}

		/**
		 * Padded input rows {@code py0 ...} of {@code channel}, columns of the tile, into {@code dst}
		 * (zeros outside); false when one of the values is not finite.
		 */
		private boolean fill(double[][] dst, int channel, int py0) {
			boolean finite = true;
			AxisGeometry gy = plan.y();
			int paddedH = gy.inputSize() + gy.padLo() + gy.padHi();
			int inW = plan.x().inputSize();
			for (int r = 0; r < n; r++) {
				double[] row = dst[r];
				int py = py0 + r;
				int srcY = py < paddedH ? plan.mode().sourceIndex(py - gy.padLo(), gy.inputSize()) : -1;
				if (srcY < 0) {
					java.util.Arrays.fill(row, 0);
					continue;
				}
				int base = (channel * gy.inputSize() + srcY) * inW;
				for (int c = 0; c < m; c++) {
					int s = columnSource[c];
					float v = s < 0 ? 0f : in[base + s];
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
