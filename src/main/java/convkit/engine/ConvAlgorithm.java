package convkit.engine;

/**
 * One way of computing a prepared convolution. Every algorithm gives the same numbers (within
 * float32 rounding); they differ in speed. An algorithm is made once for a plan (anything it can
 * compute ahead — kernel spectra, rank-1 factors — is computed then) and runs any number of
 * inputs. The work is cut into {@link OutputBlock}s that a {@link BlockWorker} per thread computes;
 * the algorithm says how large a block it works best on and what memory it needs.
 */
interface ConvAlgorithm {

	/** Which algorithm it is: what the report shows (its label) and {@code method=} takes. */
	Method method();

	/** A worker for one thread. */
	BlockWorker worker();

	/**
	 * Takes back a worker whose run has ended, for an algorithm that keeps large workspaces from
	 * run to run (none by default: the worker is dropped).
	 */
	default void release(BlockWorker worker) {}

	/** Bytes the algorithm holds for every run, shared by the threads (kernel spectra, factors). */
	long sharedBytes();

	/** The most bytes one worker allocates (tap rings, accumulators, transforms). */
	long workerBytes();

	/** The widest column tile a block should have (the workspace grows with it). */
	int maxTileWidth();

	/**
	 * The largest box of output planes and rows per plane, {@code {planes, rows}}, a block of
	 * {@code channels} output channels and {@code tileWidth} columns should have.
	 */
	int[] maxBand(int channels, int tileWidth);
}
