package convkit.files;

import convkit.engine.Shape;
import convkit.engine.Tensor;
import convkit.geometry.OutputGeometry;
import convkit.geometry.SpatialCalibration;
import convkit.image.ImageTensors;
import convkit.options.ChannelMapping;
import convkit.run.PositionSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An image file read without ImageJ ({@link TiffReader}) as the runner's input, laid out by the
 * same rules as an open image ({@link ImageTensors.Layout#of}): a hyperstack's channels as
 * channels, RGB as 3, each (z, t) a position for Conv2D (or the slices as channels with
 * {@code channels=slices}), the slices as depth and each frame a position for Conv3D.
 */
final class TiffSource implements PositionSource {

	private final Path file;
	private final TiffImage image;
	private final ChannelMapping mapping;
	private final ImageTensors.Layout layout;

	private TiffSource(Path file, TiffImage image, ChannelMapping mapping, int rank) {
		this.file = file;
		this.image = image;
		this.mapping = mapping;
		this.layout = ImageTensors.Layout.of(image.title, image.rgb ? 1 : image.channels, image.slices, image.frames, image.rgb, mapping,
			rank);
	}

	/** Reads {@code file} for a convolution of {@code rank} axes under {@code mapping}. */
	static TiffSource open(Path file, ChannelMapping mapping, int rank) throws IOException {
		return of(file, TiffReader.read(file), mapping, rank);
	}

	/** {@code image}, read from {@code file}, for a convolution of {@code rank} axes under {@code mapping}. */
	static TiffSource of(Path file, TiffImage image, ChannelMapping mapping, int rank) {
		return new TiffSource(file, image, mapping, rank);
	}

	@Override
	public boolean streamed() {
		return image.streamed;
	}

	/** The input's calibration (the output's is derived from it). */
	SpatialCalibration calibration() {
		return image.calibration;
	}

	/** Z positions of the input that are positions of the run (Conv2D), 1 for Conv3D. */
	int slices() {
		return layout.slices();
	}

	int frames() {
		return layout.frames();
	}

	@Override
	public String name() {
		return image.title;
	}

	@Override
	public Optional<Path> file() {
		return Optional.of(file);
	}

	@Override
	public Shape shape() {
		return Shape.of(layout.rank(), layout.channels(), layout.depth(), image.height, image.width);
	}

	@Override
	public int positions() {
		return layout.positions();
	}

	@Override
	public Tensor read(int p) throws IOException {
		if (p < 0 || p >= positions()) throw new IndexOutOfBoundsException("position " + p + " of " + positions());
		int z = p % layout.slices();
		int t = p / layout.slices();
		Tensor.Builder b = Tensor.builder(shape());
		for (int d = 0; d < layout.depth(); d++) {
			int slice = layout.rank() == 3 ? d : z;
			for (int ch = 0; ch < layout.channels(); ch++) {
				float[] plane = mapping == ChannelMapping.SLICES ? image.plane(ch) : image.plane(ch, slice, t);
				b.setPlane(ch, d, plane); // copied by the builder
			}
		}
		return b.build();
	}

	/** A Conv3D source read plane by plane: the runner asks for slabs of planes instead of whole volumes. */
	@Override
	public boolean readsPlanes() {
		return image.streamed && layout.rank() == 3;
	}

	@Override
	public Tensor readPlanes(int p, int[] zs, float fill) throws IOException {
		if (!readsPlanes()) return PositionSource.super.readPlanes(p, zs, fill);
		if (p < 0 || p >= positions()) throw new IndexOutOfBoundsException("position " + p + " of " + positions());
		Shape s = Shape.of(layout.channels(), zs.length, image.height, image.width);
		Tensor.Builder b = Tensor.builder(s);
		float[] filled = null;
		for (int j = 0; j < zs.length; j++) {
			for (int ch = 0; ch < layout.channels(); ch++) {
				if (zs[j] < 0) {
					if (filled == null) {
						filled = new float[image.width * image.height];
						java.util.Arrays.fill(filled, fill);
					}
					b.setPlane(ch, j, filled);
				}
				else {
					b.setPlane(ch, j, image.plane(ch, zs[j], p)); // Conv3D: each frame a position
				}
			}
		}
		return b.build();
	}

	@Override
	public int[] offset() {
		return new int[layout.rank()];
	}

	@Override
	public int[] imageSize() {
		return layout.rank() == 3 ? new int[] { image.width, image.height, layout.depth() } : new int[] { image.width, image.height };
	}

	@Override
	public int imageId() {
		return 0;
	}

	@Override
	public Optional<OutputGeometry> geometry() {
		return OutputGeometry.fromProperties(image.properties::get, "file '" + image.title + "'");
	}

	@Override
	public int bitDepth() {
		return image.bitDepth;
	}

	@Override
	public String pixelType() {
		return image.pixelType;
	}

	@Override
	public int plainStackSize() {
		return layout.plainStackSize();
	}
}
