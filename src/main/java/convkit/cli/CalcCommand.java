package convkit.cli;

import convkit.engine.Layer;
import convkit.engine.ReceptiveField;
import convkit.io.LayerStackText;
import convkit.options.ConvOptions;
import convkit.options.OptionString;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code calc layers=[conv k=3 s=1 p=1; maxpool k=2 s=2] size=224,224}: prints, per layer and
 * axis, output size, receptive field, jump and start.
 */
final class CalcCommand {

	static final Set<String> KEYS = new LinkedHashSet<>(Arrays.asList("layers", "size"));

	private CalcCommand() {}

	static int run(String[] args, PrintStream out) {
		OptionString o = CliArguments.parse(args, 1, KEYS);
		String layersText = o.get("layers");
		if (layersText == null) {
			throw new IllegalArgumentException("option 'layers' is required, e.g. layers=[conv k=3 s=1 p=1; maxpool k=2 s=2]");
		}
		if (!o.has("size")) throw new IllegalArgumentException("option 'size' is required: the input size as N or W,H");
		int[] size = ConvOptions.pair(o.get("size"), "size");
		List<Layer> layers = LayerStackText.parse(layersText);
		List<ReceptiveField.Row> rows = ReceptiveField.trace(layers, size[0], size[1]);
		out.println("input " + size[0] + " x " + size[1] + " (width x height), " + layers.size() + " layers");
		out.print(GeometryText.trace(rows));
		return 0;
	}
}
