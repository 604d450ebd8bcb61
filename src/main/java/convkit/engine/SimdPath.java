package convkit.engine;

import java.util.Optional;

/**
 * Which inner loops this JVM runs: the Vector API kernels ({@code jdk.incubator.vector}), compiled
 * for Java 21 into the jar's multi-release part ({@code META-INF/versions/21}), when the JVM is
 * Java 21 or newer, was started with {@code --add-modules jdk.incubator.vector}, has hardware
 * fused multiply-add and a vector of at least 256 bits; else the auto-vectorised loops of
 * {@link VectorLoops}. Java 17's incubating API is slower than the auto-vectorised loops, so it is
 * never used there. {@code -Dconvkit.simd=auto} forces the auto-vectorised loops (to compare);
 * {@code -Dconvkit.simd=vector} makes the Vector API kernels take every sum from the first run on,
 * without waiting for them to be compiled (tests).
 */
public final class SimdPath {

	/** The class of the Vector API kernels (only in the jar's part for Java 21+). */
	static final String VECTOR_CLASS = "convkit.engine.VectorApiLoops";
	/** What the auto-vectorised loops are called in reports. */
	public static final String AUTO_LABEL = "auto-vectorised loops";
	/** The module the Vector API lives in. */
	public static final String MODULE = "jdk.incubator.vector";

	private SimdPath() {}

	/** Whether this JVM may run the Vector API kernels ({@link #mayUseVectorApi}); their classes are not loaded yet. */
	static final boolean ALLOWED = mayUseVectorApi();

	/** Loads the Vector API kernels on first use (their classes take tens of milliseconds to load: not in a JVM's first run). */
	private static final class Holder {
		static final TapLoops LOOPS = load();
	}

	/**
	 * The Vector API loops, loaded now if need be, or null when this JVM does not run them. (Not
	 * through {@link #ALLOWED}: {@link VectorLoops}' initialisation may call this while this class's
	 * is still under way.)
	 */
	static TapLoops vectorLoops() {
		return Holder.LOOPS;
	}

	/** The Vector API loops, when this JVM may and can run them; else null. */
	private static TapLoops load() {
		if (!mayUseVectorApi()) return null;
		try {
			return (TapLoops) Class.forName(VECTOR_CLASS).getDeclaredConstructor().newInstance();
		}
		catch (ReflectiveOperationException | LinkageError | ClassCastException | IllegalStateException notHere) {
			return null; // a jar without the multi-release part, or a vector too narrow: the loops of today
		}
	}

	/** Java 21+, the module added, hardware FMA, and not forced off. */
	static boolean mayUseVectorApi() {
		return Runtime.version().feature() >= 21 && moduleAdded() && VectorLoops.FMA && !"auto".equals(System.getProperty("convkit.simd"));
	}

	/** Whether the JVM was started with {@code --add-modules jdk.incubator.vector}. */
	public static boolean moduleAdded() {
		return ModuleLayer.boot().findModule(MODULE).isPresent();
	}

	/**
	 * What the inner loops are now, for a report's method line: {@code vector 512-bit}, or
	 * {@code auto-vectorised loops} (also while the Vector API kernels are being compiled).
	 */
	public static String label() {
		TapLoops taps = VectorLoops.simdTaps != null ? VectorLoops.simdTaps : VectorLoops.simdShifted;
		return taps == null || (rowsWanted && VectorLoops.simdRows == null) ? AUTO_LABEL : taps.label();
	}

	/** The loops {@code method} runs, for its report: {@link #label()}, but the FFT's are always the auto-vectorised ones. */
	static String loopsLabel(Method method) {
		return method == Method.FFT ? AUTO_LABEL : label();
	}

	private static final java.util.concurrent.atomic.AtomicBoolean TAPS_WARMING = new java.util.concurrent.atomic.AtomicBoolean();
	private static final java.util.concurrent.atomic.AtomicBoolean ROWS_WARMING = new java.util.concurrent.atomic.AtomicBoolean();
	private static final java.util.concurrent.CountDownLatch SHIFTED_READY = new java.util.concurrent.CountDownLatch(1);
	private static final java.util.concurrent.CountDownLatch TAPS_READY = new java.util.concurrent.CountDownLatch(1);
	private static final java.util.concurrent.CountDownLatch ROWS_READY = new java.util.concurrent.CountDownLatch(1);
	/** Whether a run has asked for row products (channel mixing) since the JVM started. */
	static volatile boolean rowsWanted;

	/**
	 * Starts compiling the Vector API kernels, once per JVM, on low-priority daemon threads (one per
	 * kernel family: the tap sums read in place, the tap sums, the row products) that run them on
	 * small arrays; once a family is done it takes its sums. The runner calls this after a JVM's
	 * first real run (the command line with {@code repeat=} before its first): that run takes the
	 * auto-vectorised loops, which its own warm-up compiles quickly, the later ones the vector
	 * kernels — the row products only once a run has needed them, so the compiler, which competes
	 * with the runs for the cores, compiles only what is used. Does nothing on the auto path.
	 */
	public static void warmInBackground() {
		if (!ALLOWED) return;
		if (TAPS_WARMING.compareAndSet(false, true)) {
			warm("convkit-simd-warmup-shifted", TapLoops::warmUpShifted, v -> VectorLoops.simdShifted = v, SHIFTED_READY);
			warm("convkit-simd-warmup-taps", TapLoops::warmUpTaps, v -> VectorLoops.simdTaps = v, TAPS_READY);
		}
		if (rowsWanted && ROWS_WARMING.compareAndSet(false, true)) {
			warm("convkit-simd-warmup-rows", TapLoops::warmUpRows, v -> VectorLoops.simdRows = v, ROWS_READY);
		}
	}

	/**
	 * On a thread of its own: loads the Vector API loops, runs each of {@code warmUp}'s batches (one
	 * per kernel) {@link #WARM_BATCHES} times on them, then hands them to {@code publish}.
	 */
	private static void warm(String name, java.util.function.Function<TapLoops, Runnable[]> warmUp, java.util.function.Consumer<TapLoops> publish,
		java.util.concurrent.CountDownLatch done) {
		Thread t = new Thread(() -> {
			try {
				TapLoops v = vectorLoops();
				if (v == null) return;
				for (Runnable batch : warmUp.apply(v)) {
					for (int b = 0; b < WARM_BATCHES; b++) batch.run();
				}
				publish.accept(v);
			}
			finally {
				done.countDown();
			}
		}, name);
		t.setDaemon(true);
		t.setPriority(Thread.MIN_PRIORITY);
		t.start();
	}

	/**
	 * Times a warm-up runs each of its batches: 800 calls of every kernel, past C2's thresholds, so C2
	 * compiles them in the background while the first runs that take them finish on C1's code. (Waiting
	 * until a batch runs at C2's speed before handing the kernels over kept short cases on the
	 * auto-vectorised loops for most of a 60-run benchmark on two busy cores: B6's median went from
	 * 3 to 7 ms.)
	 */
	static final int WARM_BATCHES = 16;

	/**
	 * Starts every warm-up and waits for them (at most {@code millis}); whether the Vector API kernels
	 * now take every sum. For benchmarks and tests, which measure or check that path.
	 */
	public static boolean awaitVectorKernels(long millis) {
		if (vectorLoops() == null) return false;
		rowsWanted = true;
		warmInBackground();
		long end = System.nanoTime() + millis * 1_000_000L;
		try {
			SHIFTED_READY.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
			TAPS_READY.await(Math.max(0, end - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
			ROWS_READY.await(Math.max(0, end - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		return VectorLoops.simdShifted != null && VectorLoops.simdTaps != null && VectorLoops.simdRows != null;
	}

	/**
	 * A line for users when this JVM could run the Vector API kernels but was not started with the
	 * module (Java 21+ without {@code --add-modules jdk.incubator.vector}); empty otherwise.
	 */
	public static Optional<String> missingModuleHint() {
		if (Runtime.version().feature() < 21 || moduleAdded()) return Optional.empty();
		return Optional.of("ConvKit: this Java " + Runtime.version().feature() + " can run ConvKit's faster SIMD kernels; start it with "
			+ "--add-modules " + MODULE + " (Fiji: add it to the JVM options, see ConvKit's README)");
	}
}
