package convkit.engine;

import java.util.Optional;

/**
 * Which inner loops this JVM runs: the Vector API kernels ({@code jdk.incubator.vector}), compiled
 * for Java 21 into the jar's multi-release part ({@code META-INF/versions/21}), when the JVM is
 * Java 21 or newer, was started with {@code --add-modules jdk.incubator.vector}, has hardware
 * fused multiply-add and a vector of at least 256 bits; else the auto-vectorised loops of
 * {@link VectorLoops}. Java 17's incubating API is slower than the auto-vectorised loops, so it is
 * never used there. {@code -Dconvkit.simd=auto} forces the auto-vectorised loops (to compare).
 */
public final class SimdPath {

	/** The class of the Vector API kernels (only in the jar's part for Java 21+). */
	static final String VECTOR_CLASS = "convkit.engine.VectorApiLoops";
	/** What the auto-vectorised loops are called in reports. */
	public static final String AUTO_LABEL = "auto-vectorised loops";
	/** The module the Vector API lives in. */
	public static final String MODULE = "jdk.incubator.vector";

	private SimdPath() {}

	/** The Vector API loops, when this JVM may and can run them ({@link VectorLoops#SIMD} holds the answer). */
	static Optional<TapLoops> load() {
		if (!mayUseVectorApi()) return Optional.empty();
		try {
			TapLoops loops = (TapLoops) Class.forName(VECTOR_CLASS).getDeclaredConstructor().newInstance();
			return loops.label() == null ? Optional.empty() : Optional.of(loops);
		}
		catch (ReflectiveOperationException | LinkageError | ClassCastException | IllegalStateException notHere) {
			return Optional.empty(); // a jar without the multi-release part, or a vector too narrow: the loops of today
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

	/** What the inner loops are, for a report's method line: {@code vector 512-bit} or {@code auto-vectorised loops}. */
	public static String label() {
		return VectorLoops.SIMD == null ? AUTO_LABEL : VectorLoops.SIMD.label();
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
