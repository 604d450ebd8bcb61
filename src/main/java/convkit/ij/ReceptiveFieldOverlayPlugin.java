package convkit.ij;

import convkit.image.GeometryProperties;
import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.plugin.PlugIn;

import java.util.List;

/**
 * Plugins &gt; ConvKit &gt; Receptive Field Overlay: with points selected on a ConvKit output,
 * draws their receptive fields on the source image and lists them in a "Receptive Fields" table;
 * where a field reaches into the padding, also opens the padded view of the source with the whole
 * field on it ({@link ReceptiveFieldOverlay#paddedView}).
 * From a macro: {@code makeSelection("point", xs, ys); run("Receptive Field Overlay");}.
 */
public class ReceptiveFieldOverlayPlugin implements PlugIn {

	@Override
	public void run(String arg) {
		ImagePlus output = WindowManager.getCurrentImage();
		if (output == null) {
			IJ.noImage();
			return;
		}
		try {
			List<ReceptiveFieldOverlay.Field> fields = ReceptiveFieldOverlay.draw(output);
			ReceptiveFieldOverlay.table(fields, GeometryProperties.read(output).get()).show("Receptive Fields");
			if (fields.stream().anyMatch(f -> f.inPadding)) ReceptiveFieldOverlay.paddedView(output).show();
		}
		catch (IllegalArgumentException e) {
			IJ.error("Receptive Field Overlay", convkit.io.Texts.message(e.getMessage()));
		}
	}
}
