package convkit.ij;

import convkit.engine.Axis;
import convkit.geometry.AxisTrace;
import convkit.geometry.Layer;
import convkit.geometry.ReceptiveField;
import convkit.io.LayerStackText;
import ij.ImagePlus;
import ij.WindowManager;
import ij.macro.ExtensionDescriptor;
import ij.macro.Functions;
import ij.macro.MacroExtension;

import java.util.List;
import java.util.Locale;

/**
 * Macro extension functions, registered without menus (so also headless):
 * <pre>
 * call("convkit.ij.ConvKitExtensions.register");
 * Ext.conv2d("kernel=sobel_x stride=2");                       // Conv2D on the current image
 * Ext.conv3d("kernel=[box3d(3)] padding=same");                // Conv3D on the current stack
 * Ext.convStack("layers=[@/data/stack.txt] keep");             // a layer stack on the current image
 * n = parseInt(Ext.outputSize(224, 3, 2, 1, 1, 1));           // 112
 * Ext.receptiveField("conv k=3; conv k=3", "x", rf, jump, start);   // rf = 5, jump = 1, start = 2
 * </pre>
 * {@code receptiveField} takes the axis x, y or z and uses the current image's size for
 * {@code p=same} (or any size when no image is open and no layer uses it). A failure aborts the
 * macro with its message.
 */
public class ConvKitExtensions implements MacroExtension {

	private static final int NUM = ARG_NUMBER;
	private static final int OUT = ARG_OUTPUT + ARG_NUMBER;

	/** The one table of the functions: name, arguments as ImageJ takes them, signature and an example line. */
	enum Function {
		CONV2D("conv2d", new int[] { ARG_STRING }, "Ext.conv2d(options)", "Ext.conv2d(\"kernel=sobel_x stride=2\");"),
		CONV3D("conv3d", new int[] { ARG_STRING }, "Ext.conv3d(options)", "Ext.conv3d(\"kernel=[box3d(3)] padding=same\");"),
		CONV_STACK("convStack", new int[] { ARG_STRING }, "Ext.convStack(options)", "Ext.convStack(\"layers=[maxpool k=2; relu] keep\");"),
		OUTPUT_SIZE("outputSize", new int[] { NUM, NUM, NUM, NUM, NUM, NUM }, "Ext.outputSize(n, k, stride, pad_lo, pad_hi, dilation)",
			"n = parseInt(Ext.outputSize(224, 3, 2, 1, 1, 1));"),
		RECEPTIVE_FIELD("receptiveField", new int[] { ARG_STRING, ARG_STRING, OUT, OUT, OUT },
			"Ext.receptiveField(layers, axis, rf, jump, start)", "Ext.receptiveField(\"conv k=3; conv k=3\", \"x\", rf, jump, start);");

		final String name;
		final int[] args;
		final String signature;
		final String example;

		Function(String name, int[] args, String signature, String example) {
			this.name = name;
			this.args = args;
			this.signature = signature;
			this.example = example;
		}

		/** Every function's signature, joined by {@code ", "}. */
		static String signatures() {
			StringBuilder sb = new StringBuilder();
			for (Function f : values()) sb.append(sb.length() == 0 ? "" : ", ").append(f.signature);
			return sb.toString();
		}

		/** Every function's example line, one a line. */
		static String examples() {
			StringBuilder sb = new StringBuilder();
			for (Function f : values()) sb.append(f.example).append('\n');
			return sb.toString();
		}
	}

	/** Registers the functions with the running macro; for {@code call(...)}. */
	public static String register() {
		Functions.registerExtensions(new ConvKitExtensions());
		return "ConvKit extensions: " + Function.signatures();
	}

	@Override
	public ExtensionDescriptor[] getExtensionFunctions() {
		ExtensionDescriptor[] d = new ExtensionDescriptor[Function.values().length];
		for (Function f : Function.values()) d[f.ordinal()] = ExtensionDescriptor.newDescriptor(f.name, this, f.args);
		return d;
	}

	@Override
	public String handleExtension(String name, Object[] args) {
		Function f = null;
		for (Function each : Function.values()) if (each.name.equals(name)) f = each;
		if (f == null) return MacroFailures.abort("ConvKit: unknown extension function Ext." + name);
		switch (f) {
			case CONV2D:
				MacroCalls.conv2d((String) args[0]);
				return null; // the result is the current image; getTitle() names it
			case CONV3D:
				MacroCalls.conv3d((String) args[0]);
				return null;
			case CONV_STACK:
				MacroCalls.convStack((String) args[0]);
				return null;
			case OUTPUT_SIZE:
				return MacroCalls.outputSize(whole(args[0]), whole(args[1]), whole(args[2]), whole(args[3]), whole(args[4]),
					whole(args[5]));
			case RECEPTIVE_FIELD:
				return receptiveField((String) args[0], (String) args[1], args);
			default:
				throw new AssertionError(f);
		}
	}

	private static String receptiveField(String layers, String axis, Object[] args) {
		try {
			Axis a = Axis.fromLabel(axis);
			ImagePlus imp = WindowManager.getCurrentImage();
			if (imp == null && layers.toLowerCase(Locale.ROOT).contains("same")) {
				throw new IllegalArgumentException("p=same depends on the input size: open an image of that size first,"
					+ " or use call(\"convkit.ij.MacroCalls.calc\", layers, size, layer, quantity)");
			}
			List<Layer> stack = LayerStackText.parse(layers);
			int rank = a == Axis.Z ? 3 : ReceptiveField.rankOf(stack, 1);
			int[] size = new int[rank];
			for (Axis each : Axis.of(rank)) {
				int n = imp == null ? 0 : each == Axis.X ? imp.getWidth() : each == Axis.Y ? imp.getHeight() : imp.getNSlices();
				size[each.ordinal()] = imp == null ? 1 << 20 : n;
			}
			List<ReceptiveField.Row> rows = ReceptiveField.trace(stack, size);
			AxisTrace t = rows.get(rows.size() - 1).axis(a);
			((Double[]) args[2])[0] = t.field().doubleValue();
			((Double[]) args[3])[0] = t.jump().doubleValue();
			((Double[]) args[4])[0] = t.start().doubleValue();
			return null;
		}
		catch (Throwable t) {
			return MacroFailures.fail("ConvKit receptiveField: ", t);
		}
	}

	private static String whole(Object number) {
		double d = (Double) number;
		// a whole number in int's range as digits; anything else as the macro wrote it, for the refusal to name
		if (d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE) return Long.toString((long) d);
		return d == Math.rint(d) && !Double.isInfinite(d) ? String.format(java.util.Locale.ROOT, "%.0f", d) : Double.toString(d);
	}
}
