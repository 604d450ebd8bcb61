package convkit.image;

import convkit.engine.ConvPlan;
import convkit.engine.Tensor;
import convkit.geometry.OutputGeometry;
import convkit.run.OutputPixels;
import convkit.run.PositionSink;
import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;

import java.nio.file.Path;
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
	private ConvPlan plan;
	private OutputPixels pixels;
	private ImageStack stack;
	private int next;
	private ImagePlus image;

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
	}

	@Override
	public Optional<Path> file() {
		return Optional.empty();
	}

	@Override
	public long retainedBytes(ConvPlan plan, int positions, OutputPixels pixels) {
		long values = plan.outputShape().values() * positions;
		return 4L * values + (pixels.isFloat() ? 0 : (long) pixels.bytesPerValue() * values); // float planes, then converted ones
	}

	@Override
	public void begin(ConvPlan p, int positions, OutputPixels px) {
		if (positions != slices * frames) {
			throw new IllegalArgumentException(positions + " positions do not make " + slices + " slices x " + frames + " frames");
		}
		plan = p;
		pixels = px;
		stack = new ImageStack(p.outputWidth(), p.outputHeight());
		next = 0;
	}

	@Override
	public void accept(int position, Tensor out) {
		if (position != next++) throw new IllegalStateException("position " + position + " arrived out of order");
		int z = position % slices + 1;
		int t = position / slices + 1;
		for (int d = 0; d < out.depth(); d++) {
			for (int c = 0; c < out.channels(); c++) {
				String label = "c" + (c + 1) + (plan.rank() == 3 ? " z" + (d + 1) : slices > 1 ? " z" + z : "") + (frames > 1 ? " t" + t : "");
				stack.addSlice(label, out.plane(c, d));
			}
		}
	}

	@Override
	public void finish(OutputGeometry geometry, String info) {
		int depth = plan.rank() == 3 ? plan.outputDepth() : slices;
		if (!pixels.isFloat()) stack = converted(stack, pixels);
		ImagePlus imp = ImageTensors.hyperstack(stack, plan.outChannels(), depth, frames, title);
		imp.setCalibration(OutputCalibration.of(inputCalibration, geometry));
		imp.setProperty("Info", info);
		GeometryProperties.write(geometry, imp);
		image = imp;
		stack = null;
	}

	/** The float planes of {@code floats} as 8- or 16-bit planes, each float plane let go once converted. */
	static ImageStack converted(ImageStack floats, OutputPixels pixels) {
		float[] range = OutputPixels.emptyRange();
		if (pixels.needsRange()) {
			for (int i = 1; i <= floats.getSize(); i++) {
				float[] v = (float[]) floats.getPixels(i);
				OutputPixels.widen(range, v, 0, v.length);
			}
		}
		ImageStack out = new ImageStack(floats.getWidth(), floats.getHeight());
		for (int i = 1; i <= floats.getSize(); i++) {
			float[] v = (float[]) floats.getPixels(i);
			out.addSlice(floats.getSliceLabel(i), pixels.bits() == 8 ? pixels.toBytes(v, range) : pixels.toShorts(v, range));
			floats.setPixels(null, i);
		}
		return out;
	}

	@Override
	public void abort() {
		stack = null;
		image = null;
	}

	/** The finished image. */
	public ImagePlus image() {
		if (image == null) throw new IllegalStateException("the run did not finish");
		return image;
	}
}
