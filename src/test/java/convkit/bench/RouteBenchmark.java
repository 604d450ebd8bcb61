package convkit.bench;

import convkit.cli.Main;
import convkit.io.Npy;
import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.WindowManager;
import ij.io.FileSaver;
import ij.process.ShortProcessor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * The same stack through every route — the menu command ({@code run("Conv2D...")}), the macro call
 * ({@code call("convkit.ij.MacroCalls.conv2d")}) and the command line ({@code conv}, in process) —
 * in one JVM: the method each route names; the time the runner's convolution took in each (as
 * each route reports it: the Log's method line, the command line's timing line), which is where a
 * route that plans, batches or prepares differently would show; and the whole job from TIFF file to
 * TIFF file, as a user of each route does it (the menu command and the macro call open the file,
 * show the input and the result and save the result with ImageJ's TIFF writer, as a recorded
 * {@code saveAs("Tiff", ...)} does; the command line reads and writes the files itself). Needs a
 * display for the menu route (Xvfb; scripts/bench starts one).
 * Usage: {@code RouteBenchmark [runs]}.
 */
public final class RouteBenchmark {

	private RouteBenchmark() {}

	private static final class Case {
		final String name;
		final int rank;
		final String stack;
		final String options;

		Case(String name, int rank, String stack, String options) {
			this.name = name;
			this.rank = rank;
			this.stack = stack;
			this.options = options;
		}
	}

	private static final int WARM_UP = 3;

	/** One route run once on the case's stack; returns the convolution's milliseconds as the route reports them. */
	private interface Route {
		double run(int index);
	}

	public static void main(String[] args) throws IOException {
		int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
		Path dir = Files.createTempDirectory("convkit-routes-");
		System.setProperty("plugins.dir", pluginsDir(dir).toString());
		new ij.ImageJ(ij.ImageJ.NO_SHOW);
		Path kernel31 = dir.resolve("w31.npy");
		Random r = new Random(3);
		float[] w = new float[31 * 31];
		for (int i = 0; i < w.length; i++) w[i] = r.nextFloat() - 0.5f;
		try (OutputStream o = Files.newOutputStream(kernel31)) {
			Npy.write(o, new int[] { 31, 31 }, w);
		}
		Case[] cases = {
			new Case("1024 planes 64x64, 16-bit, 31x31 dense", 2, stack(dir.resolve("planes.tif"), 64, 64, 1024, r).toString(),
				"kernel=[" + kernel31 + "] padding=same padding_mode=reflect"),
			new Case("64 planes 512x512, 16-bit, 5x5 (B4)", 2, stack(dir.resolve("b4.tif"), 512, 512, 64, r).toString(),
				"kernel=[random(5, 1)] padding=same"),
			new Case("z-stack 256x256x64, 16-bit, gaussian3d(2.5, 2.5, 1)", 3, stack(dir.resolve("zstack.tif"), 256, 256, 64, r).toString(),
				"kernel=[gaussian3d(2.5, 2.5, 1)] padding=same padding_mode=reflect"),
		};
		System.out.println("# " + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version")
			+ "; medians of " + runs + " runs after " + WARM_UP + " warm-up runs, every route in this JVM, taking turns");
		System.out.println("| stack | route | method | TIFF file to TIFF file | ratio to the menu | the convolution (runner) | ratio to the menu |");
		System.out.println("|---|---|---|---|---|---|---|");
		for (Case c : cases) {
			String command = "Conv" + c.rank + "D";
			String outTitle = convkit.run.OutputPolicy.title(Path.of(c.stack).getFileName().toString());
			String[] methods = new String[3];
			double[][] conv = new double[3][runs];
			Route[] routes = {
				i -> {
					ImagePlus imp = IJ.openImage(c.stack);
					imp.show();
					IJ.run(imp, command + "...", c.options);
					methods[0] = saveAndClose(outTitle, imp, dir.resolve("menu-out.tif"));
					return loggedMillis();
				},
				i -> {
					ImagePlus imp = IJ.openImage(c.stack);
					imp.show();
					WindowManager.setTempCurrentImage(imp);
					IJ.runMacro("call('convkit.ij.MacroCalls.conv" + c.rank + "d', '" + c.options + "');");
					methods[1] = saveAndClose(outTitle, imp, dir.resolve("macro-out.tif"));
					return loggedMillis();
				},
				i -> {
					String out = cli(c.rank == 3 ? "conv3d" : "conv", "input=" + c.stack, "output=" + dir.resolve("cli-out.tif"), c.options,
						"repeat=1");
					methods[2] = out.replaceAll("(?s).*method: ([a-z]+)[ ,].*", "$1");
					return Double.parseDouble(out.replaceAll("(?s).*timing: median_ms=([0-9.]+).*", "$1"));
				} };
			for (int warm = 0; warm < WARM_UP; warm++) {
				for (Route route : routes) route.run(warm);
			}
			double[][] whole = new double[3][runs];
			for (int i = 0; i < runs; i++) { // the routes take turns, so drift and noise reach all three alike
				for (int k = 0; k < 3; k++) {
					long t0 = System.nanoTime();
					conv[k][i] = routes[k].run(i);
					whole[k][i] = (System.nanoTime() - t0) / 1e6;
				}
			}
			String[] names = { "menu " + command + "...", "call(\"...MacroCalls.conv" + c.rank + "d\")",
				"command line " + (c.rank == 3 ? "conv3d" : "conv") };
			for (int k = 0; k < 3; k++) {
				row(c.name, names[k], methods[k], median(whole[k]), median(whole[0]), median(conv[k]), median(conv[0]));
			}
		}
		System.exit(0);
	}

	/** Saves the output as TIFF, closes it and the input; the method the output's Info names. */
	private static String saveAndClose(String title, ImagePlus input, Path file) {
		ImagePlus out = WindowManager.getImage(title);
		String m = method((String) out.getProperty("Info"));
		if (!IJ.saveAsTiff(out, file.toString())) throw new IllegalStateException("could not save " + file);
		out.changes = false;
		out.close();
		input.changes = false;
		input.close();
		return m;
	}

	private static void row(String stack, String route, String method, double ms, double menu, double conv, double menuConv) {
		System.out.println(String.format(Locale.ROOT, "| %s | %s | %s | %.0f ms | %.2f | %.1f ms | %.2f |", stack, route, method, ms,
			ms / menu, conv, conv / menuConv));
	}

	/** The convolution's milliseconds the last report logged ({@code method: x, N ms for ...}). */
	private static double loggedMillis() {
		String[] lines = IJ.getLog().split("\n");
		for (int i = lines.length - 1; i >= 0; i--) {
			if (lines[i].contains("method: ")) return Double.parseDouble(lines[i].replaceAll(".*method: [a-z]+ \\([^)]*\\), ([0-9.]+) ms.*", "$1"));
		}
		throw new IllegalStateException("no method line in the Log");
	}

	private static double median(double[] values) {
		double[] v = values.clone();
		Arrays.sort(v);
		return v[v.length / 2];
	}

	private static String method(String info) {
		return info.replaceAll("(?s).*method: ([a-z]+).*", "$1");
	}

	private static String cli(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int status = Main.run(args, new PrintStream(out, true), new PrintStream(err, true));
		if (status != 0) throw new IllegalStateException(new String(err.toByteArray(), StandardCharsets.UTF_8));
		return new String(out.toByteArray(), StandardCharsets.UTF_8);
	}

	private static Path stack(Path file, int w, int h, int planes, Random r) {
		ImageStack st = new ImageStack(w, h);
		for (int p = 0; p < planes; p++) {
			short[] px = new short[w * h];
			for (int i = 0; i < px.length; i++) px[i] = (short) r.nextInt(65536);
			st.addSlice(new ShortProcessor(w, h, px, null));
		}
		new FileSaver(new ImagePlus(file.getFileName().toString(), st)).saveAsTiffStack(file.toString());
		return file;
	}

	/** An ImageJ home whose plugins folder holds the packaged jar, so the menu commands exist. */
	private static Path pluginsDir(Path dir) throws IOException {
		Path plugins = Files.createDirectories(dir.resolve("imagej").resolve("plugins"));
		try (java.util.stream.Stream<Path> s = Files.list(Path.of("target"))) {
			Path jar = s.filter(p -> p.getFileName().toString().matches("ConvKit_-[^-]+(-SNAPSHOT)?\\.jar")).findFirst()
				.orElseThrow(() -> new IllegalStateException("build the jar first: mvn -B -q package -DskipTests"));
			Files.copy(jar, plugins.resolve("ConvKit_.jar"));
		}
		return dir.resolve("imagej");
	}
}
