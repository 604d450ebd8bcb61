package convkit.files;

import convkit.run.PlaneLayout;
import convkit.engine.Shape;
import convkit.engine.Tensor;
import convkit.geometry.OutputGeometry;
import convkit.geometry.SpatialCalibration;
import convkit.options.ChannelMapping;
import convkit.run.PositionSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An image file read without ImageJ ({@link TiffReader}) as the runner's input, laid out by the
 * same rules as an open image ({@link PlaneLayout#of}): a hyperstack's channels as
 * channels, RGB as 3, each (z, t) a position for Conv2D (or the slices as channels with
 * {@code channels=slices}), the slices as depth and each frame a position for Conv3D.
 */
final class TiffSource implements PositionSource {

	private final Path file;
	private final TiffImage image;
	private final ChannelMapping mapping;
	private final PlaneLayout layout;

	private TiffSource(Path file, TiffImage image, ChannelMapping mapping, int rank) {
		this.file = file;
		this.image = image;
		this.mapping = mapping;
		this.layout = PlaneLayout.of(image.title, image.rgb ? 1 : image.channels, image.slices, image.frames, image.rgb, mapping,
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
	@Override
	public SpatialCalibration spatialCalibration() {
		return image.calibration;
	}

	/** Z positions of the input that are positions of the run (Conv2D), 1 for Conv3D. */
	@Override
	public int slices() {
		return layout.slices();
	}

	@Override
	public int frames() {
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

	/** A stack read plane by plane: the runner may ask for slabs (Conv3D: planes of a volume; Conv2D: rows of a plane). */
	@Override
	public boolean readsSlabs() {
		return image.streamed;
	}

	@Override
	public Tensor readSlab(int p, int[] at, float fill) throws IOException {
		if (!readsSlabs()) return PositionSource.super.readSlab(p, at, fill);
		if (p < 0 || p >= positions()) throw new IndexOutOfBoundsException("position " + p + " of " + positions());
		return layout.rank() == 3 ? planes(p, at, fill) : rows(p, at, fill);
	}

	/** Conv3D: planes {@code zs} of frame {@code p}. */
	private Tensor planes(int p, int[] zs, float fill) throws IOException {
		Tensor.Builder b = Tensor.builder(Shape.of(layout.channels(), zs.length, image.height, image.width));
		float[] filled = null;
		for (int j = 0; j < zs.length; j++) {
			for (int ch = 0; ch < layout.channels(); ch++) {
				if (zs[j] < 0) {
					if (filled == null) filled = filled(image.width * image.height, fill);
					b.setPlane(ch, j, filled);
				}
				else {
					b.setPlane(ch, j, image.plane(ch, zs[j], p)); // Conv3D: each frame a position
				}
			}
		}
		return b.build();
	}

	/** Conv2D: rows {@code ys} of position {@code p}'s plane of every channel (the rows they span read once). */
	private Tensor rows(int p, int[] ys, float fill) throws IOException {
		int lo = Integer.MAX_VALUE;
		int hi = -1;
		for (int y : ys) {
			if (y >= 0) {
				lo = Math.min(lo, y);
				hi = Math.max(hi, y);
			}
		}
		int w = image.width;
		float[] band = new float[layout.channels() * ys.length * w];
		int z = p % layout.slices();
		int t = p / layout.slices();
		for (int ch = 0; ch < layout.channels(); ch++) {
			int index = mapping == ChannelMapping.SLICES ? ch : (t * image.slices + z) * image.channels + ch;
			float[] span = hi < 0 ? null : image.rows(index, lo, hi - lo + 1);
			for (int j = 0; j < ys.length; j++) {
				int at = (ch * ys.length + j) * w;
				if (ys[j] < 0) java.util.Arrays.fill(band, at, at + w, fill);
				else System.arraycopy(span, (ys[j] - lo) * w, band, at, w);
			}
		}
		return Tensor.of(Shape.of(layout.channels(), ys.length, w), band);
	}

	private static float[] filled(int n, float v) {
		float[] f = new float[n];
		java.util.Arrays.fill(f, v);
		return f;
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
