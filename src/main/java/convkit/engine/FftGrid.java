package convkit.engine;

/**
 * The transform grid of the FFT algorithm for one plan: power-of-two lengths per axis
 * ({@code nz × ny × nx}; {@code nz = 1} in 2-D), the kernel's spans, the output tile each transform
 * yields ({@code n − span + 1} per axis), and the 3-D transform itself. A block of the grid is held
 * as {@code nz·ny} rows of {@code nx} values; its spectrum transposed, {@code nx} rows of
 * {@code nz·ny}. Immutable; safe to share between threads.
 */
final class FftGrid {

	final int nz;
	final int ny;
	final int nx;
	final int spanZ;
	final int spanY;
	final int spanX;
	/** Rows of a spatial block: {@code nz·ny}. */
	final int rows;
	private final ColumnFft fftZ;
	private final ColumnFft fftY;
	private final ColumnFft fftX;

	FftGrid(ConvPlan plan) {
		nz = length(plan.z());
		ny = length(plan.y());
		nx = length(plan.x());
		spanZ = plan.z().effectiveKernel();
		spanY = plan.y().effectiveKernel();
		spanX = plan.x().effectiveKernel();
		rows = nz * ny;
		fftZ = new ColumnFft(nz);
		fftY = new ColumnFft(ny);
		fftX = new ColumnFft(nx);
	}

	/** Points of the grid, {@code nz·ny·nx}, for {@code plan} (without making it); as a double, since three lengths of up to 2^30 overflow a long. */
	static double points(ConvPlan plan) {
		return (double) length(plan.z()) * length(plan.y()) * length(plan.x());
	}

	/**
	 * FFT length along an axis: a power of two about four times the kernel's span (so most of a
	 * tile is output), no longer than the axis needs, 1 for an axis without a kernel, and at
	 * most 2^30 (a larger grid is refused by the spectra limit first).
	 */
	static int length(AxisGeometry g) {
		long span = g.effectiveKernel();
		long needed = g.outputSize() + span - 1;
		long wanted = Long.highestOneBit(Math.max(16, 4 * (span - 1)) * 2 - 1);
		long enough = Long.highestOneBit(needed * 2 - 1);
		long size = Math.min(wanted, enough);
		while (size - span + 1 < 1) size *= 2;
		return (int) Math.min(size, 1 << 30);
	}

	/** Output planes of one tile. */
	int tileDepth() {
		return nz - spanZ + 1;
	}

	/** Output rows of one tile. */
	int tileRows() {
		return ny - spanY + 1;
	}

	/** Output columns of one tile. */
	int tileColumns() {
		return nx - spanX + 1;
	}

	/** Forward 3-D transform of {@code re/im} ({@code rows × nx}, destroyed) into {@code outRe/outIm} ({@code nx × rows}). */
	void forward(double[][] re, double[][] im, double[][] outRe, double[][] outIm) {
		for (int z = 0; z < nz; z++) fftY.transform(re, im, z * ny, 1, nx, false);
		for (int y = 0; y < ny && nz > 1; y++) fftZ.transform(re, im, y, ny, nx, false);
		ColumnFft.transpose(re, outRe, rows, nx);
		ColumnFft.transpose(im, outIm, rows, nx);
		fftX.transform(outRe, outIm, 0, 1, rows, false);
	}

	/** Inverse 3-D transform (without the {@code 1/N} factor) of {@code re/im} ({@code nx × rows}, destroyed) into {@code outRe/outIm} ({@code rows × nx}). */
	void inverse(double[][] re, double[][] im, double[][] outRe, double[][] outIm) {
		fftX.transform(re, im, 0, 1, rows, true);
		ColumnFft.transpose(re, outRe, nx, rows);
		ColumnFft.transpose(im, outIm, nx, rows);
		for (int y = 0; y < ny && nz > 1; y++) fftZ.transform(outRe, outIm, y, ny, nx, true);
		for (int z = 0; z < nz; z++) fftY.transform(outRe, outIm, z * ny, 1, nx, true);
	}
}
