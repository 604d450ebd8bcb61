package convkit.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * A run allocates no more than its output plus the workspace bound its prepared convolution
 * states ({@link Convolution#workspaceBytes}), counted by the JVM's per-thread allocation counter on
 * a one-thread run (which computes on the calling thread), and that bound is not far above what
 * the run used. Allocation, unlike time, is exact enough to assert.
 */
class MemoryBoundTest {

	private static final long SLACK = 64 * 1024; // block list, small arrays
	private static final long LOOSENESS = 5;

	@Test
	void runsStayWithinOutputPlusTheStatedWorkspace() {
		// The Vector API path allocates a short-lived object per vector operation until C2 has compiled
		// its kernels: garbage, not held memory, but counted by the allocation counter this test reads.
		// The workspace arrays are the same on both paths, so the bound is checked on the auto-vectorised one.
		org.junit.jupiter.api.Assumptions.assumeTrue(SimdPath.vectorLoops() == null,
			"allocation counts are checked on the auto-vectorised path (see the comment above)");
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		Random r = new Random(5);
		Object[][] cases = {
			{ Shape.of(1, 700, 2300), new int[] { 1, 1, 7, 7 }, Method.DIRECT, ConvSpec.builder().padding(Padding.same()).build() },
			{ Shape.of(8, 200, 300), new int[] { 16, 8, 3, 3 }, Method.DIRECT, ConvSpec.builder().padding(Padding.of(1)).build() },
			{ Shape.of(3, 300, 300), new int[] { 4, 3, 5, 5 }, Method.DIRECT, ConvSpec.builder().stride(2, 2).dilation(2, 2).build() },
			{ Shape.of(2, 400, 500), new int[] { 2, 2, 21, 21 }, Method.FFT, ConvSpec.builder().padding(Padding.same()).build() },
			{ Shape.of(1, 600, 600), new int[] { 1, 1, 31, 31 }, Method.SEPARABLE,
				ConvSpec.builder().padding(Padding.same()).mode(PaddingMode.REFLECT).build() },
			{ Shape.of(4, 40, 64, 64), new int[] { 4, 4, 3, 3, 3 }, Method.DIRECT, ConvSpec.builder(3).padding(Padding.same()).build() },
			{ Shape.of(1, 50, 60, 70), new int[] { 1, 1, 9, 9, 9 }, Method.SEPARABLE,
				ConvSpec.builder(3).padding(Padding.same()).mode(PaddingMode.REFLECT).build() },
			{ Shape.of(2, 40, 50, 60), new int[] { 2, 2, 7, 7, 7 }, Method.FFT, ConvSpec.builder(3).padding(Padding.same()).build() },
			{ Shape.of(32, 100, 300), new int[] { 32, 32, 3, 3 }, Method.WINOGRAD, ConvSpec.builder().padding(Padding.of(1)).build() },
			{ Shape.of(16, 20, 40, 50), new int[] { 16, 16, 3, 3, 3 }, Method.WINOGRAD, ConvSpec.builder(3).padding(Padding.same()).build() },
		};
		for (Object[] c : cases) {
			Shape shape = (Shape) c[0];
			int[] ks = (int[]) c[1];
			Method method = (Method) c[2];
			float[] x = new float[shape.values()];
			for (int i = 0; i < x.length; i++) x[i] = r.nextFloat();
			int n = 1;
			for (int v : ks) n *= v;
			int k = ks[ks.length - 1];
			float[] u = new float[k];
			for (int i = 0; i < u.length; i++) u[i] = r.nextFloat();
			float[] w = new float[n];
			for (int i = 0; i < n; i++) {
				w[i] = method == Method.SEPARABLE ? u[i / k % k] * u[i % k] * (ks.length == 5 ? u[i / (k * k) % k] : 1) : r.nextFloat();
			}
			Tensor in = Tensor.of(shape, x);
			ConvPlan plan = ConvPlan.of(shape, Kernel.of(w, ks), null, (ConvSpec) c[3]);
			Execution one = Execution.defaults().withThreads(1);
			Convolution.prepare(plan, method).run(in, one); // load classes
			Convolution conv = Convolution.prepare(plan, method); // a first run: no workspace kept from an earlier one
			long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
			conv.run(in, one);
			long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
			long output = 4L * conv.plan().outputShape().values();
			long bound = output + conv.workspaceBytes(1) + SLACK;
			assertTrue(allocated <= bound, method.label() + " on " + conv.plan() + ": allocated " + allocated + " bytes, bound " + bound);
			// and not so loose that the memory check would refuse runs that fit: the stated workspace
			// is at most five times what the run used beyond its output (the worst block, not the typical)
			long used = Math.max(0, allocated - output);
			if (method == Method.SEPARABLE) { // its worst block: one left to the direct sum (a NaN in its input)
				float[] hugeX = x.clone();
				hugeX[hugeX.length / 2] = Float.NaN;
				Tensor hugeIn = Tensor.of(shape, hugeX);
				Convolution.prepare(plan, method).run(hugeIn, one);
				Convolution fresh = Convolution.prepare(plan, method);
				long b2 = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
				fresh.run(hugeIn, one);
				long allocated2 = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - b2;
				assertTrue(allocated2 <= bound, "separable, a block left to direct, on " + conv.plan() + ": allocated " + allocated2
					+ " bytes, bound " + bound);
				used = Math.max(used, allocated2 - output);
			}
			assertTrue(conv.workspaceBytes(1) <= LOOSENESS * used + SLACK, method.label() + " on " + conv.plan() + ": states "
				+ conv.workspaceBytes(1) + " bytes of workspace, used " + used);
		}
	}
}
