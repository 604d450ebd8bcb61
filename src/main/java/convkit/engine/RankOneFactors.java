package convkit.engine;

/**
 * The factors of kernels that are outer products: every slice {@code [co, ci]} of the weights is
 * {@code z ⊗ y ⊗ x} (kD × kH × kW; {@code z = [1]} in 2-D), detected to a relative tolerance
 * ({@link #TOLERANCE}) of the slice's largest weight, not declared. The pivot is the largest
 * weight {@code w[pz][py][px]}: {@code x = w[pz][py][·]/pivot}, {@code y = w[pz][·][px]},
 * {@code z = w[·][py][px]/pivot}, so in 2-D {@code y} is a column of the kernel as it is.
 */
final class RankOneFactors {

	/** Relative tolerance of the rank-1 test, against the slice's largest weight. */
	static final double TOLERANCE = 1e-6;

	/** Per slice ({@code co·(C_in/groups) + ci}): the z, y and x factors. */
	final float[][] z;
	final float[][] y;
	final float[][] x;

	private RankOneFactors(float[][] z, float[][] y, float[][] x) {
		this.z = z;
		this.y = y;
		this.x = x;
	}

	/** The factors of {@code plan}'s weights, or null when some slice is not rank 1. */
	static RankOneFactors of(ConvPlan plan) {
		int kd = plan.kernelDepth();
		int kh = plan.kernelHeight();
		int kw = plan.kernelWidth();
		int volume = kd * kh * kw;
		int slices = plan.outChannels() * plan.inChannelsPerGroup();
		float[] w = plan.weightsInternal();
		float[][] fz = new float[slices][kd];
		float[][] fy = new float[slices][kh];
		float[][] fx = new float[slices][kw];
		for (int s = 0; s < slices; s++) {
			int base = s * volume;
			int pivot = base;
			for (int i = base; i < base + volume; i++) {
				if (Math.abs(w[i]) > Math.abs(w[pivot])) pivot = i;
			}
			double max = Math.abs(w[pivot]);
			if (max == 0) continue; // an all-zero slice: every factor 0
			int pz = (pivot - base) / (kh * kw);
			int py = (pivot - base) / kw % kh;
			int px = (pivot - base) % kw;
			double p = w[pivot];
			for (int k = 0; k < kd; k++) fz[s][k] = (float) (w[base + (k * kh + py) * kw + px] / p);
			for (int k = 0; k < kh; k++) fy[s][k] = w[base + (pz * kh + k) * kw + px];
			for (int k = 0; k < kw; k++) fx[s][k] = (float) (w[base + (pz * kh + py) * kw + k] / p);
			for (int a = 0; a < kd; a++) {
				for (int b = 0; b < kh; b++) {
					for (int c = 0; c < kw; c++) {
						double product = (double) fz[s][a] * fy[s][b] * fx[s][c];
						if (Math.abs(product - w[base + (a * kh + b) * kw + c]) > TOLERANCE * max) return null;
					}
				}
			}
		}
		return new RankOneFactors(fz, fy, fx);
	}

	/** Bytes the factors take. */
	long bytes() {
		return 4L * z.length * (z[0].length + y[0].length + x[0].length);
	}
}
