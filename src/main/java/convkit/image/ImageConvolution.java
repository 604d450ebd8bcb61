package convkit.image;

import convkit.engine.Execution;
import convkit.geometry.OutputGeometry;
import convkit.options.ConvOptions;
import convkit.run.ConvJob;
import convkit.run.ConvRunner;
import convkit.run.MemoryBudget;
import convkit.run.OutputPolicy;
import convkit.run.RunReport;
import ij.ImagePlus;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Conv2D or Conv3D (the options' rank) on an ImagePlus without any user interface: what the menu
 * commands, macro calls, scripts and tests call. It reads the image (never changing it), runs the
 * runner, and returns a new 32-bit calibrated image, not shown.
 * <p>
 * Example: {@code ImageConvolution.process(imp, ConvOptions.from(OptionString.parse("kernel=sobel_x stride=2"))).image()}.
 */
public final class ImageConvolution {

	/** What ImageJ users do to give ImageJ more memory. */
	public static final MemoryBudget IMAGEJ_MEMORY = MemoryBudget.jvm("raise Edit > Options > Memory & Threads");

	private ImageConvolution() {}

	/** A finished convolution: the new image, and the runner's report (plan, method). */
	public static final class Result {

		private final ImagePlus image;
		private final RunReport report;
		private final ConvJob job;
		private final OutputGeometry geometry;

		Result(ImagePlus image, RunReport report, ConvJob job, OutputGeometry geometry) {
			this.image = image;
			this.report = report;
			this.job = job;
			this.geometry = geometry;
		}

		/** The geometry the image carries (its {@code ConvKit.*} properties), as computed. */
		public OutputGeometry geometry() {
			return geometry;
		}

		/** The output image (not shown). */
		public ImagePlus image() {
			return image;
		}

		/** The plan, method and timing. */
		public RunReport report() {
			return report;
		}

		/** What was computed. */
		public ConvJob job() {
			return job;
		}
	}

	/**
	 * {@code title}, or — when an open image has it — ImageJ's next free variant of it
	 * ({@code name-1}, {@code name-2}, ...), so {@code selectImage(title)} finds one image.
	 */
	static String uniqueTitle(String title) {
		int[] ids = ij.WindowManager.getIDList();
		if (ids != null) {
			for (int id : ids) {
				ImagePlus open = ij.WindowManager.getImage(id);
				if (open != null && title.equals(open.getTitle())) return ij.WindowManager.getUniqueName(title);
			}
		}
		return title;
	}

	/** The job {@code options} describe, kernels looked up among the open images too. */
	public static ConvJob job(ConvOptions options) {
		return ConvJob.of(options.kernel(ImageKernels.lookup(options.rank())), options.bias(), options.spec(), options.method(),
			options.output(), options.toOptionString()).reading(options.files());
	}

	/** Convolves with every core and no progress reporting. */
	public static Result process(ImagePlus imp, ConvOptions options) {
		return process(imp, options, Execution.defaults());
	}

	/**
	 * Convolves every position of {@code imp} (restricted to the bounds of an area selection, if
	 * any): every (z, t) plane for Conv2D, every frame for Conv3D.
	 *
	 * @throws IllegalArgumentException with the reason when the settings do not fit the image or
	 *         the output would not fit in memory; nothing is created then
	 * @throws java.util.concurrent.CancellationException when {@code exec} reports cancellation
	 */
	public static Result process(ImagePlus imp, ConvOptions options, Execution exec) {
		ConvJob job = job(options);
		ImageSource source = ImageSource.of(imp, options.channels(), options.rank());
		ImageSink sink = new ImageSink(source, uniqueTitle(OutputPolicy.title(imp.getTitle())));
		try {
			RunReport report = new ConvRunner(job, IMAGEJ_MEMORY).run(source, sink, exec, 1);
			return new Result(sink.image(), report, job, sink.geometry());
		}
		catch (IOException e) {
			throw new UncheckedIOException(e); // an image source reads no file
		}
	}
}
