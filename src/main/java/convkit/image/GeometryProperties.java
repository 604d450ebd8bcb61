package convkit.image;

import convkit.geometry.OutputGeometry;
import ij.ImagePlus;

import java.util.Map;
import java.util.Optional;

/**
 * An output's geometry as ImageJ image properties ({@code ConvKit.*}; Image › Show Info lists
 * them, TIFF files keep them), so a second convolution, the Receptive Field Overlay and scripts
 * know where the output's pixels lie in the first image.
 */
public final class GeometryProperties {

	private GeometryProperties() {}

	/** The geometry recorded on {@code imp}, if it is a ConvKit output; refused when the properties are damaged. */
	public static Optional<OutputGeometry> read(ImagePlus imp) {
		return OutputGeometry.fromProperties(imp::getProp, "image '" + imp.getTitle() + "'");
	}

	/** Records {@code geometry} on {@code imp}. */
	public static void write(OutputGeometry geometry, ImagePlus imp) {
		for (Map.Entry<String, String> e : geometry.toProperties().entrySet()) imp.setProp(e.getKey(), e.getValue());
	}
}
