package convkit.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Every inner loop, the fused and the plain form alike (whichever this processor would pick), and
 * the dispatch by tap count, against sums in double: each must touch exactly {@code a[0, n)}.
 */
class VectorLoopsTest {

	/** One loop form: {@code a[i] (=|+=) c + Σ_j w[j] · b[j][i]}. */
	private interface Loop {
		void run(float[] a, float c, float[] w, float[][] b, int n);
	}

	private static final int N = 37;
	private static final int SPARE = 3;
	private static final float SENTINEL = -12345f;

	@Test
	void fusedAndPlainLoopsAddTheirWeightedArrays() {
		Loop[] fused = {
			(a, c, w, b, n) -> VectorLoops.fusedAdd1(a, w[0], b[0], n),
			(a, c, w, b, n) -> VectorLoops.fusedAdd2(a, w[0], b[0], w[1], b[1], n),
			(a, c, w, b, n) -> VectorLoops.fusedAdd3(a, w[0], b[0], w[1], b[1], w[2], b[2], n),
			(a, c, w, b, n) -> VectorLoops.fusedAdd4(a, w[0], b[0], w[1], b[1], w[2], b[2], w[3], b[3], n),
			(a, c, w, b, n) -> VectorLoops.fusedAdd5(a, w[0], b[0], w[1], b[1], w[2], b[2], w[3], b[3], w[4], b[4], n),
			(a, c, w, b, n) -> VectorLoops.fusedAdd6(a, w[0], b[0], w[1], b[1], w[2], b[2], w[3], b[3], w[4], b[4], w[5], b[5], n) };
		Loop[] plain = {
			(a, c, w, b, n) -> VectorLoops.plainAdd1(a, w[0], b[0], n),
			(a, c, w, b, n) -> VectorLoops.plainAdd2(a, w[0], b[0], w[1], b[1], n),
			(a, c, w, b, n) -> VectorLoops.plainAdd3(a, w[0], b[0], w[1], b[1], w[2], b[2], n),
			(a, c, w, b, n) -> VectorLoops.plainAdd4(a, w[0], b[0], w[1], b[1], w[2], b[2], w[3], b[3], n),
			(a, c, w, b, n) -> VectorLoops.plainAdd5(a, w[0], b[0], w[1], b[1], w[2], b[2], w[3], b[3], w[4], b[4], n),
			(a, c, w, b, n) -> VectorLoops.plainAdd6(a, w[0], b[0], w[1], b[1], w[2], b[2], w[3], b[3], w[4], b[4], w[5], b[5], n) };
		for (int k = 1; k <= 6; k++) {
			check("fusedAdd" + k, fused[k - 1], k, false);
			check("plainAdd" + k, plain[k - 1], k, false);
		}
	}

	@Test
	void fusedAndPlainLoopsSetTheConstantPlusTheirWeightedArrays() {
		Loop[] fused = {
			(a, c, w, b, n) -> VectorLoops.fusedSet1(a, c, w[0], b[0], n),
			(a, c, w, b, n) -> VectorLoops.fusedSet2(a, c, w[0], b[0], w[1], b[1], n),
			(a, c, w, b, n) -> VectorLoops.fusedSet3(a, c, w[0], b[0], w[1], b[1], w[2], b[2], n),
			(a, c, w, b, n) -> VectorLoops.fusedSet4(a, c, w[0], b[0], w[1], b[1], w[2], b[2], w[3], b[3], n),
			(a, c, w, b, n) -> VectorLoops.fusedSet5(a, c, w[0], b[0], w[1], b[1], w[2], b[2], w[3], b[3], w[4], b[4], n),
			(a, c, w, b, n) -> VectorLoops.fusedSet6(a, c, w[0], b[0], w[1], b[1], w[2], b[2], w[3], b[3], w[4], b[4], w[5], b[5], n) };
		Loop[] plain = {
			(a, c, w, b, n) -> VectorLoops.plainSet1(a, c, w[0], b[0], n),
			(a, c, w, b, n) -> VectorLoops.plainSet2(a, c, w[0], b[0], w[1], b[1], n),
			(a, c, w, b, n) -> VectorLoops.plainSet3(a, c, w[0], b[0], w[1], b[1], w[2], b[2], n),
			(a, c, w, b, n) -> VectorLoops.plainSet4(a, c, w[0], b[0], w[1], b[1], w[2], b[2], w[3], b[3], n),
			(a, c, w, b, n) -> VectorLoops.plainSet5(a, c, w[0], b[0], w[1], b[1], w[2], b[2], w[3], b[3], w[4], b[4], n),
			(a, c, w, b, n) -> VectorLoops.plainSet6(a, c, w[0], b[0], w[1], b[1], w[2], b[2], w[3], b[3], w[4], b[4], w[5], b[5], n) };
		for (int k = 1; k <= 6; k++) {
			check("fusedSet" + k, fused[k - 1], k, true);
			check("plainSet" + k, plain[k - 1], k, true);
		}
	}

	@Test
	void passesAreAsFewAndAsEvenAsCanBe() {
		int widest = VectorLoops.WIDEST;
		assertEquals(VectorLoops.FMA ? 6 : 5, widest); // the plain six-tap loop is not vectorised
		if (widest == 6) {
			assertEquals(6, VectorLoops.passSize(6, 0));
			assertEquals(4, VectorLoops.passSize(7, 0)); // 4 + 3, not 6 + 1
			assertEquals(6, VectorLoops.passSize(49, 0)); // 6,6,6,6,5,5,5,5,5: nine passes
			assertEquals(5, VectorLoops.passSize(49, 24));
			assertEquals(6, VectorLoops.passSize(64, 0)); // eleven passes
			assertEquals(6, VectorLoops.passSize(16, 0)); // 6 + 5 + 5
		}
		else {
			assertEquals(3, VectorLoops.passSize(6, 0)); // 3 + 3
			assertEquals(5, VectorLoops.passSize(49, 0)); // ten passes: 5 x 9 and 4
		}
		for (int count = 1; count <= 300; count++) {
			int passes = 0;
			int smallest = Integer.MAX_VALUE;
			int largest = 0;
			for (int m = 0; m < count; passes++) {
				int size = VectorLoops.passSize(count, m);
				smallest = Math.min(smallest, size);
				largest = Math.max(largest, size);
				m += size;
				assertTrue(m <= count, "count " + count);
			}
			assertEquals((count + widest - 1) / widest, passes, "passes for " + count);
			assertTrue(largest <= widest && largest - smallest <= 1, "sizes for " + count + ": " + smallest + ".." + largest);
		}
	}

	@Test
	void tapSumsDispatchEveryCountFromEveryStart() {
		Random r = new Random(11);
		for (int count = 0; count <= 20; count++) {
			for (int from = 0; from <= count; from++) {
				float[] w = randoms(r, count + 2);
				float[][] taps = new float[count][];
				for (int m = 0; m < count; m++) taps[m] = randoms(r, N + SPARE);
				float[] start = randoms(r, N + SPARE);
				float[] a = start.clone();
				VectorLoops.addTaps(a, w, 2, taps, from, count, N);
				double[] expected = new double[N];
				for (int i = 0; i < N; i++) {
					expected[i] = start[i];
					for (int m = from; m < count; m++) expected[i] += (double) w[2 + m] * taps[m][i];
				}
				assertClose("addTaps from " + from + " of " + count, expected, a, start);

				float c = r.nextFloat() * 10 - 5;
				a = start.clone();
				VectorLoops.setTaps(a, c, w, 1, taps, count, N);
				for (int i = 0; i < N; i++) {
					expected[i] = c;
					for (int m = 0; m < count; m++) expected[i] += (double) w[1 + m] * taps[m][i];
				}
				assertClose("setTaps of " + count, expected, a, start);
			}
		}
	}

	private static void check(String name, Loop loop, int k, boolean set) {
		Random r = new Random(k * 31 + (set ? 7 : 0));
		float[] w = randoms(r, k);
		float[][] b = new float[k][];
		for (int j = 0; j < k; j++) b[j] = randoms(r, N + SPARE);
		float c = r.nextFloat() * 10 - 5;
		float[] a = randoms(r, N + SPARE);
		for (int i = N; i < a.length; i++) a[i] = SENTINEL;
		float[] start = a.clone();
		loop.run(a, c, w, b, N);
		double[] expected = new double[N];
		for (int i = 0; i < N; i++) {
			expected[i] = set ? c : start[i];
			for (int j = 0; j < k; j++) expected[i] += (double) w[j] * b[j][i];
		}
		assertClose(name, expected, a, start);
	}

	/** {@code a[0, n)} close to {@code expected}, the rest of {@code a} as it was. */
	private static void assertClose(String name, double[] expected, float[] a, float[] start) {
		for (int i = 0; i < expected.length; i++) {
			assertEquals(expected[i], a[i], 1e-5 * Math.max(1, Math.abs(expected[i])) + 1e-5, name + " at " + i);
		}
		for (int i = expected.length; i < a.length; i++) assertEquals(start[i], a[i], 0f, name + " wrote past n at " + i);
	}

	private static float[] randoms(Random r, int n) {
		float[] v = new float[n];
		for (int i = 0; i < n; i++) v[i] = r.nextFloat() * 4 - 2;
		return v;
	}
}
