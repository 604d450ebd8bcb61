package convkit.image;

import convkit.engine.Execution;
import convkit.engine.LayerStack;
import convkit.engine.Tensor;
import convkit.geometry.OutputGeometry;
import convkit.options.ChannelMapping;
import convkit.run.OutputPolicy;
import convkit.run.StackRun;
import ij.ImagePlus;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * A layer stack ({@code Conv Stack...}) on an ImagePlus without any user interface: what the menu
 * command, the macro calls and tests call. The image's channels are the stack's input channels;
 * every (z, t) plane of a 2-D stack and every frame of a 3-D stack is one input (over the bounds of
 * an area selection, if any). The image is only read. The result is a new 32-bit hyperstack, not
 * shown — or one per layer, titled with the layer, when every layer's output is kept — carrying
 * its receptive-field geometry ({@code ConvKit.*} properties, for the Receptive Field Overlay) and
 * a calibration that places it over the input (a transposed layer halves the pixel size). Nothing is
 * made when the stack cannot run on the image (refused with {@code layer N (kind): ...}) or the
 * user cancels.
 * <p>
 * Example: {@code ImageLayerStack.process(imp, StackText.fromOption("conv w=w.npy p=1; relu").stack(), false, Execution.defaults())}.
 */
public final class ImageLayerStack {

	private ImageLayerStack() {}

	/** A finished stack run: the new images (the last layer's last), and the report. */
	public static final class Result {

		private final List<ImagePlus> images;
		private final String report;

		Result(List<ImagePlus> images, String report) {
			this.images = Collections.unmodifiableList(images);
			this.report = report;
		}

		/** The output of the stack, or of every layer, first first (not shown). */
		public List<ImagePlus> images() {
			return images;
		}

		/** The last layer's output. */
		public ImagePlus last() {
			return images.get(images.size() - 1);
		}

		/** Every layer's output size and algorithm, the time taken, and the {@code nn.Sequential} it equals. */
		public String report() {
			return report;
		}
	}

	/**
	 * Runs {@code stack} on every position of {@code imp}, keeping every layer's output or the
	 * last only.
	 *
	 * @throws IllegalArgumentException with {@code layer N (kind): reason} when a layer cannot run
	 *         on what it receives, or when the result would not fit in memory; nothing is made then
	 * @throws CancellationException when {@code exec} reports cancellation
	 */
	public static Result process(ImagePlus imp, LayerStack stack, boolean keepEvery, Execution exec) {
		ImageSource source = ImageSource.of(imp, ChannelMapping.AUTO, stack.rank());
		int positions = source.positions();
		StackRun run = StackRun.prepare(stack, source.shape(), positions, keepEvery, ImageConvolution.IMAGEJ_MEMORY);
		int kept = keepEvery ? stack.layers().size() : 1;
		List<List<Tensor>> outputs = new ArrayList<>();
		for (int i = 0; i < kept; i++) outputs.add(new ArrayList<>(positions));
		long t0 = System.nanoTime();
		for (int p = 0; p < positions; p++) {
			if (exec.isCancelled()) throw new CancellationException("stack cancelled");
			List<Tensor> each = run.run(source.read(p), exec);
			for (int i = 0; i < kept; i++) outputs.get(i).add(each.get(i));
			exec.progress().progress(p + 1, positions);
		}
		double millis = (System.nanoTime() - t0) / 1e6;
		String report = run.report(exec, positions) + String.format(java.util.Locale.ROOT, "time: %.1f ms%n", millis);
		String stem = OutputPolicy.stem(imp.getTitle());
		List<ImagePlus> images = new ArrayList<>(kept);
		for (int i = 0; i < kept; i++) {
			String title = keepEvery ? stem + " " + stack.name(i) : stem + "-stack";
			ImagePlus out = ImageTensors.toImage(outputs.get(i), source.layout().slices(), source.layout().frames(), ImageConvolution.uniqueTitle(title));
			outputs.set(i, null); // copied into the image: the tensors can go
			OutputGeometry g = run.geometry(source, keepEvery ? i + 1 : stack.layers().size());
			out.setCalibration(OutputCalibration.of(source.calibration(), g));
			GeometryProperties.write(g, out);
			out.setProperty("Info", report);
			images.add(out);
		}
		return new Result(images, report);
	}
}
