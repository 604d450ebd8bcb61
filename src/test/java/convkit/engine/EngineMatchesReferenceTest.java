package convkit.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.testing.RandomCase;
import convkit.testing.Reference;
import convkit.testing.Seeds;
import convkit.testing.Tolerance;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

/**
 * Thousands of random convolutions, 2-D and 3-D (every mode, padding form, anisotropic stride and
 * dilation, groups, kernel convenience, flip, normalize, bias; rank-1 kernels and large kernels
 * so that every algorithm runs), through the engine and through the independent
 * {@link Reference}: {@code auto} and every method forced in turn on the same plan give the
 * reference's numbers per element; a method refuses exactly where it should (FFT at a stride
 * above 1, separable on kernels that are not rank 1, decided by {@link convkit.testing.RankOne});
 * invalid settings are refused exactly where the reference's rule says so. Coverage is asserted,
 * so the tests check what they claim. Seeds are fixed in CI (see {@link Seeds}).
 */
class EngineMatchesReferenceTest {

	/** What one property run covered. */
	static final class Coverage {
		int tries;
		int invalid;
		final Map<Method, Integer> auto = new EnumMap<>(Method.class);
		final Map<Method, Integer> forced = new EnumMap<>(Method.class);

		int valid() {
			return tries - invalid;
		}

		int auto(Method m) {
			return auto.getOrDefault(m, 0);
		}

		int forced(Method m) {
			return forced.getOrDefault(m, 0);
		}

		void add(Coverage other) {
			tries += other.tries;
			invalid += other.invalid;
			other.auto.forEach((m, n) -> auto.merge(m, n, Integer::sum));
			other.forced.forEach((m, n) -> forced.merge(m, n, Integer::sum));
		}

		@Override
		public String toString() {
			return tries + " tries, " + invalid + " invalid; auto picked " + auto + "; forced and compared " + forced;
		}
	}

	@Test
	void twoDimensionalPlansMatchTheReference() {
		Coverage c = run("2d", 2, Seeds.tries(2500));
		System.out.println("2-D property coverage: " + c);
		if (!Seeds.full()) return; // a fraction of the tries (mutation testing): too few to judge the coverage
		assertCovers(c);
		assertTrue(c.auto(Method.FFT) >= 0.1 * c.valid(), "auto picked fft too rarely: " + c);
	}

	@Test
	void threeDimensionalPlansMatchTheReference() {
		Coverage c = run("3d", 3, Seeds.tries(2000));
		System.out.println("3-D property coverage: " + c);
		if (!Seeds.full()) return;
		assertCovers(c);
	}

	private static void assertCovers(Coverage c) {
		assertTrue(c.valid() >= 0.85 * c.tries, "too many invalid settings: " + c);
		assertTrue(c.invalid >= 0.02 * c.tries, "too few invalid settings to check the refusals: " + c);
		assertTrue(c.auto(Method.DIRECT) >= 0.1 * c.valid(), "auto picked direct too rarely: " + c);
		assertTrue(c.auto(Method.SEPARABLE) >= 0.1 * c.valid(), "auto picked separable too rarely: " + c);
		assertTrue(c.forced(Method.FFT) >= 0.25 * c.valid(), "fft compared too rarely: " + c);
		assertTrue(c.forced(Method.SEPARABLE) >= 0.15 * c.valid(), "separable compared too rarely: " + c);
		assertTrue(c.forced(Method.DIRECT) == c.valid(), "direct must run every valid plan: " + c);
	}

	/**
	 * Runs tries {@code 0 .. tries−1} on every core (try {@code i} on worker {@code i mod workers};
	 * each try has its own seed, so a failure replays alone); the first failure is rethrown.
	 */
	static Coverage run(String name, int rank, int tries) {
		int workers = Math.max(1, Runtime.getRuntime().availableProcessors());
		ExecutorService pool = Executors.newFixedThreadPool(workers);
		try {
			List<Future<Coverage>> parts = new ArrayList<>();
			for (int w = 0; w < workers; w++) {
				int first = w;
				parts.add(pool.submit(() -> run(name, rank, first, tries, workers)));
			}
			Coverage total = new Coverage();
			for (Future<Coverage> part : parts) total.add(part.get());
			return total;
		}
		catch (ExecutionException e) {
			if (e.getCause() instanceof Error) throw (Error) e.getCause();
			throw new IllegalStateException(e.getCause());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static Coverage run(String name, int rank, int first, int tries, int step) {
		Coverage cov = new Coverage();
		for (int i = first; i < tries; i += step) {
			RandomCase c = RandomCase.of(new Random(Seeds.of(name, i)), rank);
			String what = Seeds.replay(name, i) + ": " + c;
			cov.tries++;
			ConvPlan plan = null;
			String refusal = null;
			try {
				plan = ConvPlan.of(c.shape, c.kernel, c.bias, c.spec);
			}
			catch (IllegalArgumentException e) {
				refusal = e.getMessage();
			}
			if (!Reference.valid(c.ref)) {
				assertNull(plan, "engine accepted invalid settings: " + what);
				assertFalse(refusal.isEmpty(), what);
				cov.invalid++;
				continue;
			}
			assertNotNull(plan, "engine refused valid settings (" + refusal + "): " + what);
			double[] expected = Reference.conv(c.ref);
			Execution exec = Execution.defaults().withThreads(c.threads);
			Convolution auto = Convolution.prepare(plan, Method.AUTO);
			cov.auto.merge(auto.method(), 1, Integer::sum);
			Tolerance.assertClose(expected, auto.run(c.input, exec).toArray(), 1e-4, what + " [auto: " + auto.method().label() + "]");
			boolean strideOne = true;
			for (AxisGeometry g : plan.axes()) strideOne &= g.stride() == 1;
			for (Method m : new Method[] { Method.DIRECT, Method.SEPARABLE, Method.FFT }) {
				boolean runs = m == Method.DIRECT || (m == Method.SEPARABLE && c.rankOne) || (m == Method.FFT && strideOne);
				Convolution conv;
				try {
					conv = Convolution.prepare(plan, m);
				}
				catch (IllegalArgumentException e) {
					assertFalse(runs, m.label() + " refused a plan it should run (" + e.getMessage() + "): " + what);
					continue;
				}
				assertTrue(runs, m.label() + " accepted a plan it should refuse: " + what);
				Tolerance.assertClose(expected, conv.run(c.input, exec).toArray(), 1e-4, what + " [" + m.label() + "]");
				cov.forced.merge(m, 1, Integer::sum);
			}
		}
		return cov;
	}
}
