package convkit.ij;

import convkit.geometry.Layer;
import convkit.geometry.ReceptiveField;
import convkit.io.LayerStackText;
import convkit.options.OptionString;
import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Plugins &gt; ConvKit &gt; Conv Calculator...: sizes and receptive fields of a layer stack, no
 * image needed (the active image's size is the default input size). Macro:
 * {@code run("Conv Calculator...", "layers=[conv k=3 s=1 p=1; maxpool k=2 s=2] size=224,224");}
 */
public class ConvCalculatorPlugin implements PlugIn {

	static final Set<String> KEYS = new LinkedHashSet<>(Arrays.asList("layers", "size"));

	private static String lastLayers = "conv k=3 s=1 p=1; relu; maxpool k=2 s=2; conv k=3 s=1 p=1 d=2";

	@Override
	public void run(String arg) {
		ImagePlus imp = WindowManager.getCurrentImage();
		String defaultSize = imp == null ? "224,224" : imp.getWidth() + "," + imp.getHeight();
		String macroOptions = Macro.getOptions();
		try {
			String layers;
			String size;
			if (macroOptions != null) {
				OptionString o = OptionString.parse(macroOptions);
				o.checkKeys(KEYS);
				layers = o.get("layers");
				if (layers == null) {
					throw new IllegalArgumentException("option 'layers' is required, e.g. layers=[conv k=3 s=1 p=1; maxpool k=2 s=2]");
				}
				size = o.get("size", defaultSize);
			}
			else {
				GenericDialog gd = new GenericDialog("Conv Calculator");
				gd.addStringField("Layers:", lastLayers, 60);
				gd.addStringField("Size:", defaultSize, 12);
				gd.addMessage("Layers separated by ';': conv|convt|maxpool|avgpool k=K s=S p=P d=D (convt: op=; pools: ceil=1), bn, relu, leakyrelu;\n"
					+ "the text Conv Stack runs pastes as it is (w= gives a conv's kernel size). Per-axis values as x,y (k=5,3) or x,y,z;\n"
					+ "padding in every form, same, same_lower or valid. Size: N, W,H or W,H,D. Past a transposed layer, values are fractions.");
				gd.addHelp(DialogHelp.simple("Conv Calculator", "Output size, receptive field, jump and start of every layer of a"
					+ " stack, per axis, for an input of the given size; PyTorch tuples such as s=(2, 1) are read in PyTorch order."));
				String typed = LiveCheck.show(gd, "layers=[" + lastLayers + "] size=[" + defaultSize + "]",
					dialog -> "layers=[" + dialog.getNextString() + "] size=[" + dialog.getNextString() + "]", o -> {
						OptionString parsed = OptionString.parse(o);
						List<Layer> s = LayerStackText.parse(parsed.get("layers"));
						List<ReceptiveField.Row> r = ReceptiveField.trace(s, LayerStackText.inputSize(parsed.get("size"), s));
						StringBuilder out = new StringBuilder();
						StringBuilder field = new StringBuilder();
						for (convkit.geometry.AxisTrace a : r.get(r.size() - 1).axes()) {
							String x = out.length() == 0 ? "" : " x ";
							out.append(x).append(a.geometry().outputSize());
							field.append(x).append(a.field());
						}
						return s.size() + " layers: output " + out + ", receptive field " + field + " (OK shows every layer)";
					});
				if (typed == null) return;
				OptionString parsed = OptionString.parse(typed);
				layers = parsed.get("layers");
				size = parsed.get("size");
				lastLayers = layers;
			}
			List<Layer> stack = LayerStackText.parse(layers);
			List<ReceptiveField.Row> rows = ReceptiveField.trace(stack, LayerStackText.inputSize(size, stack));
			CalculatorTable.of(rows).show(CalculatorTable.TITLE);
			java.awt.Window w = WindowManager.getWindow(CalculatorTable.TITLE);
			if (w != null && w.getWidth() < 1200) w.setSize(1200, Math.max(w.getHeight(), 200));
		}
		catch (IllegalArgumentException e) {
			IJ.error("Conv Calculator", convkit.io.Texts.message(e.getMessage()));
		}
	}
}
