package convkit.bench;

import convkit.engine.ConvPlan;
import convkit.engine.Convolution;
import convkit.engine.ConvSpec;
import convkit.engine.Execution;
import convkit.engine.Kernel;
import convkit.engine.Method;
import convkit.engine.Padding;
import convkit.engine.PaddingMode;
import convkit.engine.Shape;
import convkit.engine.Tensor;
import convkit.io.NdArray;
import convkit.io.Npy;
import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.FloatProcessor;

import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * The speed cases B1–B8 (B7 is Conv3D): ConvKit on 2 threads and on 1, and ImageJ's Process › Filters
 * › Convolve where it can run (one kernel per plane, stride 1; needs a display, e.g. Xvfb, as
 * ImageJ's commands do), on the same data in the same JVM.
 * Medians after warm-up (the JIT compiles the hot loops during the first runs); milliseconds and
 * effective GFLOP/s (2 flops per multiply-add of the dense kernel, whatever the algorithm).
 * <p>
 * {@code Benchmarks [runs] [dir|-] [B1,B4,...]}: with {@code dir}, each case's input and kernel are read from
 * {@code dir/<case>.x.npy} and {@code dir/<case>.w.npy} (the files {@code scripts/bench-peers}
 * writes, so a run here sees the numbers OpenCV and PyTorch saw there); else they are random. One
 * line per case: {@code case=B1 method=direct ms2=... ms1=... imagej_ms=... gflops=... scaling=...
 * first_ms=... imagej_first_ms=...}; the first-call times are cold only for the first case of a
 * JVM. ({@code scripts/bench-peers} itself times ConvKit through the command line, as users run it.)
 */
public final class Benchmarks {

	private Benchmarks() {}

	/** One case: its name, its ConvKit settings, whether ImageJ's Convolve can run it. */
	private static final class Case {
		final String name;
		final int[] inputShape;
		final int[] kernelShape;
		final ConvSpec spec;
		final boolean imagej;

		Case(String name, int[] inputShape, int[] kernelShape, ConvSpec spec, boolean imagej) {
			this.name = name;
			this.inputShape = inputShape;
			this.kernelShape = kernelShape;
			this.spec = spec;
			this.imagej = imagej;
		}
	}

	private static final Case[] CASES = {
		new Case("B1", new int[] { 1, 2048, 2048 }, new int[] { 7, 7 }, reflectSame().build(), true),
		new Case("B2", new int[] { 64, 256, 256 }, new int[] { 64, 64, 3, 3 }, ConvSpec.builder().padding(Padding.of(1)).build(),
			false),
		new Case("B3", new int[] { 3, 512, 512 }, new int[] { 16, 3, 5, 5 }, reflectSame().stride(2, 2).dilation(2, 2).build(),
			false),
		new Case("B4", new int[] { 64, 512, 512 }, new int[] { 5, 5 }, ConvSpec.builder().padding(Padding.same()).build(), true),
		new Case("B5", new int[] { 1, 1024, 1024 }, new int[] { 31, 31 }, reflectSame().build(), true),
		new Case("B6", new int[] { 1, 1024, 1024 }, new int[] { 31, 31 }, reflectSame().build(), true),
		new Case("B7", new int[] { 16, 64, 64, 64 }, new int[] { 16, 16, 3, 3, 3 }, ConvSpec.builder(3).padding(Padding.of(1)).build(),
			false),
		new Case("B8", new int[] { 256, 128, 128 }, new int[] { 15, 15 }, reflectSame().build(), true),
	};

	private static ConvSpec.Builder reflectSame() {
		return ConvSpec.builder().padding(Padding.same()).mode(PaddingMode.REFLECT);
	}

	public static void main(String[] args) throws IOException {
		int runs = args.length > 0 ? Integer.parseInt(args[0]) : 15;
		Path dir = args.length > 1 && !args[1].equals("-") ? Path.of(args[1]) : null;
		String only = args.length > 2 ? args[2] : "";
		System.out.println("# " + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version")
			+ " (" + System.getProperty("java.vm.name") + "); medians of " + runs + " runs after warm-up");
		for (Case c : CASES) {
			if (!only.isEmpty() && !Arrays.asList(only.split(",")).contains(c.name)) continue;
			float[] x = load(dir, c.name + ".x.npy", c.inputShape, 2);
			float[] w = c.name.equals("B6") && dir == null ? gaussian(31, 5) : load(dir, c.name + ".w.npy", c.kernelShape, 3);
			run(c, x, w, runs);
		}
	}

	private static void run(Case c, float[] x, float[] w, int runs) {
		int[] s = c.inputShape;
		Shape shape = s.length == 4 ? Shape.of(s[0], s[1], s[2], s[3]) : Shape.of(s[0], s[1], s[2]);
		int ch = shape.channels();
		int h = shape.height();
		int wd = shape.width();
		Tensor in = Tensor.of(shape, x);
		ConvPlan plan = ConvPlan.of(shape, Kernel.of(w, c.kernelShape), null, c.spec);
		// the first call pays for everything: classes, preparing (spectra, factors), the interpreter
		double first = time(() -> Convolution.prepare(plan, Method.AUTO).run(in, Execution.defaults().withThreads(2)));
		Convolution conv = Convolution.prepare(plan, Method.AUTO);
		double two = median(runs, 10, () -> conv.run(in, Execution.defaults().withThreads(2)));
		double one = median(runs, 10, () -> conv.run(in, Execution.defaults().withThreads(1)));
		double gflop = 2.0 * plan.multiplyAdds() / 1e9;
		String imagej = "-";
		String imagejFirst = "-";
		if (c.imagej && !GraphicsEnvironment.isHeadless()) {
			imagejConvolve(new float[16 * 16], 1, 16, 16, new float[] { 1 }, 1); // loads ImageJ's menus, not the filter's hot loop
			imagejFirst = String.format(Locale.ROOT, "%.1f", time(() -> imagejConvolve(x, ch, h, wd, w, c.kernelShape[0])));
			Runnable convolve = () -> imagejConvolve(x, ch, h, wd, w, c.kernelShape[0]);
			warmUntilSteady(convolve);
			imagej = String.format(Locale.ROOT, "%.1f", median(Math.min(runs, 7), 0, convolve));
		}
		System.out.println(String.format(Locale.ROOT, "case=%s method=%s ms2=%.2f ms1=%.2f imagej_ms=%s gflops=%.1f scaling=%.2f"
			+ " first_ms=%.1f imagej_first_ms=%s", c.name, conv.method().label(), two, one, imagej, gflop / (two / 1e3),
			one / two, first, imagejFirst));
	}

	/**
	 * ImageJ's Process › Filters › Convolve as a user runs it ({@code IJ.run}, so with ImageJ's own
	 * threads: stacks slice-parallel, single images in strips), on a 32-bit image or stack of the
	 * same values. It pads by repeating the edge; the work is the same.
	 */
	private static void imagejConvolve(float[] x, int planes, int h, int w, float[] k, int n) {
		ImageStack stack = new ImageStack(w, h);
		for (int p = 0; p < planes; p++) stack.addSlice(new FloatProcessor(w, h, Arrays.copyOfRange(x, p * h * w, (p + 1) * h * w)));
		StringBuilder text = new StringBuilder();
		for (int r = 0; r < n; r++) {
			for (int c = 0; c < n; c++) text.append(k[r * n + c]).append(' ');
			text.append("\\n"); // ImageJ's row separator in macro options
		}
		IJ.run(new ImagePlus("bench", stack), "Convolve...", "text1=[" + text + "]" + (planes > 1 ? " stack" : ""));
	}

	/**
	 * Runs {@code job} until the JIT has caught up: at least 5 times, until a run is no faster than
	 * 0.9× the best before it (ImageJ's large filter method takes several calls to be compiled).
	 */
	private static void warmUntilSteady(Runnable job) {
		double best = Double.MAX_VALUE;
		for (int i = 0; i < 30; i++) {
			double ms = time(job);
			if (i >= 5 && ms > 0.9 * best) return;
			best = Math.min(best, ms);
		}
	}

	/** Milliseconds of one run (the first of a fresh JVM: before the JIT has compiled the hot loops). */
	private static double time(Runnable job) {
		long t0 = System.nanoTime();
		job.run();
		return (System.nanoTime() - t0) / 1e6;
	}

	/** Median of {@code runs} timed runs after {@code warmUps} runs (at least 2 s of them when more than one). */
	private static double median(int runs, int warmUps, Runnable job) {
		long warmUntil = System.nanoTime() + (warmUps > 3 ? 2_000_000_000L : 0);
		for (int i = 0; i < warmUps || System.nanoTime() < warmUntil; i++) job.run();
		double[] ms = new double[runs];
		for (int i = 0; i < runs; i++) {
			long t0 = System.nanoTime();
			job.run();
			ms[i] = (System.nanoTime() - t0) / 1e6;
		}
		Arrays.sort(ms);
		return runs % 2 == 1 ? ms[runs / 2] : (ms[runs / 2 - 1] + ms[runs / 2]) / 2;
	}

	private static float[] load(Path dir, String file, int[] shape, long seed) throws IOException {
		int size = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
		if (dir != null && Files.exists(dir.resolve(file))) {
			NdArray a = Npy.read(dir.resolve(file));
			if (a.size() != size) throw new IllegalArgumentException(file + " has " + a.shapeString() + ", expected " + Arrays.toString(shape));
			return a.toArray();
		}
		Random r = new Random(seed);
		float[] v = new float[size];
		for (int i = 0; i < size; i++) v[i] = r.nextFloat() - 0.5f;
		return v;
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
