package convkit.cli;

import convkit.options.Arguments;
import convkit.geometry.Layer;
import convkit.geometry.ReceptiveField;
import convkit.io.LayerStackText;
import convkit.options.OptionString;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code calc layers=[conv k=3 s=1 p=1; maxpool k=2 s=2] size=224,224}: prints, per layer and
 * axis, output size, receptive field, jump, start and the halo an exact tile needs, then the
 * tiling rule (which input block an output tile reads); with {@code pixel=X,Y}, the input pixels
 * that output pixel of the last layer depends on. {@code size=W,H,D} or layers written with
 * {@code x,y,z} values trace three axes.
 */
final class CalcCommand {

	static final Set<String> KEYS = new LinkedHashSet<>(Arrays.asList("layers", "size", "pixel"));

	private CalcCommand() {}

	static int run(String[] args, PrintStream out) {
		OptionString o = Arguments.parse(args, 1, KEYS);
		String layersText = o.get("layers");
		if (layersText == null) {
			throw new IllegalArgumentException("option 'layers' is required, e.g. layers=[conv k=3 s=1 p=1; maxpool k=2 s=2]");
		}
		if (!o.has("size")) throw new IllegalArgumentException("option 'size' is required: the input size as N, W,H or W,H,D");
		List<Layer> layers = LayerStackText.parse(layersText);
		int[] size = LayerStackText.inputSize(o.get("size"), layers);
		List<ReceptiveField.Row> rows = ReceptiveField.trace(layers, size);
		out.println("input " + (size.length == 3 ? size[0] + " x " + size[1] + " x " + size[2] + " (width x height x depth), "
			: size[0] + " x " + size[1] + " (width x height), ") + layers.size() + " layers");
		out.print(GeometryText.trace(rows));
		out.print(GeometryText.tiling(rows));
		if (o.has("pixel")) out.println(GeometryText.reach(rows.get(rows.size() - 1), o.get("pixel")));
		return 0;
	}

}
