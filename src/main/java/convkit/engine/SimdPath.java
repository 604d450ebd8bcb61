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
		boolean any = false;
		for (KernelFamily f : KernelFamily.values()) {
			if (f.wanted() && !f.ready()) return AUTO_LABEL;
			any |= f.ready();
		}
		TapLoops v = any ? vectorLoops() : null;
		return v == null ? AUTO_LABEL : v.label();
	}

	/** The loops {@code method} runs, for its report: {@link #label()}, but the FFT's are always the auto-vectorised ones. */
	static String loopsLabel(Method method) {
		return method == Method.FFT ? AUTO_LABEL : label();
	}

	/**
	 * Starts compiling the Vector API kernels of every {@link KernelFamily} a run has wanted, once per
	 * JVM, each on a low-priority daemon thread that runs them on small arrays; once a family is done
	 * it takes its sums. The runner calls this after a JVM's first real run (the command line with
	 * {@code repeat=} before its first): that run takes the auto-vectorised loops, which its own
	 * warm-up compiles quickly, the later ones the vector kernels. Only the families a run has used
	 * are compiled: the compiler competes with the runs for the cores. Does nothing on the auto path.
	 */
	public static void warmInBackground() {
		if (!ALLOWED) return;
		for (KernelFamily f : KernelFamily.values()) {
			if (f.wanted() && f.startWarming()) warm(f);
		}
	}

	/**
	 * On a thread of its own: loads the Vector API loops, runs each of {@code family}'s warm-up batches
	 * (one per kernel) {@link #WARM_BATCHES} times on them, then hands them the family's sums.
	 */
	private static void warm(KernelFamily family) {
		Thread t = new Thread(() -> {
			try {
				TapLoops v = vectorLoops();
				if (v == null) return;
				for (Runnable batch : family.warmUps(v)) {
					for (int b = 0; b < WARM_BATCHES; b++) batch.run();
				}
				family.publish(v);
			}
			finally {
				family.warmed();
			}
		}, "convkit-simd-warmup-" + family.name().toLowerCase(java.util.Locale.ROOT));
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
		for (KernelFamily f : KernelFamily.values()) f.want();
		warmInBackground();
		long end = System.nanoTime() + millis * 1_000_000L;
		boolean all = true;
		try {
			for (KernelFamily f : KernelFamily.values()) {
				f.await(end);
				all &= f.ready();
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return false;
		}
		return all;
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
