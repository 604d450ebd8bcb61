package convkit.run;

import convkit.io.Heap;

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

	/**
	 * Refuses a run whose kept output ({@code outputBytes}, described by {@code output}), images in
	 * flight ({@code flightBytes}: inputs and outputs of a batch of positions) and workspace
	 * ({@code workspaceBytes}, of {@code method}) need more than is available, naming each.
	 */
	void check(long outputBytes, long flightBytes, long workspaceBytes, String method, String output) {
		long need = outputBytes + flightBytes + workspaceBytes;
		long free = Heap.freeFor(need);
		if (need > free) {
			throw new IllegalArgumentException(String.format(Locale.ROOT, "the output %s needs about %d MB to keep and the run %d MB"
				+ " more (images in flight %d MB, %s workspace %d MB), but Java has only %d MB free; crop the image, use a stride,"
				+ " try another method=, or %s", output, mb(outputBytes), mb(flightBytes + workspaceBytes), mb(flightBytes), method,
				mb(workspaceBytes), mb(free), advice));
		}
	}

	/**
	 * Refuses a run that needs {@code bytes} when Java has less free, naming both and the way out:
	 * "{@code subject} needs about N MB {@code purpose}, but Java has only M MB free; crop the input, or (advice)".
	 */
	public void require(long bytes, String subject, String purpose) {
		long free = Heap.freeFor(bytes);
		if (bytes > free) {
			throw new IllegalArgumentException(String.format(Locale.ROOT, "%s needs about %d MB %s, but Java has only %d MB free; crop the input,"
				+ " or %s", subject, mb(bytes), purpose, free >> 20, advice));
		}
	}

	static long mb(long bytes) {
		return (bytes + (1 << 20) - 1) >> 20;
	}
}
