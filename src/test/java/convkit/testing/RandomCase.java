package convkit.testing;

import convkit.engine.ConvSpec;
import convkit.engine.Kernel;
import convkit.engine.Padding;
import convkit.engine.PaddingMode;
import convkit.engine.Shape;
import convkit.engine.Tensor;

import java.util.Random;

/**
 * A random convolution for the property tests, 2-D or 3-D: the engine's view (shape, kernel in
 * one of its conveniences, spec with a padding form, bias) and the {@link Reference}'s (full
 * weights, padding as numbers). Three flavours so every algorithm gets its share: general
 * settings (every mode, padding form, stride, dilation, groups, flip, normalize, bias), rank-1
 * kernels large enough for the separable algorithm, and large kernels at stride 1 on images
 * large enough for the FFT. About one case in twelve is invalid on purpose.
 */
public final class RandomCase {

	/** What the case is built to exercise. */
	public enum Flavour {
		GENERAL, SEPARABLE, FFT
	}

	private static final String[] MODES = { "zeros", "reflect", "symmetric", "replicate", "circular", "constant" };

	public final Flavour flavour;
	public final Reference.Case ref = new Reference.Case();
	public final Shape shape;
	public final Tensor input;
	public final Kernel kernel;
	public final ConvSpec spec;
	public final float[] bias;
	public final int threads;
	/** Whether every kernel slice is an outer product (decided here, not by the engine). */
	public final boolean rankOne;
	private final String text;

	private RandomCase(Random r, int rank) {
		double f = r.nextDouble();
		flavour = f < 0.2 ? Flavour.SEPARABLE : f < 0.45 ? Flavour.FFT : Flavour.GENERAL;
		Reference.Case c = ref;
		c.rank = rank;
		c.mode = MODES[r.nextInt(MODES.length)];
		if (c.mode.equals("constant")) c.value = r.nextInt(4) == 0 ? 0f : r.nextFloat() * 6 - 3;
		boolean threeD = rank == 3;
		c.channels = 1 + r.nextInt(flavour == Flavour.FFT ? 2 : threeD ? 3 : 4);
		// Kernel form: depthwise (spatial dims only), one output channel, or full weights.
		int form = r.nextInt(6) == 0 ? 0 : r.nextInt(5) == 0 ? 1 : 2;
		int groups = 1;
		int co;
		if (form == 0) {
			groups = c.channels;
			co = c.channels;
		}
		else if (form == 1) {
			co = 1;
		}
		else {
			boolean badGroups = r.nextInt(25) == 0 && c.channels > 1;
			groups = badGroups ? c.channels + 1 : divisor(r, c.channels);
			co = Math.max(1, groups) * (1 + r.nextInt(r.nextInt(3) == 0 ? 6 : 3)); // sometimes enough to gather whole blocks of taps
			if (badGroups) co = groups * (1 + r.nextInt(2)); // divisible by groups, the input is not
		}
		c.groups = groups;
		c.outChannels = co;
		int[] k = new int[3];
		int[] n = new int[3];
		int[] s = { 1, 1, 1 };
		int[] d = { 1, 1, 1 };
		for (int a = 0; a < rank; a++) {
			switch (flavour) {
				case SEPARABLE:
					k[a] = 3 + r.nextInt(threeD ? 4 : 7);
					s[a] = 1 + r.nextInt(2);
					d[a] = 1 + r.nextInt(2);
					n[a] = (threeD ? 6 : 8) + r.nextInt(threeD ? 9 : 33);
					break;
				case FFT:
					k[a] = threeD ? 5 + r.nextInt(4) : 17 + r.nextInt(7);
					n[a] = k[a] + (threeD ? 4 + r.nextInt(9) : 56 + r.nextInt(20));
					break;
				default:
					k[a] = 1 + r.nextInt(threeD ? 4 : 5);
					s[a] = 1 + r.nextInt(3);
					d[a] = r.nextInt(3) == 0 ? 2 + r.nextInt(2) : 1;
					n[a] = r.nextInt(12) == 0 ? 1 : 2 + r.nextInt(threeD ? 9 : 23);
			}
		}
		if (!threeD) {
			k[2] = 1;
			n[2] = 1;
		}
		c.kw = k[0];
		c.kh = k[1];
		c.kd = k[2];
		c.width = n[0];
		c.height = n[1];
		c.depth = n[2];
		c.stride = s;
		c.dilation = d;
		Padding padding = padding(r, c, rank);
		c.flip = r.nextInt(10) < 3;
		c.normalize = r.nextInt(7) == 0;
		int vol = c.kd * c.kh * c.kw;
		int cig = c.channels % groups == 0 ? c.channels / groups : 1;
		int sliceCount = (form == 0 ? 1 : co * (form == 1 ? c.channels : cig));
		float[] given = new float[sliceCount * vol];
		for (int sl = 0; sl < sliceCount; sl++) {
			if (flavour == Flavour.SEPARABLE) {
				float[] u = vector(r, c.kd);
				float[] v = vector(r, c.kh);
				float[] w = vector(r, c.kw);
				for (int i = 0; i < vol; i++) given[sl * vol + i] = u[i / (c.kh * c.kw)] * v[i / c.kw % c.kh] * w[i % c.kw];
			}
			else {
				for (int i = 0; i < vol; i++) given[sl * vol + i] = weight(r, c.normalize) / (flavour == Flavour.FFT ? 8 : 1);
			}
		}
		// The reference takes full weights: repeat a depthwise kernel per channel.
		if (form == 0) {
			c.weights = new float[c.channels * vol];
			for (int ch = 0; ch < c.channels; ch++) System.arraycopy(given, 0, c.weights, ch * vol, vol);
		}
		else {
			c.weights = given;
		}
		int[] spatial = threeD ? new int[] { c.kd, c.kh, c.kw } : new int[] { c.kh, c.kw };
		int[] kshape;
		if (form == 0) kshape = spatial;
		else if (form == 1) kshape = concat(new int[] { c.channels }, spatial);
		else kshape = concat(new int[] { co, cig }, spatial);
		kernel = Kernel.of(given, kshape);
		if (r.nextBoolean()) {
			c.bias = new float[co];
			for (int i = 0; i < co; i++) c.bias[i] = r.nextFloat() * 2 - 1;
		}
		bias = c.bias;
		c.input = new float[c.channels * c.depth * c.height * c.width];
		for (int i = 0; i < c.input.length; i++) c.input[i] = r.nextFloat() * 2 - 1;
		shape = threeD ? Shape.of(c.channels, c.depth, c.height, c.width) : Shape.of(c.channels, c.height, c.width);
		input = Tensor.of(shape, c.input);
		ConvSpec.Builder b = ConvSpec.builder(rank).padding(padding).mode(PaddingMode.fromLabel(c.mode)).value(c.value)
			.groups(form == 2 ? groups : 1)
			.flip(c.flip).normalize(c.normalize);
		b.stride(threeD ? s : new int[] { s[0], s[1] }).dilation(threeD ? d : new int[] { d[0], d[1] });
		spec = b.build();
		threads = 1 + r.nextInt(3);
		rankOne = RankOne.allSlices(c.weights, vol, c.kd, c.kh, c.kw);
		text = flavour + " " + rank + "-D in " + shape + " kernel " + kernel.shapeString() + " groups " + groups + " " + spec + " -> pads "
			+ java.util.Arrays.toString(c.resolvedPadding()) + " bias " + (bias != null) + " threads " + threads;
	}

	/** A case drawn from {@code r}, with {@code rank} spatial axes. */
	public static RandomCase of(Random r, int rank) {
		return new RandomCase(r, rank);
	}

	private static int divisor(Random r, int n) {
		int d;
		do {
			d = 1 + r.nextInt(n);
		} while (n % d != 0);
		return d;
	}

	private static float weight(Random r, boolean positive) {
		if (positive) return 0.1f + r.nextFloat();
		return r.nextInt(5) == 0 ? 0f : r.nextFloat() * 2 - 1;
	}

	private static float[] vector(Random r, int n) {
		float[] v = new float[n];
		for (int i = 0; i < n; i++) v[i] = r.nextInt(6) == 0 ? 0f : 0.2f + r.nextFloat();
		return v;
	}

	private static int[] concat(int[] a, int[] b) {
		int[] c = new int[a.length + b.length];
		System.arraycopy(a, 0, c, 0, a.length);
		System.arraycopy(b, 0, c, a.length, b.length);
		return c;
	}

	/** Padding in every form; mostly within the mode's limit and the output at least 1, sometimes not. */
	private static Padding padding(Random r, Reference.Case c, int rank) {
		int[] n = { c.width, c.height, c.depth };
		int[] keff = { c.dilation[0] * (c.kw - 1) + 1, c.dilation[1] * (c.kh - 1) + 1, c.dilation[2] * (c.kd - 1) + 1 };
		boolean past = r.nextInt(30) == 0;
		int[] p = new int[6];
		for (int a = 0; a < rank; a++) {
			for (int side = 0; side < 2; side++) {
				// enough for the kernel to fit the padded axis, within reflect's limit
				int need = Math.max(0, keff[a] - n[a]);
				int max = Math.max(need, Math.min(keff[a], n[a] - 1));
				p[2 * a + side] = Math.min(max, need / 2 + side * (need % 2) + r.nextInt(Math.max(1, max - need + 1)));
			}
		}
		if (past) {
			int a = r.nextInt(rank);
			p[2 * a + r.nextInt(2)] = n[a] + r.nextInt(2);
		}
		int choice = r.nextInt(6);
		if (choice == 0 && !past) {
			c.same = true;
			c.sameLower = r.nextBoolean();
			return c.sameLower ? Padding.sameLower() : Padding.same();
		}
		if (choice == 1 && !past && r.nextInt(3) == 0) return Padding.valid(); // may leave no output: refused
		if (choice == 2) { // one value
			int v = p[0];
			for (int i = 0; i < 2 * rank; i++) p[i] = v;
			c.padding = p;
			return Padding.of(v);
		}
		if (choice == 3) { // per axis
			for (int a = 0; a < rank; a++) p[2 * a + 1] = p[2 * a];
			c.padding = p;
			return rank == 3 ? Padding.of(p[0], p[2], p[4]) : Padding.of(p[0], p[2]);
		}
		c.padding = p;
		return rank == 3 ? Padding.of(p[0], p[1], p[2], p[3], p[4], p[5]) : Padding.of(p[0], p[1], p[2], p[3]);
	}

	@Override
	public String toString() {
		return text;
	}
}
