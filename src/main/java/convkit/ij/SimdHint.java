package convkit.ij;

import convkit.engine.SimdPath;
import ij.IJ;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tells a Fiji user once per session, in the Log window, that this Java (21+) could run ConvKit's
 * Vector API kernels if Fiji were started with {@code --add-modules jdk.incubator.vector}.
 */
final class SimdHint {

	private static final AtomicBoolean SHOWN = new AtomicBoolean();

	private SimdHint() {}

	/** Writes the hint to the Log the first time it is called, when there is one to give. */
	static void logOnce() {
		if (SHOWN.get()) return;
		SimdPath.missingModuleHint().ifPresent(hint -> {
			if (SHOWN.compareAndSet(false, true)) IJ.log(hint);
		});
	}
}
