package convkit.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.engine.ConvPlan;
import convkit.engine.Convolution;
import convkit.engine.Method;
import convkit.engine.Shape;
import convkit.engine.Tensor;
import convkit.options.ConvOptions;
import convkit.options.OptionString;

import org.junit.jupiter.api.Test;

/**
 * The background warm-up of a cold JVM stops when closed — before the real run, which it never
 * competes with — whatever the job (jobs that cannot be planned on its small input included), and
 * leaves the real run's numbers as they are.
 */
class JitWarmupTest {

	private static ConvJob job(String options, int rank) {
		return ConvJob.of(ConvOptions.from(OptionString.parse(options), rank));
	}

	@Test
	void stopsWhenClosedWhateverTheJob() {
		String[][] jobs = { { "kernel=[random(31, 3)] padding=same padding_mode=reflect", "2" },
			{ "kernel=[gaussian(2)] stride=2 padding=same", "2" }, { "kernel=[box3d(3)] padding=same", "3" },
			{ "kernel=[box(3)] padding=200 padding_mode=reflect", "2" }, // reflect past a small input: refused there, so no warm-up
			{ "kernel=[[[[1]], [[1]], [[1]], [[1]]]] groups=2", "2" },
			{ "kernel=[random(255, 1)] method=direct", "2" } }; // too much work even small: no warm-up
		for (String[] j : jobs) {
			JitWarmup w = JitWarmup.start(job(j[0], Integer.parseInt(j[1])), 3); // closing also runs the small input on 3 threads
			long t0 = System.nanoTime();
			w.close();
			assertFalse(w.isRunning(), j[0]);
			assertTrue(System.nanoTime() - t0 < 1_000_000_000L, "closed within a second: " + j[0]);
		}
	}

	@Test
	void theRealRunGivesTheSameNumbersAfterAWarmUp() {
		ConvJob job = job("kernel=[random(7, 5)] padding=same padding_mode=reflect method=direct", 2);
		float[] v = new float[3 * 40 * 50];
		for (int i = 0; i < v.length; i++) v[i] = (float) Math.sin(i * 0.37);
		Tensor in = Tensor.of(Shape.of(3, 40, 50), v);
		ConvPlan plan = ConvPlan.of(in.shape(), job.kernel(), job.bias(), job.spec());
		float[] before = Convolution.prepare(plan, Method.DIRECT).run(in).toArray();
		try (JitWarmup w = JitWarmup.start(job)) {
			assertArrayEquals(before, Convolution.prepare(plan, Method.DIRECT).run(in).toArray());
		}
		try (JitWarmup w = JitWarmup.start(job, 2)) {
			assertArrayEquals(before, Convolution.prepare(plan, Method.DIRECT).run(in).toArray());
		}
		assertArrayEquals(before, Convolution.prepare(plan, Method.DIRECT).run(in).toArray());
	}
}
