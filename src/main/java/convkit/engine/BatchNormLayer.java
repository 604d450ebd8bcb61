package convkit.engine;

/**
 * Batch norm in eval mode ({@code nn.BatchNorm2d/3d} after {@code .eval()}): per channel
 * {@code (x − mean) / sqrt(var + eps) · weight + bias}, with the running statistics given.
 */
public final class BatchNormLayer implements StackLayer {

	private final int rank;
	private final float[] mean;
	private final float[] var;
	private final float[] weight;
	private final float[] bias;
	private final double eps;

	private BatchNormLayer(int rank, float[] mean, float[] var, float[] weight, float[] bias, double eps) {
		this.rank = rank;
		this.mean = mean;
		this.var = var;
		this.weight = weight;
		this.bias = bias;
		this.eps = eps;
	}

	/**
	 * Batch norm of {@code rank} axes with running {@code mean} and {@code var} (one value per
	 * channel each), {@code weight} and {@code bias} (null: 1 and 0) and {@code eps} (&gt; 0).
	 */
	public static BatchNormLayer of(int rank, float[] mean, float[] var, float[] weight, float[] bias, double eps) {
		if (mean == null || var == null) throw new IllegalArgumentException("batch norm needs its running mean and variance (mean= and var=)");
		int c = mean.length;
		check("var", var, c);
		if (weight != null) check("w", weight, c);
		if (bias != null) check("b", bias, c);
		for (float v : var) {
			if (!(v >= 0) || Float.isInfinite(v)) throw new IllegalArgumentException("variance " + v + " is not allowed (a finite number, 0 or more)");
		}
		if (!(eps > 0) || Double.isInfinite(eps)) throw new IllegalArgumentException("eps " + eps + " is not allowed (a number above 0)");
		return new BatchNormLayer(rank, mean.clone(), var.clone(), weight == null ? null : weight.clone(), bias == null ? null : bias.clone(), eps);
	}

	private static void check(String name, float[] v, int c) {
		if (v.length != c) {
			throw new IllegalArgumentException(name + " has " + v.length + " values but mean has " + c + "; batch norm takes one per channel");
		}
	}

	@Override
	public String label() {
		return "bn";
	}

	@Override
	public Prepared prepare(Shape input) {
		if (input.channels() != mean.length) {
			throw new IllegalArgumentException("batch norm statistics are for " + mean.length + " channels, the input has " + input.channels());
		}
		float[] scale = new float[mean.length];
		float[] shift = new float[mean.length];
		for (int c = 0; c < mean.length; c++) {
			double a = 1.0 / Math.sqrt(var[c] + eps) * (weight == null ? 1.0 : weight[c]);
			scale[c] = (float) a;
			shift[c] = (float) ((bias == null ? 0.0 : bias[c]) - mean[c] * a);
		}
		String torch = "nn.BatchNorm" + rank + "d(" + mean.length + ", eps=" + TorchText.number(eps) + ", affine="
			+ (weight != null || bias != null ? "True" : "False") + ").eval()";
		return new ElementWiseStep(input, torch, (c, src, dst, from, to) -> {
			float a = scale[c], b = shift[c];
			for (int i = from; i < to; i++) dst[i] = src[i] * a + b;
		});
	}
}
