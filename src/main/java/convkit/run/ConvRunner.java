package convkit.run;

import convkit.engine.AxisGeometry;
import convkit.engine.Convolution;
import convkit.engine.ConvPlan;
import convkit.engine.ConvSpec;
import convkit.engine.Execution;
import convkit.engine.Kernel;
import convkit.engine.Method;
import convkit.engine.Padding;
import convkit.engine.Shape;
import convkit.engine.SimdPath;
import convkit.engine.Tensor;
import convkit.engine.Tiles;
import convkit.geometry.OutputGeometry;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;

/**
 * The one way every front end convolves: positions from a {@link PositionSource}, a prepared
 * {@link Convolution}, results to a {@link PositionSink}. It plans against the source's shape,
 * refuses an output that is the input, checks the memory budget before anything is allocated,
 * runs positions in batches (many small planes keep every core busy), reports progress and
 * honours cancellation, and hands the sink the output's geometry and Info. A failure or a
 * cancellation aborts the sink, so nothing half-made remains.
 * <p>
 * One runner serves any number of sources (a folder): the prepared convolution of a shape is
 * kept and reused for the next source of that shape.
 * <p>
 * Example: {@code new ConvRunner(job, MemoryBudget.jvm("use java -Xmx8g")).run(source, sink, Execution.defaults(), 1)}.
 */
public final class ConvRunner {

	/** Floats of input and output one engine run may hold (32 MiB): positions are batched up to it. */
	static final long BATCH_FLOATS = 8L << 20;

	private final ConvJob job;
	private final MemoryBudget budget;
	private final long batchFloats;
	private final Map<Shape, Convolution> prepared = new LinkedHashMap<Shape, Convolution>(4, 0.75f, true) {
		@Override
		protected boolean removeEldestEntry(Map.Entry<Shape, Convolution> eldest) {
			return size() > 4;
		}
	};

	public ConvRunner(ConvJob job, MemoryBudget budget) {
		this(job, budget, BATCH_FLOATS);
	}

	/**
	 * A runner whose engine runs hold up to {@code batchFloats} input and output floats (positions
	 * are batched, and slabs of a streamed volume sized, to it; tests use small values).
	 */
	public ConvRunner(ConvJob job, MemoryBudget budget, long batchFloats) {
		if (batchFloats < 1) throw new IllegalArgumentException("batchFloats must be at least 1, not " + batchFloats);
		this.job = job;
		this.budget = budget;
		this.batchFloats = batchFloats;
	}

	public ConvJob job() {
		return job;
	}

	/**
	 * The prepared convolution for inputs of {@code shape}: planned and prepared on first use
	 * (refusing what cannot work), then reused.
	 */
	public synchronized Convolution prepare(Shape shape) {
		Convolution c = prepared.get(shape);
		if (c == null) {
			ConvPlan plan = ConvPlan.of(shape, job.kernel(), job.bias(), job.spec());
			c = Convolution.prepare(plan, job.method());
			prepared.put(shape, c);
		}
		return c;
	}

	/**
	 * Convolves every position of {@code source} into {@code sink}, the convolution of each batch
	 * repeated {@code repeat} times (timed; the sink gets the last).
	 *
	 * @throws IllegalArgumentException with the reason when the settings do not fit the input, the
	 *         output is the input, or the run would not fit in memory; nothing is written then
	 * @throws CancellationException when {@code exec} reports cancellation; the sink is aborted
	 */
	public RunReport run(PositionSource source, PositionSink sink, Execution exec, int repeat) throws IOException {
		if (repeat < 1) throw new IllegalArgumentException("repeat must be at least 1, not " + repeat);
		checkWrites(source, sink.file());
		Shape shape = source.shape();
		if (shape.rank() != job.rank()) {
			throw new IllegalArgumentException(job.commandName() + " needs " + (job.rank() == 3 ? "a volume [C, D, H, W]" : "planes [C, H, W]")
				+ ", but '" + source.name() + "' gives " + shape);
		}
		Convolution conv = prepare(source);
		ConvPlan plan = conv.plan();
		int positions = source.positions();
		OutputPixels pixels = OutputPixels.resolve(job.output(), source);
		long perPosition = (long) plan.inputShape().values() + plan.outputShape().values();
		if (source.readsSlabs() && sink.takesSlabs() && (plan.rank() == 3 || perPosition > batchFloats)) {
			return runSlabs(source, sink, exec, repeat, conv, pixels, 0, positions, 0, -1);
		}
		int batch = positionsPerBatch(plan, positions, batchFloats);
		long runBytes = 4L * batch * ((long) shape.values() + plan.outputShape().values());
		budget.check(sink.retainedBytes(plan.outputShape(), positions, pixels), runBytes, conv.workspaceBytes(exec.threads()), conv.method().label(),
			plan.outputShape() + (positions > 1 ? " x " + positions + " positions" : "") + " (" + pixels.describe() + ")");
		double[] millis = new double[repeat];
		sink.begin(plan.outputShape(), positions, pixels);
		boolean done = false;
		try {
			for (int first = 0; first < positions; first += batch) {
				if (exec.isCancelled()) throw new CancellationException("convolution cancelled");
				int size = Math.min(batch, positions - first);
				List<Tensor> in = new ArrayList<>(size);
				for (int p = first; p < first + size; p++) in.add(source.read(p));
				final int before = first;
				Execution e = exec.withProgress((d, total) -> exec.progress().progress(before * total + d * size, positions * total));
				float[][] arrays = new float[size][];
				List<Tensor> out = timed(millis, () -> { // the first run allocates its outputs (timed); repeats overwrite them
					for (int i = 0; i < size; i++) if (arrays[i] == null) arrays[i] = new float[plan.outputShape().values()];
					return conv.runInto(in, arrays, e);
				});
				for (int i = 0; i < size; i++) sink.accept(first + i, out.get(i));
			}
			OutputGeometry geometry = geometry(source, plan);
			sink.finish(geometry, RunInfo.text(job, source, plan, conv.methodLabel(), pixels, geometry));
			done = true;
		}
		finally {
			if (!done) sink.abort();
		}
		return new RunReport(plan, conv.methodLabel(), positions, millis);
	}

	private static OutputGeometry geometry(PositionSource source, ConvPlan plan) {
		return OutputGeometry.after(source.geometry(), source.name(), source.imageId(), source.imageSize(), plan, source.offset());
	}

	/**
	 * What a run of {@code source} hands its sink at the end — the output's geometry and Info — for
	 * an output assembled from pieces run elsewhere ({@link #run} on {@link PositionRange}s of it).
	 */
	public Finish finish(PositionSource source) {
		Convolution conv = prepare(source);
		ConvPlan plan = conv.plan();
		OutputPixels pixels = OutputPixels.resolve(job.output(), source);
		OutputGeometry geometry = geometry(source, plan);
		return new Finish(plan, pixels, geometry, RunInfo.text(job, source, plan, conv.methodLabel(), pixels, geometry));
	}

	/** A run's plan, output pixels, output geometry and Info, as {@link #finish(PositionSource)} gives them. */
	public static final class Finish {
		public final ConvPlan plan;
		public final OutputPixels pixels;
		public final OutputGeometry geometry;
		public final String info;

		Finish(ConvPlan plan, OutputPixels pixels, OutputGeometry geometry, String info) {
			this.plan = plan;
			this.pixels = pixels;
			this.geometry = geometry;
			this.info = info;
		}
	}

	/**
	 * Refuses, before any work, an {@code output} file that is the source's file or another file
	 * the job reads (kernel, bias), by any spelling, through links and hard links.
	 */
	public void checkWrites(PositionSource source, Optional<Path> output) {
		OutputPolicy.checkWrites(source.file(), job.reads(), output);
	}

	/**
	 * {@link #prepare} for {@code source}'s shape; where the kernel wants as many input channels as
	 * a plain stack has slices, the refusal says {@code channels=slices}; a deep kernel over an
	 * image of one slice is refused ({@link #checkSlices}).
	 */
	public Convolution prepare(PositionSource source) {
		checkSlices(source, job.kernel(), job.spec());
		try {
			return prepare(source.shape());
		}
		catch (IllegalArgumentException e) {
			throw withStackHint(e, source, job.kernel(), job.spec());
		}
	}

	/**
	 * Refuses a Conv3D kernel deeper than one slice over an image of one slice: such an image is
	 * not a z-stack, and the kernel would run over its one plane (an array keeps PyTorch's rule:
	 * any depth, padded as asked).
	 */
	public static void checkSlices(PositionSource source, Kernel kernel, ConvSpec spec) {
		int[] k = kernel.shape();
		if (spec.rank() != 3 || source.isArray() || source.shape().depth() != 1 || k.length < 3 || k[k.length - 3] == 1) return;
		throw new IllegalArgumentException("'" + source.name() + "' has one slice, so it is not a z-stack: Conv3D convolves volumes"
			+ " (the slices are depth) and would run this kernel of depth " + k[k.length - 3] + " over one slice; use Conv2D for"
			+ " single planes (Plugins > ConvKit > Conv2D..., or conv on the command line)");
	}

	/**
	 * {@code refusal}, or — where {@code kernel} wants as many input channels as {@code source}, a
	 * plain stack read one slice per position, has slices — the refusal with the way out:
	 * {@code channels=slices}.
	 */
	public static IllegalArgumentException withStackHint(IllegalArgumentException refusal, PositionSource source, Kernel kernel,
		ConvSpec spec)
	{
		int n = source.plainStackSize();
		int[] k = kernel.shape();
		int rank = spec.rank();
		int wanted = k.length == rank + 2 ? k[1] * spec.groups() : k.length == rank + 1 ? k[0] : 0;
		if (n > 1 && rank == 2 && source.shape().channels() == 1 && wanted == n) {
			return new IllegalArgumentException(refusal.getMessage() + "; '" + source.name() + "' is a plain stack of " + n
				+ " slices: channels=slices reads them as its " + n + " input channels", refusal);
		}
		return refusal;
	}

	/** How many positions one engine run takes: as many as fit {@link #BATCH_FLOATS}, at least one. */
	static int positionsPerBatch(ConvPlan plan, int positions) {
		return positionsPerBatch(plan, positions, BATCH_FLOATS);
	}

	private static int positionsPerBatch(ConvPlan plan, int positions, long batchFloats) {
		long perPosition = (long) plan.inputShape().values() + plan.outputShape().values();
		return (int) Math.max(1, Math.min(positions, batchFloats / perPosition));
	}

	/**
	 * Positions read a slab at a time — Conv3D volumes by planes, Conv2D planes too large for one
	 * run by rows: each position a slab of output planes (rows) at a time, each slab from the input
	 * planes (rows) it reads ({@link Tiles}: the halo, beyond the image made by the padding mode)
	 * with no padding along that axis and the plan's padding along the others, by the plan's own
	 * algorithm — so memory holds a slab, not a position, and direct and separable give the whole
	 * run's numbers bit for bit.
	 */
	private RunReport runSlabs(PositionSource source, PositionSink sink, Execution exec, int repeat, Convolution whole,
		OutputPixels pixels, int p0, int p1, int e0, int e1) throws IOException
	{
		ConvPlan plan = whole.plan();
		boolean volume = plan.rank() == 3;
		AxisGeometry g = volume ? plan.z() : plan.y();
		int positions = p1 - p0;
		int from = e0;
		int outExtent = e1 < 0 ? g.outputSize() : e1;
		long inUnit = (long) plan.inChannels() * plan.inputWidth() * (volume ? plan.inputHeight() : 1);
		long outUnit = (long) plan.outChannels() * plan.outputWidth() * (volume ? plan.outputHeight() : 1);
		long halo = (long) Tiles.halo(g) * inUnit;
		int slab = (int) Math.max(1, Math.min(outExtent - from, (batchFloats - halo) / (g.stride() * inUnit + outUnit)));
		Padding others = volume ? Padding.of(plan.x().padLo(), plan.x().padHi(), plan.y().padLo(), plan.y().padHi(), 0, 0)
			: Padding.of(plan.x().padLo(), plan.x().padHi(), 0, 0);
		ConvSpec spec = plan.spec().toBuilder().padding(others).build();
		Method method = whole.method();
		Map<Integer, Convolution> bySlab = new HashMap<>();
		Convolution first = slabConvolution(plan, spec, method, Tiles.lastInput(g, from + slab) - Tiles.firstInput(g, from) + 1, bySlab);
		long runBytes = 4L * ((long) first.plan().inputShape().values() + first.plan().outputShape().values());
		budget.check(sink.retainedBytes(plan.outputShape(), positions, pixels), runBytes, first.workspaceBytes(exec.threads()), first.method().label(),
			plan.outputShape() + (positions > 1 ? " x " + positions + " positions" : "") + " (" + pixels.describe() + ", " + slab
				+ (volume ? " output planes" : " output rows") + " at a time)");
		int slabs = (outExtent - from + slab - 1) / slab;
		double[] millis = new double[repeat];
		sink.begin(plan.outputShape(), positions, pixels);
		boolean done = false;
		try {
			for (int q = 0; q < positions; q++) {
				int p = p0 + q;
				for (int s = 0; s < slabs; s++) {
					if (exec.isCancelled()) throw new CancellationException("convolution cancelled");
					int a = from + s * slab;
					int b = Math.min(outExtent, a + slab);
					int lo = Tiles.firstInput(g, a);
					int[] at = new int[Tiles.lastInput(g, b) - lo + 1];
					for (int j = 0; j < at.length; j++) at[j] = plan.mode().sourceIndex(lo + j, g.inputSize());
					Tensor in = source.readSlab(p, at, plan.fillValue());
					Convolution c = slabConvolution(plan, spec, method, at.length, bySlab);
					final int step = q * slabs + s;
					Execution e = exec.withProgress((d, total) -> exec.progress().progress(step * total + d, (long) positions * slabs * total));
					sink.accept(q, timed(millis, () -> c.run(in, e)));
				}
			}
			OutputGeometry geometry = geometry(source, plan);
			sink.finish(geometry, RunInfo.text(job, source, plan, whole.methodLabel(), pixels, geometry));
			done = true;
		}
		finally {
			if (!done) sink.abort();
		}
		return new RunReport(plan, whole.methodLabel(), positions, millis);
	}

	/**
	 * Output planes (Conv3D) or rows (Conv2D) {@code [from, to)} of {@code position} of a source that
	 * {@linkplain PositionSource#readsSlabs reads slabs}, a slab at a time, handed to {@code sink}
	 * as consecutive slabs of its position 0 — one piece of a position too large for one machine
	 * (the pieces of all rows or planes together are the whole run's output, bit for bit with
	 * direct and separable).
	 */
	public RunReport runPart(PositionSource source, int position, int from, int to, PositionSink sink, Execution exec)
		throws IOException
	{
		if (!source.readsSlabs()) throw new IllegalArgumentException("'" + source.name() + "' is not read a slab at a time");
		checkWrites(source, sink.file());
		Convolution conv = prepare(source);
		AxisGeometry g = conv.plan().rank() == 3 ? conv.plan().z() : conv.plan().y();
		if (position < 0 || position >= source.positions() || from < 0 || to > g.outputSize() || from >= to) {
			throw new IllegalArgumentException("part " + from + ".." + to + " of position " + position + " is not inside 0.." + g.outputSize()
				+ " of 0.." + source.positions());
		}
		return runSlabs(source, sink, exec, 1, conv, OutputPixels.resolve(job.output(), source), position, position + 1, from, to);
	}

	/** Runs {@code work} once per entry of {@code millis} (the repeats), adding each run's time to its entry; the last run's result. */
	private static <T> T timed(double[] millis, Supplier<T> work) {
		T out = null;
		for (int r = 0; r < millis.length; r++) {
			long t0 = System.nanoTime();
			out = work.get();
			millis[r] += (System.nanoTime() - t0) / 1e6;
			SimdPath.warmInBackground(); // after a JVM's first real run: the Vector API kernels are compiled for the next ones
		}
		return out;
	}

	/** The prepared convolution of a slab of {@code extent} input planes or rows (kept per extent: the last slab may be thinner). */
	private Convolution slabConvolution(ConvPlan whole, ConvSpec spec, Method method, int extent, Map<Integer, Convolution> bySlab) {
		return bySlab.computeIfAbsent(extent, d -> Convolution.prepare(ConvPlan.of(whole.rank() == 3
			? Shape.of(whole.inChannels(), d, whole.inputHeight(), whole.inputWidth()) : Shape.of(whole.inChannels(), d, whole.inputWidth()),
			job.kernel(), job.bias(), spec), method));
	}
}
