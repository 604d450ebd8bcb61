package convkit.image;

import convkit.run.PlaneLayout;
import convkit.engine.Shape;
import convkit.engine.Tensor;
import convkit.geometry.OutputGeometry;
import convkit.options.ChannelMapping;
import convkit.run.PositionSource;
import ij.ImagePlus;
import ij.gui.Roi;
import ij.measure.Calibration;

import java.awt.Rectangle;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An ImagePlus as the runner's input: its (z, t) planes (Conv2D) or frames (Conv3D) as tensors,
 * over the bounds of its area selection if it has one. The image is only read, never changed.
 * <p>
 * Example: {@code ImageSource.of(imp, ChannelMapping.AUTO, 3)}.
 */
public final class ImageSource implements PositionSource {

	private final ImagePlus imp;
	private final ChannelMapping mapping;
	private final PlaneLayout layout;
	private final Rectangle region;
	private final Path file;

	private ImageSource(ImagePlus imp, ChannelMapping mapping, int rank, Rectangle region, Path file) {
		this.imp = imp;
		this.mapping = mapping;
		this.layout = ImageTensors.layout(imp, mapping, rank);
		this.region = region;
		this.file = file;
	}

	/**
	 * {@code imp} read for a convolution of {@code rank} axes, over the bounds of its area selection,
	 * if any; the file it was opened from, if any, is its file (no run writes over it).
	 */
	public static ImageSource of(ImagePlus imp, ChannelMapping mapping, int rank) {
		Roi roi = imp.getRoi();
		return new ImageSource(imp, mapping, rank, ImageTensors.bounds(imp, roi != null && roi.isArea() ? roi.getBounds() : null),
			originalFile(imp));
	}

	/** The file {@code imp} was opened from, or null. */
	private static Path originalFile(ImagePlus imp) {
		ij.io.FileInfo fi = imp.getOriginalFileInfo();
		if (fi == null || fi.directory == null || fi.directory.isEmpty() || fi.fileName == null || fi.fileName.isEmpty()) return null;
		try {
			return java.nio.file.Paths.get(fi.directory, fi.fileName);
		}
		catch (java.nio.file.InvalidPathException notAPath) { // a URL, say
			return null;
		}
	}

	/** {@code imp}, opened from {@code file}, read whole for a convolution of {@code rank} axes. */
	public static ImageSource ofFile(ImagePlus imp, Path file, ChannelMapping mapping, int rank) {
		return new ImageSource(imp, mapping, rank, ImageTensors.bounds(imp, null), file);
	}

	/** The image read. */
	public ImagePlus image() {
		return imp;
	}

	/** How its planes are arranged as tensors. */
	public PlaneLayout layout() {
		return layout;
	}

	/** The region read: the selection's bounds or the whole image. */
	public Rectangle region() {
		return new Rectangle(region);
	}

	/** The image's calibration (the output's is derived from it). */
	public Calibration calibration() {
		return imp.getCalibration();
	}

	@Override
	public convkit.geometry.SpatialCalibration spatialCalibration() {
		return OutputCalibration.spatial(imp.getCalibration());
	}

	@Override
	public int slices() {
		return layout.slices();
	}

	@Override
	public int frames() {
		return layout.frames();
	}

	@Override
	public boolean readByImageJ() {
		return true;
	}

	@Override
	public String name() {
		return imp.getTitle();
	}

	@Override
	public Optional<Path> file() {
		return Optional.ofNullable(file);
	}

	@Override
	public Shape shape() {
		return ImageTensors.shape(layout, region);
	}

	@Override
	public int positions() {
		return layout.positions();
	}

	@Override
	public Tensor read(int p) {
		return ImageTensors.read(imp, mapping, layout, region, p);
	}

	/** A virtual stack's volume for Conv3D: read a slab of planes at a time. */
	@Override
	public boolean readsSlabs() {
		return streamed() && layout.rank() == 3;
	}

	@Override
	public Tensor readSlab(int p, int[] zs, float fill) {
		if (!readsSlabs()) throw new UnsupportedOperationException("'" + name() + "' is not a virtual stack read for Conv3D");
		return ImageTensors.readSlab(imp, mapping, layout, region, p, zs, fill);
	}

	@Override
	public int[] offset() {
		return layout.rank() == 3 ? new int[] { region.x, region.y, 0 } : new int[] { region.x, region.y };
	}

	@Override
	public int[] imageSize() {
		return layout.rank() == 3 ? new int[] { imp.getWidth(), imp.getHeight(), layout.depth() }
			: new int[] { imp.getWidth(), imp.getHeight() };
	}

	@Override
	public int imageId() {
		return file == null ? imp.getID() : 0;
	}

	@Override
	public Optional<OutputGeometry> geometry() {
		return GeometryProperties.read(imp);
	}

	/** A virtual stack: its planes are read from disk as the run asks for them (and its output can be written plane by plane). */
	@Override
	public boolean streamed() {
		return imp.getStack().isVirtual();
	}

	@Override
	public int bitDepth() {
		if (imp.getCalibration().isSigned16Bit()) return 0; // signed 16-bit: no unsigned type keeps it
		return imp.getBitDepth() == 24 ? 8 : imp.getBitDepth();
	}

	@Override
	public String pixelType() {
		if (imp.getCalibration().isSigned16Bit()) return "signed 16-bit";
		return imp.getBitDepth() == 24 ? "RGB" : imp.getBitDepth() + "-bit";
	}

	@Override
	public int plainStackSize() {
		return layout.plainStackSize();
	}
}
