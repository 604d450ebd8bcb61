package convkit.testing;

/**
 * Whether kernels are outer products, decided independently of the engine: a kD × kH × kW
 * slice is rank 1 exactly when each of its three unfoldings is a matrix of rank at most 1, i.e.
 * every 2 × 2 minor vanishes (to a relative 1e-5, far above float rounding and far below what
 * random weights give).
 */
public final class RankOne {

	private RankOne() {}

	/** Whether every slice of {@code w} ({@code volume} values each) is rank 1. */
	public static boolean allSlices(float[] w, int volume, int kd, int kh, int kw) {
		for (int base = 0; base < w.length; base += volume) {
			double max = 0;
			for (int i = 0; i < volume; i++) max = Math.max(max, Math.abs(w[base + i]));
			if (max == 0) continue;
			double tol = 1e-5 * max * max;
			int[][] unfold = { { kd, kh * kw }, { kh, kd * kw }, { kw, kd * kh } };
			for (int mode = 0; mode < 3; mode++) {
				int rows = unfold[mode][0];
				int cols = unfold[mode][1];
				for (int r1 = 0; r1 < rows; r1++) {
					for (int r2 = r1 + 1; r2 < rows; r2++) {
						for (int c1 = 0; c1 < cols; c1++) {
							for (int c2 = c1 + 1; c2 < cols; c2++) {
								double minor = at(w, base, mode, r1, c1, kd, kh, kw) * at(w, base, mode, r2, c2, kd, kh, kw)
									- at(w, base, mode, r1, c2, kd, kh, kw) * at(w, base, mode, r2, c1, kd, kh, kw);
								if (Math.abs(minor) > tol) return false;
							}
						}
					}
				}
			}
		}
		return true;
	}

	/** Element (row, col) of unfolding {@code mode} (0: z rows, 1: y rows, 2: x rows). */
	private static double at(float[] w, int base, int mode, int row, int col, int kd, int kh, int kw) {
		int z;
		int y;
		int x;
		if (mode == 0) {
			z = row;
			y = col / kw;
			x = col % kw;
		}
		else if (mode == 1) {
			y = row;
			z = col / kw;
			x = col % kw;
		}
		else {
			x = row;
			z = col / kh;
			y = col % kh;
		}
		return w[base + (z * kh + y) * kw + x];
	}
}
