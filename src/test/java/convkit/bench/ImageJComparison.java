package convkit.bench;

import convkit.engine.Conv2d;
import convkit.engine.ConvPlan;
import convkit.engine.ConvSpec;
import convkit.engine.Execution;
import convkit.engine.Kernel;
import convkit.engine.Method;
import convkit.engine.Padding;
import convkit.engine.PaddingMode;
import convkit.engine.Tensor;
import ij.plugin.filter.Convolver;
import ij.process.FloatProcessor;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * ConvKit and ImageJ's Process › Filters › Convolve on the same data in the same JVM: medians of
 * several runs after warm-up, milliseconds and effective GFLOP/s (2 flops per multiply-add of the
 * dense kernel, whatever the algorithm), and the ratio.
 * Cases B1, B5 and B6 of issue 6 (single channel, where ImageJ's Convolve can run; it pads by
 * replicating the edge, ConvKit here reflects, as the issue specifies).
 * Run: {@code scripts/bench}.
 */
public final class ImageJComparison {

	private ImageJComparison() {}

	public static void main(String[] args) {
		int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
		System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
			+ System.getProperty("java.version") + "; medians of " + runs + " runs after 2 warm-up runs");
		System.out.println(String.format(Locale.ROOT, "%-56s %10s %8s %12s %8s %7s", "case [ConvKit method]", "ConvKit ms", "GFLOP/s",
			"ImageJ ms", "GFLOP/s", "ratio"));
		Random r = new Random(1);
		run("B1 2048x2048, 7x7 random, reflect", 2048, 2048, random(r, 7), 7, runs, Method.AUTO);
		run("B5 1024x1024, 31x31 random (dense), reflect", 1024, 1024, random(r, 31), 31, runs, Method.AUTO);
		run("B6 1024x1024, 31x31 gaussian, reflect", 1024, 1024, gaussian(31, 5), 31, runs, Method.AUTO);
		run("B6 forced direct (for comparison)", 1024, 1024, gaussian(31, 5), 31, runs, Method.DIRECT);
	}

	private static void run(String name, int w, int h, float[] k, int n, int runs, Method method) {
		float[] x = new float[w * h];
		Random r = new Random(2);
		for (int i = 0; i < x.length; i++) x[i] = r.nextFloat();
		Tensor in = Tensor.of(1, h, w, x);
		ConvPlan plan = ConvPlan.of(1, h, w, Kernel.of(k, n, n), null,
			ConvSpec.builder().padding(Padding.same()).mode(PaddingMode.REFLECT).build());
		Execution exec = Execution.defaults().withMethod(method);
		double ours = median(runs, () -> Conv2d.run(plan, in, exec));
		Convolver convolver = new Convolver();
		convolver.setNormalize(false);
		double theirs = median(runs, () -> convolver.convolve(new FloatProcessor(w, h, x.clone()), k, n, n));
		double gflop = 2.0 * w * h * n * n / 1e9;
		System.out.println(String.format(Locale.ROOT, "%-56s %10.1f %8.1f %12.1f %8.1f %6.1fx", name + " [" + Conv2d.algorithmFor(
			plan, method).name() + "]", ours, gflop / (ours / 1e3), theirs, gflop / (theirs / 1e3), theirs / ours));
	}

	private static double median(int runs, Runnable job) {
		for (int i = 0; i < 2; i++) job.run();
		double[] ms = new double[runs];
		for (int i = 0; i < runs; i++) {
			long t0 = System.nanoTime();
			job.run();
			ms[i] = (System.nanoTime() - t0) / 1e6;
		}
		Arrays.sort(ms);
		return runs % 2 == 1 ? ms[runs / 2] : (ms[runs / 2 - 1] + ms[runs / 2]) / 2;
	}

	private static float[] random(Random r, int n) {
		float[] k = new float[n * n];
		for (int i = 0; i < k.length; i++) k[i] = r.nextFloat() - 0.5f;
		return k;
	}

	private static float[] gaussian(int n, double sigma) {
		double[] g = new double[n];
		double s = 0;
		for (int i = 0; i < n; i++) {
			g[i] = Math.exp(-(i - n / 2) * (i - n / 2) / (2 * sigma * sigma));
			s += g[i];
		}
		float[] k = new float[n * n];
		for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) k[i * n + j] = (float) (g[i] * g[j] / (s * s));
		return k;
	}
}
