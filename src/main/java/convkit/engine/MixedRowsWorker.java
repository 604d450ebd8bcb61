package convkit.engine;

/**
 * The direct algorithm's channel mixing on the Vector API path ({@link TapLoops#mixShifted}):
 * the block's input — every input channel of its group, the padded planes and rows its output
 * reads, over the padded columns of its tile — is copied once into one array, and each output row
 * of eight output channels at a time is summed over every tap of every input channel at once,
 * each tap read in place there, the sums held in registers from the bias to the last tap and
 * stored once. It computes the sums of {@link DirectConvolution}'s tiled form in the same order
 * (bias, then input channel, kernel plane, row, column), so the same bits; until the Vector API
 * kernels are compiled ({@link KernelFamily#MIX}) the tiled form runs instead, in the auto-vectorised loops.
 * <p>
 * Only for plans whose taps along x are shifted windows of one phase of the padded row ({@link #fits}):
 * stride 1, or a dilation that is a multiple of the stride (then that phase alone is copied). Reused from block to block by one worker (not thread-safe).
 */
final class MixedRowsWorker implements BlockWorker {

	private static final int R = TapLoops.MIX_ROWS;

	private final ConvPlan plan;
	private final BlockWorker fallback;
	private final float[] bias;
	/** Taps per output channel: every input channel of the group × the kernel volume. */
	private final int count;
	/** Values of one output channel (its planes × rows × columns). */
	private final int channelSize;
	/** Every output channel's weights packed eight channels at a time, tap by tap ({@link #packWeights}), shared by the workers. */
	private final float[] packed;
	/** The copy's shape {@link #to} was placed for ({@code planes, rows, span}): blocks of one size share it. */
	private final int[] placedFor = new int[3];
	private final int[] to;
	private final float[][] dst = new float[R][];
	private final int[] at = new int[R];
	private final float[] start = new float[R];
	private float[] input = new float[0];
	private float[] scratch = new float[0];
	private int[] columnSource = new int[0];

	/**
	 * A worker for {@code plan}, which must {@link #fits fit}, with its weights {@code packed} by
	 * {@link #packWeights}; {@code fallback} computes the blocks until the kernel is compiled.
	 */
	MixedRowsWorker(ConvPlan plan, float[] packed, BlockWorker fallback) {
		if (!fits(plan)) throw new IllegalArgumentException("channel mixing in place needs " + R + " output channels per group and, along x,"
			+ " stride 1 or a dilation that is a multiple of the stride: " + plan);
		this.plan = plan;
		this.fallback = fallback;
		this.bias = plan.biasInternal();
		this.count = plan.inChannelsPerGroup() * plan.kernelVolume();
		this.channelSize = plan.outputDepth() * plan.outputHeight() * plan.outputWidth();
		this.packed = packed;
		this.to = new int[count];
	}

	/**
	 * Whether this form can compute {@code plan}: at least {@link TapLoops#MIX_ROWS} output channels
	 * per group, and along x stride 1, or a dilation that is a multiple of the stride (or a kernel of
	 * one column) — the columns read are then one phase of the padded row, copied alone, in which
	 * every tap is a shifted window.
	 */
	static boolean fits(ConvPlan plan) {
		return phased(plan.x()) && plan.outChannelsPerGroup() >= R;
	}

	/** Whether the samples an axis reads are one phase of the padded input: stride 1, a dilation that is a multiple of the stride, or a kernel of one. */
	private static boolean phased(AxisGeometry g) {
		return g.stride() == 1 || g.kernel() == 1 || g.dilation() % g.stride() == 0;
	}

	/** Padded samples between two consecutive samples of the copy along {@code g}: the stride where the axis reads one phase, else 1. */
	private static int copyStep(AxisGeometry g) {
		return phased(g) ? g.stride() : 1;
	}

	/** Samples of the copy between two taps along {@code g}. */
	private static int tapStep(AxisGeometry g) {
		return g.kernel() == 1 ? 0 : g.dilation() / copyStep(g);
	}

	/** Samples of the copy between two consecutive outputs along {@code g}. */
	private static int outputStep(AxisGeometry g) {
		return g.stride() / copyStep(g);
	}

	/**
	 * The weights of every output channel packed once per plan, eight channels at a time from each
	 * group's first — channels {@code g·coG + 8b ..} side by side, tap by tap, from
	 * {@code (g·⌈coG/8⌉ + b)·count·8} — zeros past the group's last channel.
	 */
	static float[] packWeights(ConvPlan plan) {
		int coG = plan.outChannelsPerGroup();
		int blocks = (coG + R - 1) / R;
		int count = plan.inChannelsPerGroup() * plan.kernelVolume();
		float[] w = plan.weightsInternal();
		float[] packed = new float[plan.groups() * blocks * count * R];
		for (int g = 0; g < plan.groups(); g++) {
			for (int c = 0; c < coG; c++) {
				int at = (g * blocks + c / R) * count * R + c % R;
				int base = (g * coG + c) * count; // the weights of output channel g·coG + c: [C_in/groups][kD][kH][kW], one run of count values
				for (int m = 0; m < count; m++) packed[at + m * R] = w[base + m];
			}
		}
		return packed;
	}

	/** Floats of input a block's copy aims to stay within (1 MiB: the second-level cache, where each tap is read eight channels at a time). */
	static final long COPY_BUDGET = 256 * 1024;

	/**
	 * The box of output planes and rows, {@code {planes, rows}}, a block of {@code columns} columns
	 * should have: the one whose copy holds the fewest input values per output row within
	 * {@link #COPY_BUDGET} (a box reads a halo of {@code k_eff − 1} planes and rows, copied once per box).
	 */
	static int[] band(ConvPlan plan, int columns) {
		long perRow = (long) plan.inChannelsPerGroup() * inputSpan(plan.x(), columns);
		int[] best = { 1, 1 };
		double bestCost = Double.MAX_VALUE;
		for (int p = 1; p <= Math.min(plan.outputDepth(), 64); p++) {
			long planes = inputSpan(plan.z(), p);
			for (int r = 1; r <= Math.min(plan.outputHeight(), 256); r++) {
				long copy = perRow * planes * inputSpan(plan.y(), r);
				if (copy > COPY_BUDGET && (p > 1 || r > 1)) break;
				double cost = (double) copy / ((long) p * r);
				if (cost < bestCost) {
					bestCost = cost;
					best = new int[] { p, r };
				}
			}
		}
		return best;
	}

	/**
	 * The widest column tile whose copy of one output row's input (every input channel, the kernel's
	 * planes and rows) stays within {@link #COPY_BUDGET}, and at least 64 columns.
	 */
	static int maxTileWidth(ConvPlan plan) {
		long perColumn = (long) plan.inChannelsPerGroup() * inputSpan(plan.z(), 1) * inputSpan(plan.y(), 1);
		return (int) Math.max(64, Math.min(2048, COPY_BUDGET / perColumn));
	}

	/** Floats one worker holds (besides the packed weights, which the workers share: {@link #packWeights}) for blocks of up to {@code planes × rowsPerPlane} output rows of {@code columns} columns. */
	static long workspaceFloats(ConvPlan plan, int planes, int rowsPerPlane, int columns) {
		long copy = (long) plan.inChannelsPerGroup() * inputSpan(plan.z(), planes) * inputSpan(plan.y(), rowsPerPlane) * inputSpan(plan.x(), columns);
		return copy + (long) plan.inChannelsPerGroup() * plan.kernelVolume() + columns; // the copy, the taps' offsets, the scratch row
	}

	/** Samples of the copy along {@code g} that {@code outputs} consecutive outputs read (every padded sample between, or one phase). */
	private static int inputSpan(AxisGeometry g, int outputs) {
		return (outputs - 1) * outputStep(g) + (g.kernel() - 1) * tapStep(g) + 1;
	}

	@Override
	public void compute(OutputBlock block, float[] in, float[] out) {
		TapLoops loops = VectorLoops.simdMix;
		if (loops != null) {
			compute(loops, block, in, out);
			return;
		}
		KernelFamily.MIX.want(); // compiled after this run (SimdPath.warmInBackground)
		fallback.compute(block, in, out);
	}

	/** The block's sums with {@code loops}' kernel. */
	private void compute(TapLoops loops, OutputBlock block, float[] in, float[] out) {
		int planes = inputSpan(plan.z(), block.planes());
		int rowsIn = inputSpan(plan.y(), block.rowsPerPlane());
		int span = inputSpan(plan.x(), block.columns());
		copyInput(block, in, planes, rowsIn, span);
		if (placedFor[0] != planes || placedFor[1] != rowsIn || placedFor[2] != span) placeTaps(planes, rowsIn, span);
		if (scratch.length < block.columns()) scratch = new float[block.columns()];
		int outW = plan.outputWidth();
		int outH = plan.outputHeight();
		int first = block.firstChannel();
		int end = block.endChannel();
		int coG = plan.outChannelsPerGroup();
		int groupFirst = block.group() * coG;
		int blocks = (coG + R - 1) / R;
		int uz = outputStep(plan.z());
		int uy = outputStep(plan.y());
		// the packed blocks of eight that hold the block's channels; channels of theirs outside it are summed into scratch
		for (int b = (first - groupFirst) / R, c0 = groupFirst + b * R; c0 < end; b++, c0 += R) {
			int wo = (block.group() * blocks + b) * count * R;
			for (int j = 0; j < R; j++) start[j] = c0 + j >= first && c0 + j < end && bias != null ? bias[c0 + j] : 0f;
			for (int oz = block.firstPlane(); oz < block.endPlane(); oz++) {
				for (int oy = block.firstRow(); oy < block.endRow(); oy++) {
					int so = ((oz - block.firstPlane()) * uz * rowsIn + (oy - block.firstRow()) * uy) * span;
					mixRow(loops, out, c0, first, end, ((oz * outH) + oy) * outW + block.firstColumn(), wo, so, block.columns());
				}
			}
		}
	}

	/**
	 * One output row of the eight channels from {@code c0} — starting at {@code pixel} of each
	 * channel's output plane, those outside {@code [first, end)} summed into scratch — over every tap
	 * from {@code so} in the copy. (A method of its own, called once a row: C2 compiles it after a
	 * run or two, where the loops of {@link #compute} waited for many runs, compiled on stack first.)
	 */
	private void mixRow(TapLoops loops, float[] out, int c0, int first, int end, int pixel, int wo, int so, int columns) {
		for (int j = 0; j < R; j++) {
			int co = c0 + j;
			boolean real = co >= first && co < end;
			dst[j] = real ? out : scratch;
			at[j] = real ? co * channelSize + pixel : 0;
		}
		loops.mixShifted(dst, at, start, packed, wo, count, input, to, so, columns);
	}

	/**
	 * Copies every input channel of the block's group over the padded planes, rows and columns the
	 * block reads — along an axis that reads one phase ({@link #copyStep}), that phase alone: B3's
	 * stride 2 and dilation 2 read every other column, which the copy packs, so no phase of the
	 * whole input is made first — each row's interior in one {@link System#arraycopy} (at stride 1),
	 * its border by the padding mode's rule, rows in zero or constant padding filled.
	 */
	private void copyInput(OutputBlock block, float[] in, int planes, int rowsIn, int span) {
		int cinG = plan.inChannelsPerGroup();
		long size = (long) cinG * planes * rowsIn * span;
		if (input.length < size) input = new float[Math.toIntExact(size)];
		AxisGeometry gx = plan.x();
		AxisGeometry gy = plan.y();
		AxisGeometry gz = plan.z();
		PaddingMode mode = plan.mode();
		float fill = plan.fillValue();
		int px0 = block.firstColumn() * gx.stride();
		int cx = copyStep(gx);
		if (columnSource.length < span) columnSource = new int[span];
		int from = span;
		int to = 0;
		for (int i = 0; i < span; i++) {
			int px = px0 + i * cx;
			int xi = px - gx.padLo();
			columnSource[i] = px >= gx.paddedSize() ? -1 : mode.sourceIndex(xi, gx.inputSize());
			if (xi >= 0 && xi < gx.inputSize()) {
				from = Math.min(from, i);
				to = i + 1;
			}
		}
		to = Math.max(from, to); // [from, to): columns inside the image, copied straight (at stride cx)
		int w = gx.inputSize();
		int h = gy.inputSize();
		int d = gz.inputSize();
		int pz0 = block.firstPlane() * gz.stride();
		int py0 = block.firstRow() * gy.stride();
		int cz = copyStep(gz);
		int cy = copyStep(gy);
		int at = 0;
		for (int ci = 0; ci < cinG; ci++) {
			int channel = (block.group() * cinG + ci) * d;
			for (int z = 0; z < planes; z++) {
				int pz = pz0 + z * cz;
				int srcZ = pz >= gz.paddedSize() ? -1 : mode.sourceIndex(pz - gz.padLo(), d);
				for (int y = 0; y < rowsIn; y++, at += span) {
					int py = py0 + y * cy;
					int srcY = srcZ < 0 || py >= gy.paddedSize() ? -1 : mode.sourceIndex(py - gy.padLo(), h);
					if (srcY < 0) {
						java.util.Arrays.fill(input, at, at + span, fill);
						continue;
					}
					copyRow(in, ((channel + srcZ) * h + srcY) * w, at, span, from, to, cx, fill);
				}
			}
		}
	}

	/**
	 * One padded row of the copy, from {@code in}'s row at {@code base} into {@code input} at {@code at}:
	 * columns {@code [from, to)} straight at stride {@code cx}, the others by {@link #columnSource}.
	 * (A method of its own, called once a row: C2 compiles it after a few blocks, where a loop inside
	 * {@link #copyInput} waited for hundreds of blocks and was compiled twice on the way, on stack.)
	 */
	private void copyRow(float[] in, int base, int at, int span, int from, int to, int cx, float fill) {
		for (int i = 0; i < from; i++) input[at + i] = columnSource[i] < 0 ? fill : in[base + columnSource[i]];
		if (cx == 1 && to > from) System.arraycopy(in, base + columnSource[from], input, at + from, to - from);
		else for (int i = from, x = base + columnSource[from]; i < to; i++, x += cx) input[at + i] = in[x];
		for (int i = to; i < span; i++) input[at + i] = columnSource[i] < 0 ? fill : in[base + columnSource[i]];
	}

	/** Where each tap of the block's first output row lies in the copy, in the order of the weights: input channel, kernel plane, row, column. */
	private void placeTaps(int planes, int rowsIn, int span) {
		int kd = plan.kernelDepth();
		int kh = plan.kernelHeight();
		int kw = plan.kernelWidth();
		int dz = tapStep(plan.z());
		int dy = tapStep(plan.y());
		int dx = tapStep(plan.x());
		int m = 0;
		for (int ci = 0; ci < plan.inChannelsPerGroup(); ci++) {
			for (int kz = 0; kz < kd; kz++) {
				for (int ky = 0; ky < kh; ky++) {
					int row = ((ci * planes + kz * dz) * rowsIn + ky * dy) * span;
					for (int kx = 0; kx < kw; kx++) to[m++] = row + kx * dx;
				}
			}
		}
		placedFor[0] = planes;
		placedFor[1] = rowsIn;
		placedFor[2] = span;
	}
}
