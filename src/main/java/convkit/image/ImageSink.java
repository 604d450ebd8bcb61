package convkit.image;

import convkit.run.OutputPlanes;
import convkit.run.PlaneCollector;
import convkit.engine.Shape;
import convkit.engine.Tensor;
import convkit.geometry.OutputGeometry;
import convkit.run.OutputPixels;
import convkit.run.PositionSink;
import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The runner's outputs as a new ImagePlus — 32-bit, or 8-/16-bit converted from the float result
 * when {@code output_type=same} asks for the input's bit depth: a hyperstack with one channel per output
 * channel (composite, one LUT a channel), the input's time frames, and its z positions (Conv2D)
 * or the output's depth (Conv3D); calibrated to overlay the input, with the {@code ConvKit.*}
 * geometry properties and the Info of the run. Not shown: the caller decides.
 */
public final class ImageSink implements PositionSink {

	private final Calibration inputCalibration;
	private final String title;
	private final int slices;
	private final int frames;
	private final PlaneCollector collected;
	private ImagePlus image;
	private OutputGeometry geometry;

	/** A sink titled {@code title} for the outputs of {@code source}, laid out and calibrated after it. */
	public ImageSink(ImageSource source, String title) {
		this(source.calibration(), title, source.layout().slices(), source.layout().frames());
	}

	/** A sink for outputs of a source with {@code slices} z positions (Conv2D; 1 for Conv3D) and {@code frames} frames. */
	public ImageSink(Calibration inputCalibration, String title, int slices, int frames) {
		this.inputCalibration = inputCalibration;
		this.title = title;
		this.slices = slices;
		this.frames = frames;
		this.collected = new PlaneCollector(slices, frames);
	}

	@Override
	public Optional<Path> file() {
		return Optional.empty();
	}

	@Override
	public long retainedBytes(Shape shape, int positions, OutputPixels pixels) {
		return collected.retainedBytes(shape, positions, pixels);
	}

	@Override
	public void begin(Shape shape, int positions, OutputPixels px) {
		collected.begin(shape, positions, px);
	}

	@Override
	public void accept(int position, Tensor out) {
		collected.accept(position, out);
	}

	@Override
	public void finish(OutputGeometry geometry, String info) {
		Shape shape = collected.shape();
		OutputPixels pixels = collected.pixels();
		OutputPlanes planes = collected.take();
		ImageStack stack = new ImageStack(shape.width(), shape.height());
		List<String> labels = planes.labels();
		List<Object> pixelsOut = planes.take(pixels);
		for (int i = 0; i < pixelsOut.size(); i++) stack.addSlice(labels.get(i), pixelsOut.get(i));
		ImagePlus imp = ImageTensors.hyperstack(stack, shape.channels(), planes.depth(), frames, title);
		imp.setCalibration(OutputCalibration.of(inputCalibration, geometry));
		imp.setProperty("Info", info);
		GeometryProperties.write(geometry, imp);
		image = imp;
		this.geometry = geometry;
	}

	@Override
	public void abort() {
		collected.abort();
		image = null;
	}

	/** The finished image's geometry. */
	public OutputGeometry geometry() {
		if (geometry == null) throw new IllegalStateException("the run did not finish");
		return geometry;
	}

	/** The finished image. */
	public ImagePlus image() {
		if (image == null) throw new IllegalStateException("the run did not finish");
		return image;
	}
}
