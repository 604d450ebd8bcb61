package convkit.engine;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The Vector API kernels in four families, each compiled in the background
 * ({@link SimdPath#warmInBackground}) only once a run on the vector path has wanted it — the
 * compiler competes with the runs for the cores, so it compiles only what is used (B3 wants only
 * {@link #MIX}; B1 only {@link #SHIFTED}) — and taking its sums from then on. Until then the same
 * sums run in the auto-vectorised loops, the same bits.
 */
enum KernelFamily {

	/** The tap sums read in place from whole padded rows ({@link TapLoops#addShiftedRows}): single-plane direct sums, the separable x pass. */
	SHIFTED(TapLoops::warmUpShifted, v -> VectorLoops.simdShifted = v, () -> VectorLoops.simdShifted),
	/** The tap sums from tap arrays ({@link TapLoops#addTaps}, {@link TapLoops#setTaps}): the separable y and z passes, strided direct sums. */
	TAPS(TapLoops::warmUpTaps, v -> VectorLoops.simdTaps = v, () -> VectorLoops.simdTaps),
	/** The row products ({@link TapLoops#addTapRows}): Winograd's per-position products, the direct tiles. */
	ROWS(TapLoops::warmUpRows, v -> VectorLoops.simdRows = v, () -> VectorLoops.simdRows),
	/** Channel mixing in registers ({@link TapLoops#mixShifted}, {@link MixedRowsWorker}). */
	MIX(TapLoops::warmUpMix, v -> VectorLoops.simdMix = v, () -> VectorLoops.simdMix);

	private final Function<TapLoops, Runnable[]> warmUps;
	private final Consumer<TapLoops> publish;
	private final Supplier<TapLoops> current;

	KernelFamily(Function<TapLoops, Runnable[]> warmUps, Consumer<TapLoops> publish, Supplier<TapLoops> current) {
		this.warmUps = warmUps;
		this.publish = publish;
		this.current = current;
	}

	private volatile boolean wanted;
	private final AtomicBoolean warming = new AtomicBoolean();
	private final CountDownLatch done = new CountDownLatch(1);

	/** The family's warm-up batches, one per kernel. */
	Runnable[] warmUps(TapLoops v) {
		return warmUps.apply(v);
	}

	/** Hands the family's sums to {@code v}. */
	void publish(TapLoops v) {
		publish.accept(v);
	}

	/** Whether the family's sums are taken by the Vector API kernels. */
	boolean ready() {
		return current.get() != null;
	}

	/** Marks the family as used by a run on the vector path (a volatile read when already marked; nothing on the auto path). */
	void want() {
		if (!wanted && SimdPath.ALLOWED) wanted = true;
	}

	/** Whether a run has wanted this family since the JVM started. */
	boolean wanted() {
		return wanted;
	}

	/** Claims the family's one warm-up: true for the first caller only. */
	boolean startWarming() {
		return warming.compareAndSet(false, true);
	}

	/** Called by the warm-up when it has ended, published or not. */
	void warmed() {
		done.countDown();
	}

	/** Waits until the warm-up has ended, at most until {@code deadline} ({@link System#nanoTime}). */
	void await(long deadline) throws InterruptedException {
		done.await(Math.max(0, deadline - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
	}
}
