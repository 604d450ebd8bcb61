package convkit.run;

import java.util.Locale;

/**
 * The memory a run may still take, and what to tell the user when it cannot: checked by the
 * runner before anything is allocated, in every route.
 */
public final class MemoryBudget {

	private final String advice;

	private MemoryBudget(String advice) {
		this.advice = advice;
	}

	/** This JVM's free memory (what it may still grow to); {@code advice} says how to give it more. */
	public static MemoryBudget jvm(String advice) {
		return new MemoryBudget(advice);
	}

	/** The bytes this JVM can still allocate: its maximum heap less what is in use. */
	public long available() {
		Runtime r = Runtime.getRuntime();
		return r.maxMemory() - (r.totalMemory() - r.freeMemory());
	}

	/**
	 * Refuses a run whose output ({@code outputBytes}, described by {@code output}) and work
	 * (inputs in flight, workspace) need more than is available, naming both.
	 */
	void check(long outputBytes, long workBytes, String output) {
		long need = outputBytes + workBytes;
		long free = available();
		if (need <= free) return;
		System.gc(); // what is free after a collection is what counts
		free = available();
		if (need > free) {
			throw new IllegalArgumentException(String.format(Locale.ROOT, "the output %s needs about %d MB and the work %d MB, but Java"
				+ " has only %d MB free; crop the image, use a stride, or %s", output, mb(outputBytes), mb(workBytes), mb(free), advice));
		}
	}

	static long mb(long bytes) {
		return (bytes + (1 << 20) - 1) >> 20;
	}
}
