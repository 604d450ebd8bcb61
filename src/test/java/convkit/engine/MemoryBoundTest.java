package convkit.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * A run allocates no more than its output plus the workspace bound its algorithm states
 * ({@link Conv2d#workspaceBytes}), counted by the JVM's per-thread allocation counter on a
 * one-thread run (which computes on the calling thread). Allocation, unlike time, is exact enough
 * to assert.
 */
class MemoryBoundTest {

	private static final long SLACK = 64 * 1024; // block list, plan objects, small arrays

	@Test
	void runsStayWithinOutputPlusTheStatedWorkspace() {
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		Random r = new Random(5);
		Object[][] cases = {
			{ 1, 700, 2300, new int[] { 1, 1, 7, 7 }, Method.DIRECT, ConvSpec.builder().padding(Padding.same()).build() },
			{ 8, 200, 300, new int[] { 16, 8, 3, 3 }, Method.DIRECT, ConvSpec.builder().padding(Padding.of(1)).build() },
			{ 3, 300, 300, new int[] { 4, 3, 5, 5 }, Method.DIRECT, ConvSpec.builder().stride(2, 2).dilation(2, 2).build() },
			{ 2, 400, 500, new int[] { 2, 2, 21, 21 }, Method.FFT, ConvSpec.builder().padding(Padding.same()).build() },
			{ 1, 600, 600, new int[] { 1, 1, 31, 31 }, Method.SEPARABLE,
				ConvSpec.builder().padding(Padding.same()).mode(PaddingMode.REFLECT).build() },
		};
		for (Object[] c : cases) {
			int ch = (int) c[0];
			int h = (int) c[1];
			int w = (int) c[2];
			int[] ks = (int[]) c[3];
			Method method = (Method) c[4];
			float[] x = new float[ch * h * w];
			for (int i = 0; i < x.length; i++) x[i] = r.nextFloat();
			float[] k = new float[ks[0] * ks[1] * ks[2] * ks[3]];
			float[] u = new float[ks[2]];
			for (int i = 0; i < u.length; i++) u[i] = r.nextFloat();
			for (int i = 0; i < k.length; i++) k[i] = method == Method.SEPARABLE ? u[i / ks[3] % ks[2]] * u[i % ks[3]] : r.nextFloat();
			Tensor in = Tensor.of(ch, h, w, x);
			ConvPlan plan = ConvPlan.of(ch, h, w, Kernel.of(k, ks), null, (ConvSpec) c[5]);
			Execution one = Execution.defaults().withThreads(1).withMethod(method);
			Conv2d.run(plan, in, one); // load classes, compute FFT spectra once per algorithm instance below
			long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
			Conv2d.run(plan, in, one);
			long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
			long output = 4L * plan.outChannels() * plan.outputHeight() * plan.outputWidth();
			long bound = output + Conv2d.workspaceBytes(plan, method, 1) + SLACK;
			assertTrue(allocated <= bound, method.label() + " on " + plan + ": allocated " + allocated + " bytes, bound " + bound);
		}
	}
}
