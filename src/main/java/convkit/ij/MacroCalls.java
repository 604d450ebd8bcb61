package convkit.ij;

import convkit.engine.Axis;
import convkit.engine.AxisGeometry;
import convkit.engine.Execution;
import convkit.files.FileConvolution;
import convkit.geometry.AxisTrace;
import convkit.geometry.Layer;
import convkit.geometry.ReceptiveField;
import convkit.image.ImageConvolution;
import convkit.io.LayerStackText;
import convkit.options.ConvOptions;
import convkit.run.ConvRunner;
import ij.ImagePlus;
import ij.WindowManager;
import ij.macro.Interpreter;

import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;

/**
 * Static entries for the macro's {@code call(...)}, which work without menus and without a
 * display. A refusal aborts the running macro with its message.
 * <pre>
 * rf = call("convkit.ij.MacroCalls.calc", "conv k=3; conv k=3", "224,224", "2", "rf.x");  // "5"
 * call("convkit.ij.MacroCalls.conv2d", "kernel=[w.npy] stride=2");                        // on the current image
 * call("convkit.ij.MacroCalls.conv3d", "kernel=[gaussian3d(2,2,0.7)] padding=same");      // on the current stack
 * call("convkit.ij.MacroCalls.convStack", "layers=[@/data/stack.txt] keep");             // a layer stack on the current image
 * call("convkit.ij.ConvKitExtensions.register");                                         // then Ext.conv2d(...)
 * </pre>
 */
public final class MacroCalls {

	private MacroCalls() {}

	/**
	 * One quantity of the calculator's table: for the stack {@code layers} on an input of
	 * {@code size} ({@code N}, {@code W,H} or {@code W,H,D}), layer {@code layer} (1-based),
	 * {@code quantity} one of {@code in, out, kernel, pad_lo, pad_hi, rf, jump, start, padding}
	 * followed by {@code .x}, {@code .y} or {@code .z} ({@code padding} answers yes or no).
	 */
	public static String calc(String layers, String size, String layer, String quantity) {
		try {
			List<Layer> stack = LayerStackText.parse(layers);
			List<ReceptiveField.Row> rows = ReceptiveField.trace(stack, LayerStackText.inputSize(size, stack));
			int index = ConvOptions.integer(layer, "layer");
			if (index < 1 || index > rows.size()) {
				throw new IllegalArgumentException("layer " + index + " does not exist; the stack has layers 1.." + rows.size());
			}
			String q = quantity.trim().toLowerCase(Locale.ROOT);
			int dot = q.lastIndexOf('.');
			String axis = dot < 0 ? "" : q.substring(dot + 1);
			if (!axis.equals("x") && !axis.equals("y") && !axis.equals("z")) {
				throw new IllegalArgumentException("quantity '" + quantity + "' must end in .x, .y or .z (e.g. rf.x)");
			}
			AxisTrace t = rows.get(index - 1).axis(Axis.fromLabel(axis));
			switch (q.substring(0, dot)) {
				case "in": return Integer.toString(t.geometry().inputSize());
				case "out": return Integer.toString(t.geometry().outputSize());
				case "kernel": return Integer.toString(t.geometry().effectiveKernel());
				case "pad_lo": return Integer.toString(t.geometry().padLo());
				case "pad_hi": return Integer.toString(t.geometry().padHi());
				case "rf": return t.field().toString();
				case "jump": return t.jump().toString();
				case "start": return t.start().denominator() <= 2 ? number(t.start().doubleValue()) : t.start().toString();
				case "padding": return t.reachesPadding() ? "yes" : "no";
				default:
					throw new IllegalArgumentException("quantity '" + quantity + "' is not known; allowed are in, out, kernel,"
						+ " pad_lo, pad_hi, rf, jump, start, padding, each with .x, .y or .z");
			}
		}
		catch (Throwable t) {
			return MacroFailures.fail("ConvKit calc: ", t);
		}
	}

	/**
	 * Conv2D on the current image with {@code options} (the keys of {@code run("Conv2D...", ...)}),
	 * without menus or a display: the result becomes the current image; returns its title.
	 * <pre>call("convkit.ij.MacroCalls.conv2d", "kernel=sobel_x stride=2");</pre>
	 */
	public static String conv2d(String options) {
		return convolveCurrent(options, 2);
	}

	/**
	 * Conv3D on the current stack or hyperstack (slices are depth, frames are convolved one by one)
	 * with {@code options} (the keys of {@code run("Conv3D...", ...)}): the result becomes the
	 * current image; returns its title.
	 * <pre>call("convkit.ij.MacroCalls.conv3d", "kernel=[box3d(3)] padding=same");</pre>
	 */
	public static String conv3d(String options) {
		return convolveCurrent(options, 3);
	}

	/**
	 * Conv Stack on the current image or hyperstack with {@code options} (the keys of
	 * {@code run("Conv Stack...", ...)}: {@code layers=[...]}, {@code keep}, {@code output=}), without
	 * menus or a display: the result (the last layer's output) becomes the current image; returns its
	 * title (or the file written, with {@code output=}).
	 * <pre>call("convkit.ij.MacroCalls.convStack", "layers=[conv w=[/data/c1.npy] p=1; relu; maxpool k=2]");</pre>
	 */
	public static String convStack(String options) {
		String name = "ConvKit convStack: ";
		ImagePlus imp = WindowManager.getCurrentImage();
		if (imp == null) return MacroFailures.abort(name + "there is no current image; open or create one first");
		try {
			String made = ConvStackPlugin.run(imp, StackOptions.from(options), Execution.defaults());
			forgetMacroImage();
			return made;
		}
		catch (Throwable t) {
			return MacroFailures.fail(name, t);
		}
	}

	private static String convolveCurrent(String options, int rank) {
		String name = "ConvKit conv" + rank + "d: ";
		ImagePlus imp = WindowManager.getCurrentImage();
		if (imp == null) return MacroFailures.abort(name + "there is no current image; open or create one first");
		try {
			convkit.options.OptionString parsed = convkit.options.OptionString.parse(options);
			ConvOptions o = ConvMacroOptions.from(parsed, rank);
			if (parsed.has(ConvMacroOptions.OUTPUT)) { // the result to a file, as run("Conv2D...", "... output=[file]") does
				ImageToFile.write(imp, o, Paths.get(parsed.get(ConvMacroOptions.OUTPUT)), Execution.defaults(), "Conv" + rank + "D");
				return parsed.get(ConvMacroOptions.OUTPUT);
			}
			ImageConvolution.Result r = ImageConvolution.process(imp, o);
			r.image().show();
			forgetMacroImage();
			ConvReport.log(r, imp.getTitle());
			return r.image().getTitle();
		}
		catch (Throwable t) {
			return MacroFailures.fail(name, t);
		}
	}

	/**
	 * Conv2D from file to file without opening windows (so also truly headless): reads
	 * {@code input} ({@code .npy} or any image ImageJ opens), writes {@code output} ({@code .tif}
	 * or {@code .npy}) under a temporary name first, then renames it; returns the output's shape.
	 */
	public static String convolveFile(String input, String output, String options) {
		return convolveFile(input, output, options, 2);
	}

	/** Conv3D from file to file, as {@link #convolveFile(String, String, String)}. */
	public static String convolveFile3d(String input, String output, String options) {
		return convolveFile(input, output, options, 3);
	}

	private static String convolveFile(String input, String output, String options, int rank) {
		String name = "ConvKit convolveFile" + (rank == 3 ? "3d" : "") + ": ";
		try {
			ConvOptions o = ConvMacroOptions.from(options, rank);
			ConvRunner runner = new ConvRunner(ImageConvolution.job(o), ImageConvolution.IMAGEJ_MEMORY);
			return new FileConvolution(runner, o.channels(), rank, convkit.options.Streaming.AUTO).run(Paths.get(input), Paths.get(output),
				Execution.defaults()).plan().outputShape().toString();
		}
		catch (Throwable t) {
			return MacroFailures.fail(name, t); // the messages name the file
		}
	}

	/**
	 * Makes the running macro's next getPixel/setPixel use the current image: ImageJ's macro
	 * functions keep the processor of the image they last used, and a {@code call(...)} that makes
	 * a new current image does not tell them (a {@code run(...)} does).
	 */
	static void forgetMacroImage() {
		Interpreter interp = Interpreter.getInstance();
		if (interp == null) return;
		try {
			java.lang.reflect.Field f = Interpreter.class.getDeclaredField("func");
			f.setAccessible(true);
			Object functions = f.get(interp);
			java.lang.reflect.Method reset = functions.getClass().getDeclaredMethod("resetImage");
			reset.setAccessible(true);
			reset.invoke(functions);
		}
		catch (ReflectiveOperationException | RuntimeException e) { // another ImageJ than 1.54: say so once, the result is still made
			if (!warned) ij.IJ.log("ConvKit: this ImageJ's macro functions could not be told of the new current image (" + e
				+ "); use selectImage(title) before getPixel after call(\"convkit.ij.MacroCalls...\")");
			warned = true;
		}
	}

	private static boolean warned;

	/** Conv Animation without menus: the RGB stack becomes the current image; returns its frame count. */
	public static String animation(String options) {
		try {
			ImagePlus imp = Visuals.animation(options, WindowManager.getCurrentImage());
			imp.show();
			forgetMacroImage();
			return Integer.toString(imp.getStackSize());
		}
		catch (Throwable t) {
			return MacroFailures.fail("ConvKit animation: ", t);
		}
	}

	/** The padding-modes picture without menus; it becomes the current image. */
	public static String paddingPicture() {
		PaddingPicture.render().show();
		forgetMacroImage();
		return "Padding modes";
	}

	/** Effective Receptive Field without menus (keys layers, weights); the map becomes the current image. */
	public static String effectiveField(String options) {
		try {
			ImagePlus imp = Visuals.effectiveField(options);
			imp.show();
			forgetMacroImage();
			return imp.getProp(Visuals.FIELD_SIZE);
		}
		catch (Throwable t) {
			return MacroFailures.fail("ConvKit effectiveField: ", t);
		}
	}

	/** {@code floor((n + lo + hi − d·(k−1) − 1)/s) + 1}, refused below 1 pixel. */
	public static String outputSize(String n, String k, String stride, String padLo, String padHi, String dilation) {
		try {
			return Integer.toString(AxisGeometry.of(Axis.X, ConvOptions.integer(n, "n"), ConvOptions.integer(k, "k"),
				ConvOptions.integer(stride, "stride"), ConvOptions.integer(dilation, "dilation"),
				ConvOptions.integer(padLo, "pad_lo"), ConvOptions.integer(padHi, "pad_hi")).outputSize());
		}
		catch (Throwable t) {
			return MacroFailures.fail("ConvKit outputSize: ", t);
		}
	}

	private static String number(double v) {
		return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
	}
}
