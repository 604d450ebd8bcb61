package convkit.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * PyTorch's {@code ConvTranspose2d/3d} on the engine's own algorithms: the output is split into
 * its stride phases (the outputs {@code o ≡ r mod s} on every axis), and each phase is an ordinary
 * stride-1 convolution of the input with the taps of the kernel that reach it, reversed, at
 * dilation {@code d / gcd(s, d)} ({@link Convolution}). No zero-stuffed input is made; each phase
 * reads a copy of the input cropped or zero-padded to the rows its taps reach. Immutable, prepared
 * once per input shape.
 * <p>
 * Output size per axis: {@code (n − 1)·s − 2p + d·(k − 1) + op + 1}.
 * <p>
 * Example: {@code TransposedConvolution.of(Shape.of(4, 8, 8), weight, null, TransposedSpec.of(2, 2, 1, 1, 0, 1, 1), Method.AUTO)}.
 */
public final class TransposedConvolution {

	private final Shape input;
	private final Shape output;
	private final float[] bias;
	/** Whether some outputs are reached by no tap (only the bias makes them). */
	private final boolean biasAlone;
	private final List<Phase> phases;

	private TransposedConvolution(Shape input, Shape output, float[] bias, boolean biasAlone, List<Phase> phases) {
		this.input = input;
		this.output = output;
		this.bias = bias;
		this.biasAlone = biasAlone;
		this.phases = phases;
	}

	/**
	 * Prepares the transposed convolution of an input of {@code shape} with {@code weight}
	 * ({@code [C_in, C_out/g, (kD,) kH, kW]}, PyTorch's layout) and {@code bias} ({@code C_out}
	 * values, or null); every phase runs with {@code method}.
	 */
	public static TransposedConvolution of(Shape shape, Kernel weight, float[] bias, TransposedSpec spec, Method method) {
		int rank = spec.rank();
		if (shape.rank() != rank) {
			throw new IllegalArgumentException("a " + rank + "-D transposed convolution needs a " + (rank == 3 ? "[C, D, H, W]" : "[C, H, W]")
				+ " input, but the input is " + shape);
		}
		if (weight.rank() != rank + 2) {
			throw new IllegalArgumentException("transposed convolution weights must be " + (rank == 3 ? "[C_in, C_out/groups, kD, kH, kW]"
				: "[C_in, C_out/groups, kH, kW]") + ", not " + weight.shapeString());
		}
		int groups = spec.groups();
		int cin = weight.dim(0);
		if (cin != shape.channels()) {
			throw new IllegalArgumentException("the weights " + weight.shapeString() + " take " + cin + " input channels, the input has "
				+ shape.channels());
		}
		if (cin % groups != 0) throw new IllegalArgumentException(cin + " input channels cannot be split into " + groups + " groups");
		int cout = weight.dim(1) * groups;
		if (bias != null && bias.length != cout) {
			throw new IllegalArgumentException("bias has " + bias.length + " values; it must have one per output channel (" + cout + ")");
		}
		int[] k = new int[3];
		int[] n = new int[3];
		int[] o = new int[3];
		for (Axis a : Axis.values()) {
			int i = a.ordinal();
			k[i] = i < rank ? weight.dim(rank + 1 - i) : 1;
			n[i] = shape.size(a);
			o[i] = i < rank ? spec.outputSize(a, n[i], k[i]) : 1;
		}
		Shape out = Shape.of(rank, cout, o[2], o[1], o[0]);
		// per axis, the residues some tap reaches; outputs of the others (s > k, say) get the bias alone
		List<List<PhaseAxis>> reached = new ArrayList<>();
		boolean biasAlone = false;
		for (Axis a : Axis.values()) {
			int i = a.ordinal();
			List<PhaseAxis> axis = new ArrayList<>();
			if (i >= rank) axis.add(PhaseAxis.flat());
			else {
				int s = spec.stride(a);
				for (int r = 0; r < Math.min(s, o[i]); r++) {
					PhaseAxis pa = PhaseAxis.of(r, o[i], k[i], s, spec.padding(a), spec.dilation(a));
					if (pa.taps.length > 0) axis.add(pa);
					else biasAlone = true;
				}
			}
			reached.add(axis);
		}
		List<Phase> phases = new ArrayList<>();
		for (PhaseAxis z : reached.get(2)) {
			for (PhaseAxis y : reached.get(1)) {
				for (PhaseAxis x : reached.get(0)) phases.add(Phase.of(shape, weight, bias, groups, new PhaseAxis[] { x, y, z }, method, rank));
			}
		}
		return new TransposedConvolution(shape, out, bias == null ? null : bias.clone(), biasAlone, Collections.unmodifiableList(phases));
	}

	/** The input shape this was prepared for. */
	public Shape inputShape() {
		return input;
	}

	/** The output shape. */
	public Shape outputShape() {
		return output;
	}

	/** The algorithm the phases run with ({@code direct}, {@code fft}, ...), the first phase's when they differ. */
	public Method method() {
		return phases.isEmpty() ? Method.DIRECT : phases.get(0).conv.method();
	}

	/** The transposed convolution of {@code in}, whose shape must be {@link #inputShape()}. */
	public Tensor run(Tensor in, Execution exec) {
		if (!in.shape().equals(input)) {
			throw new IllegalArgumentException("input " + in.shapeString() + " does not match the prepared input " + input);
		}
		float[] out = new float[output.values()];
		if (biasAlone && bias != null) { // the outputs no tap reaches; the phases write over the rest
			int plane = output.values() / output.channels();
			for (int c = 0; c < output.channels(); c++) Arrays.fill(out, c * plane, (c + 1) * plane, bias[c]);
		}
		for (Phase p : phases) p.run(in, out, output, exec);
		return Tensor.wrap(output, out);
	}

	/** One axis of a phase: the outputs {@code r, r+s, ...} and the taps that reach them. */
	static final class PhaseAxis {
		/** First output index and stride between outputs. */
		final int first;
		final int step;
		/** Number of outputs of the phase. */
		final int count;
		/** Kernel taps that reach them, in the order the phase kernel holds them (input offsets ascending). */
		final int[] taps;
		/** Input index read by tap 0 for the phase's first output. */
		final int origin;
		/** Distance between the taps' input indices. */
		final int dilation;
		private PhaseAxis(int first, int step, int count, int[] taps, int origin, int dilation) {
			this.first = first;
			this.step = step;
			this.count = count;
			this.taps = taps;
			this.origin = origin;
			this.dilation = dilation;
		}

		static PhaseAxis flat() {
			return new PhaseAxis(0, 1, 1, new int[] { 0 }, 0, 1);
		}

		/**
		 * Output {@code o = m·s + r} takes input {@code i} through tap {@code t} when
		 * {@code i·s + t·d − p = o}: the taps with {@code t·d ≡ r + p (mod s)}, input
		 * {@code i = m + (r + p − t·d)/s}.
		 */
		static PhaseAxis of(int r, int outputSize, int k, int s, int p, int d) {
			int count = r < outputSize ? (outputSize - r + s - 1) / s : 0;
			int[] all = new int[k];
			int j = 0;
			for (int t = k - 1; t >= 0; t--) { // input offsets ascend as the tap descends
				if (Math.floorMod(r + p - (long) t * d, s) == 0) all[j++] = t;
			}
			int[] taps = Arrays.copyOf(all, j);
			int origin = j == 0 ? 0 : (int) Math.floorDiv(r + p - (long) taps[0] * d, (long) s);
			return new PhaseAxis(r, s, count, taps, origin, d / gcd(s, d));
		}

		/** Length of the phase's input: every output's taps. */
		int phaseLength() {
			return count + (taps.length - 1) * dilation;
		}

		private static int gcd(int a, int b) {
			return b == 0 ? a : gcd(b, a % b);
		}
	}

	/** One output phase: its stride-1 convolution and where its outputs go. */
	private static final class Phase {
		final PhaseAxis[] axes;
		final Convolution conv;

		private Phase(PhaseAxis[] axes, Convolution conv) {
			this.axes = axes;
			this.conv = conv;
		}

		/** The phase of {@code axes}, each of which some tap reaches. */
		static Phase of(Shape input, Kernel weight, float[] bias, int groups, PhaseAxis[] axes, Method method, int rank) {
			int cin = input.channels();
			int cig = cin / groups;
			int cog = weight.dim(1);
			int cout = cog * groups;
			int jx = axes[0].taps.length, jy = axes[1].taps.length, jz = axes[2].taps.length;
			int kx = weight.dim(rank + 1);
			int ky = weight.dim(rank);
			int kz = rank == 3 ? weight.dim(2) : 1;
			float[] w = weight.data();
			float[] sub = new float[cout * cig * jz * jy * jx];
			int at = 0;
			for (int co = 0; co < cout; co++) {
				int g = co / cog;
				int col = co % cog;
				for (int cil = 0; cil < cig; cil++) {
					int base = ((g * cig + cil) * cog + col) * kz * ky * kx;
					for (int z = 0; z < jz; z++) {
						for (int y = 0; y < jy; y++) {
							for (int x = 0; x < jx; x++) {
								sub[at++] = w[base + (axes[2].taps[z] * ky + axes[1].taps[y]) * kx + axes[0].taps[x]];
							}
						}
					}
				}
			}
			Kernel kernel = rank == 3 ? Kernel.of(sub, cout, cig, jz, jy, jx) : Kernel.of(sub, cout, cig, jy, jx);
			ConvSpec.Builder spec = ConvSpec.builder(rank).groups(groups);
			spec = rank == 3 ? spec.dilation(axes[0].dilation, axes[1].dilation, axes[2].dilation) : spec.dilation(axes[0].dilation, axes[1].dilation);
			Shape phaseShape = Shape.of(rank, cin, axes[2].phaseLength(), axes[1].phaseLength(), axes[0].phaseLength());
			return new Phase(axes, Convolution.prepare(ConvPlan.of(phaseShape, kernel, bias, spec.build()), method));
		}

		void run(Tensor in, float[] out, Shape output, Execution exec) {
			int ow = output.width(), oh = output.height(), od = output.depth();
			PhaseAxis x = axes[0], y = axes[1], z = axes[2];
			float[] result = conv.run(phaseInput(in), exec).data();
			int at = 0;
			for (int c = 0; c < output.channels(); c++) {
				for (int mz = 0; mz < z.count; mz++) {
					for (int my = 0; my < y.count; my++) {
						int row = ((c * od + z.first + mz * z.step) * oh + y.first + my * y.step) * ow + x.first;
						for (int mx = 0; mx < x.count; mx++) out[row + mx * x.step] = result[at++];
					}
				}
			}
		}

		/** The input cropped or zero-padded to the indices the phase reads: {@code origin + t} for every axis. */
		private Tensor phaseInput(Tensor in) {
			Shape s = conv.plan().inputShape();
			int lw = s.width(), lh = s.height(), ld = s.depth();
			int iw = in.width(), ih = in.height(), id = in.depth();
			float[] src = in.data();
			float[] dst = new float[s.values()];
			PhaseAxis x = axes[0], y = axes[1], z = axes[2];
			int x0 = Math.max(0, -x.origin), x1 = Math.min(lw, iw - x.origin); // copied columns [x0, x1)
			for (int c = 0; c < s.channels(); c++) {
				for (int tz = 0; tz < ld; tz++) {
					int sz = tz + z.origin;
					if (sz < 0 || sz >= id) continue;
					for (int ty = 0; ty < lh; ty++) {
						int sy = ty + y.origin;
						if (sy < 0 || sy >= ih || x1 <= x0) continue;
						System.arraycopy(src, ((c * id + sz) * ih + sy) * iw + x0 + x.origin, dst, ((c * ld + tz) * lh + ty) * lw + x0, x1 - x0);
					}
				}
			}
			return Tensor.wrap(s, dst);
		}
	}
}
