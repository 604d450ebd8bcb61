package convkit.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.Test;

/** The loops use fused multiply-add exactly when the JVM does (CI also runs the numeric tests with -XX:-UseFMA). */
class FmaDetectionTest {

	@Test
	void followsTheJvmsUseFma() {
		String useFma = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class).getVMOption("UseFMA")
			.getValue();
		assertEquals(Boolean.parseBoolean(useFma), VectorLoops.FMA);
	}
}
