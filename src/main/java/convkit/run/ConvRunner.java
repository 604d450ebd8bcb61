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
import convkit.engine.Tensor;
import convkit.engine.Tiles;
import convkit.geometry.OutputGeometry;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

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
		OutputPolicy.checkDistinct(source.file(), sink.file());
		Shape shape = source.shape();
		if (shape.rank() != job.rank()) {
			throw new IllegalArgumentException(job.commandName() + " needs " + (job.rank() == 3 ? "a volume [C, D, H, W]" : "planes [C, H, W]")
				+ ", but '" + source.name() + "' gives " + shape);
		}
		Convolution conv = prepareFor(source);
		ConvPlan plan = conv.plan();
		int positions = source.positions();
		OutputPixels pixels = OutputPixels.resolve(job.output(), source);
		if (plan.rank() == 3 && source.readsPlanes() && sink.takesSlabs()) return runSlabs(source, sink, exec, repeat, conv, pixels);
		int batch = positionsPerBatch(plan, positions, batchFloats);
		long runBytes = 4L * batch * ((long) shape.values() + plan.outputShape().values());
		budget.check(sink.retainedBytes(plan, positions, pixels), runBytes, conv.workspaceBytes(exec.threads()), conv.method(),
			plan.outputShape() + (positions > 1 ? " x " + positions + " positions" : "") + " (" + pixels.describe() + ")");
		double[] millis = new double[repeat];
		sink.begin(plan, positions, pixels);
		boolean done = false;
		try {
			for (int first = 0; first < positions; first += batch) {
				if (exec.isCancelled()) throw new CancellationException("convolution cancelled");
				int size = Math.min(batch, positions - first);
				List<Tensor> in = new ArrayList<>(size);
				for (int p = first; p < first + size; p++) in.add(source.read(p));
				final int before = first;
				Execution e = exec.withProgress((d, total) -> exec.progress().progress(before * total + d * size, positions * total));
				List<Tensor> out = null;
				for (int r = 0; r < repeat; r++) {
					long t0 = System.nanoTime();
					out = conv.run(in, e);
					millis[r] += (System.nanoTime() - t0) / 1e6;
				}
				for (int i = 0; i < size; i++) sink.accept(first + i, out.get(i));
			}
			sink.finish(geometry(source, plan), RunInfo.text(job, source, plan, conv.method(), pixels));
			done = true;
		}
		finally {
			if (!done) sink.abort();
		}
		return new RunReport(plan, conv.method(), positions, millis);
	}

	private static OutputGeometry geometry(PositionSource source, ConvPlan plan) {
		return OutputGeometry.after(source.geometry(), source.name(), source.imageId(), source.imageSize(), plan, source.offset());
	}

	/**
	 * What a run of {@code source} hands its sink at the end — the output's geometry and Info — for
	 * an output assembled from pieces run elsewhere ({@link #run} on {@link PositionRange}s of it).
	 */
	public Finish finish(PositionSource source) {
		Convolution conv = prepareFor(source);
		ConvPlan plan = conv.plan();
		OutputPixels pixels = OutputPixels.resolve(job.output(), source);
		return new Finish(plan, pixels, geometry(source, plan), RunInfo.text(job, source, plan, conv.method(), pixels));
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
	 * {@link #prepare} for {@code source}'s shape; where the kernel wants as many input channels as
	 * a plain stack has slices, the refusal says {@code channels=slices}.
	 */
	private Convolution prepareFor(PositionSource source) {
		try {
			return prepare(source.shape());
		}
		catch (IllegalArgumentException e) {
			throw withStackHint(e, source, job.kernel(), job.spec());
		}
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
	 * Conv3D of volumes read plane by plane: each volume a slab of output planes at a time, each
	 * slab from the input planes it reads ({@link Tiles}: the z halo, beyond the volume made by the
	 * padding mode) with no z padding and the plan's x/y padding, by the plan's own algorithm — so
	 * memory holds a slab, not a volume, and direct and separable give the whole run's numbers bit
	 * for bit.
	 */
	private RunReport runSlabs(PositionSource source, PositionSink sink, Execution exec, int repeat, Convolution whole,
		OutputPixels pixels) throws IOException
	{
		ConvPlan plan = whole.plan();
		AxisGeometry gz = plan.z();
		int positions = source.positions();
		int outDepth = plan.outputDepth();
		long inPlane = (long) plan.inChannels() * plan.inputHeight() * plan.inputWidth();
		long outPlane = (long) plan.outChannels() * plan.outputHeight() * plan.outputWidth();
		long perOutputPlane = gz.stride() * inPlane + outPlane;
		long halo = (long) (gz.effectiveKernel() - gz.stride()) * inPlane;
		int slab = (int) Math.max(1, Math.min(outDepth, (batchFloats - Math.max(0, halo)) / perOutputPlane));
		ConvSpec spec = plan.spec().toBuilder().padding(Padding.of(plan.x().padLo(), plan.x().padHi(), plan.y().padLo(),
			plan.y().padHi(), 0, 0)).build();
		Method method = Method.fromLabel(whole.method());
		Map<Integer, Convolution> bySlabDepth = new HashMap<>();
		Convolution first = slabConvolution(plan, spec, method, Tiles.lastInput(gz, slab) - Tiles.firstInput(gz, 0) + 1, bySlabDepth);
		long runBytes = 4L * ((long) first.plan().inputShape().values() + first.plan().outputShape().values());
		budget.check(sink.retainedBytes(plan, positions, pixels), runBytes, first.workspaceBytes(exec.threads()), first.method(),
			plan.outputShape() + (positions > 1 ? " x " + positions + " positions" : "") + " (" + pixels.describe() + ", " + slab
				+ " output planes at a time)");
		int slabs = (outDepth + slab - 1) / slab;
		double[] millis = new double[repeat];
		sink.begin(plan, positions, pixels);
		boolean done = false;
		try {
			for (int p = 0; p < positions; p++) {
				for (int s = 0; s < slabs; s++) {
					if (exec.isCancelled()) throw new CancellationException("convolution cancelled");
					int a = s * slab;
					int b = Math.min(outDepth, a + slab);
					int lo = Tiles.firstInput(gz, a);
					int[] zs = new int[Tiles.lastInput(gz, b) - lo + 1];
					for (int j = 0; j < zs.length; j++) zs[j] = plan.mode().sourceIndex(lo + j, plan.inputDepth());
					Tensor in = source.readPlanes(p, zs, plan.fillValue());
					Convolution c = slabConvolution(plan, spec, method, zs.length, bySlabDepth);
					final int step = p * slabs + s;
					Execution e = exec.withProgress((d, total) -> exec.progress().progress(step * total + d, (long) positions * slabs * total));
					Tensor out = null;
					for (int r = 0; r < repeat; r++) {
						long t0 = System.nanoTime();
						out = c.run(in, e);
						millis[r] += (System.nanoTime() - t0) / 1e6;
					}
					sink.accept(p, out);
				}
			}
			sink.finish(geometry(source, plan), RunInfo.text(job, source, plan, whole.method(), pixels));
			done = true;
		}
		finally {
			if (!done) sink.abort();
		}
		return new RunReport(plan, whole.method(), positions, millis);
	}

	/** The prepared convolution of a slab of {@code depth} input planes (kept per depth: the last slab may be thinner). */
	private Convolution slabConvolution(ConvPlan whole, ConvSpec spec, Method method, int depth, Map<Integer, Convolution> bySlabDepth) {
		return bySlabDepth.computeIfAbsent(depth, d -> Convolution.prepare(ConvPlan.of(Shape.of(whole.inChannels(), d, whole.inputHeight(),
			whole.inputWidth()), job.kernel(), job.bias(), spec), method));
	}
}
