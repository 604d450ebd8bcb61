package convkit.io;

import java.util.Locale;

/** Room in this JVM's heap for what a reader is about to allocate, checked before it allocates. */
public final class Heap {

	private Heap() {}

	/** The bytes this JVM can still allocate: its maximum heap less what is in use. */
	public static long available() {
		Runtime r = Runtime.getRuntime();
		return r.maxMemory() - (r.totalMemory() - r.freeMemory());
	}

	/**
	 * What is free for {@code need} bytes: {@link #available()}, or, when that is too little, what
	 * is available after a collection (what is free after one is what counts).
	 */
	public static long freeFor(long need) {
		long free = available();
		if (need <= free) return free;
		System.gc();
		return available();
	}

	/** Refuses reading {@code what} when its {@code bytes} do not fit in what is free (after a collection). */
	public static void checkRoom(long bytes, String what) {
		long free = freeFor(bytes);
		if (bytes > free) {
			throw new IllegalArgumentException(String.format(Locale.ROOT, "reading %s needs about %d MB, but Java has only %d MB free;"
				+ " give Java more memory (java -Xmx8g -jar ..., or Edit > Options > Memory & Threads in ImageJ) or crop the data",
				what, (bytes + (1 << 20) - 1) >> 20, free >> 20));
		}
	}
}
