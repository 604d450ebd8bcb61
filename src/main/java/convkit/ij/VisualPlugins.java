package convkit.ij;

import convkit.run.Failures;
import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;

/**
 * Plugins &gt; ConvKit &gt; Conv Animation..., Padding Modes Picture and Effective Receptive
 * Field... (the argument of plugins.config picks which). Macro keys: see {@link Visuals}.
 */
public class VisualPlugins implements PlugIn {

	private static String lastAnimation = "width=5 height=5 kernel=3 stride=2 padding=1 padding_mode=reflect dilation=1 input_channels=1";
	private static String lastField = "layers=[conv k=3; conv k=3]";

	@Override
	public void run(String arg) {
		String macro = Macro.getOptions();
		String title = arg.equals("padding") ? "Padding Modes Picture" : arg.equals("field") ? "Effective Receptive Field"
			: "Conv Animation";
		try {
			ImagePlus result;
			if (arg.equals("padding")) {
				result = PaddingPicture.render();
			}
			else if (arg.equals("field")) {
				String options = macro != null ? macro : ask("Effective Receptive Field", lastField, false);
				if (options == null) return;
				result = Visuals.effectiveField(options);
				lastField = options;
			}
			else {
				String options = macro != null ? macro : ask("Conv Animation", lastAnimation, true);
				if (options == null) return;
				result = Visuals.animation(options, WindowManager.getCurrentImage());
				lastAnimation = options;
			}
			result.show();
			readableZoom(result);
		}
		catch (Throwable t) { // a refusal, or out of memory and the like: one line, and a macro stops here
			MacroFailures.rethrowIfMacroCancelled(t);
			IJ.error(title, Failures.describe(t));
			if (macro != null) Macro.abort();
		}
	}

	/**
	 * Zooms a small picture in (the effective field of a few layers is a few pixels wide) so that
	 * it opens at least about 300 pixels on its longer side, in ImageJ's zoom steps up to 3200 %.
	 */
	static void readableZoom(ImagePlus imp) {
		if (imp.getWindow() == null) return; // batch mode: nothing on screen
		int side = Math.max(imp.getWidth(), imp.getHeight());
		double zoom = 1;
		while (side * zoom * 2 <= 400 && zoom < 32) zoom *= 2;
		if (zoom > 1) ij.plugin.Zoom.set(imp, zoom);
	}

	/** A dialog with one field per key (labels give the keys); the options string, or null if cancelled. */
	private static String ask(String title, String defaults, boolean animation) {
		convkit.options.OptionString d = convkit.options.OptionString.parse(defaults);
		GenericDialog gd = new GenericDialog(title);
		String[] keys = animation ? new String[] { "width", "height", "kernel", "stride", "padding", "padding_mode", "value",
			"dilation", "input_channels" } : new String[] { "layers", "weights" };
		for (String k : keys) {
			String label = Character.toUpperCase(k.charAt(0)) + k.substring(1) + ":";
			if (k.equals("padding_mode")) gd.addChoice(label, convkit.engine.PaddingMode.getAllLabels(), d.get(k, "zeros"));
			else if (k.equals("value")) gd.addStringField("Value (fill of padding_mode constant):", d.get(k, "0"), 8);
			else gd.addStringField(label, d.get(k, ""), k.equals("layers") || k.equals("weights") ? 50 : 8);
		}
		if (animation) {
			gd.addCheckbox("Use_image (the active image's selection, at most 16 x 16)", d.has("use_image"));
			gd.addMessage("Kernel, stride, dilation: N or X,Y. Padding: P, PX,PY, L,R,T,B, same, same_lower or valid.");
		}
		else {
			gd.addMessage("Layers: conv|maxpool|avgpool k= s= p= d=, relu; separated by ';'.\n"
				+ "Weights: one per layer, separated by '|' (file, preset or text; '-' = uniform / none).");
		}
		gd.addHelp(DialogHelp.simple(title, animation
			? "Draws, frame by frame, where a kernel of the given size, stride, padding and dilation sits on a small input and "
				+ "which output value it makes. The macro keys are the labels' first words."
			: "The effective receptive field of a stack of layers: how much each input pixel weighs in one output pixel, with "
				+ "a colour bar. Weights: one per layer, separated by '|' ('-' = uniform)."));
		return LiveCheck.show(gd, defaults, dialog -> {
			StringBuilder sb = new StringBuilder();
			for (String k : keys) {
				String v = k.equals("padding_mode") ? dialog.getNextChoice() : dialog.getNextString();
				if (v.trim().isEmpty()) continue;
				sb.append(k).append("=[").append(v).append("] ");
			}
			if (animation && dialog.getNextBoolean()) sb.append("use_image");
			return sb.toString().trim();
		}, options -> {
			ImagePlus made = animation ? Visuals.animation(options, WindowManager.getCurrentImage()) : Visuals.effectiveField(options);
			return "Makes " + made.getWidth() + " x " + made.getHeight() + (made.getStackSize() > 1 ? ", " + made.getStackSize() + " frames" : "");
		});
	}
}
