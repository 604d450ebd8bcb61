package convkit.ij;

import convkit.engine.Conv2d;
import convkit.engine.ConvPlan;
import convkit.engine.Execution;
import convkit.engine.Kernel;
import convkit.engine.Tensor;
import convkit.options.ConvOptions;
import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.Roi;

import java.awt.Rectangle;
import java.util.Locale;

/**
 * Conv2D on an ImagePlus without any user interface: the part of the menu command that scripts
 * and tests call. It reads the image (never changing it), delegates the arithmetic to the
 * engine, and returns a new 32-bit calibrated image.
 * <p>
 * Example: {@code Conv2D.process(imp, ConvOptions.from(OptionString.parse("kernel=sobel_x stride=2"))).image()}.
 */
public final class Conv2D {

	private Conv2D() {}

	/** A finished Conv2D: the new image and the plan that made it. */
	public static final class Result {

		private final ImagePlus image;
		private final ConvPlan plan;
		private final Kernel kernel;
		private final Rectangle region;
		private final String method;

		Result(ImagePlus image, ConvPlan plan, Kernel kernel, Rectangle region, String method) {
			this.image = image;
			this.plan = plan;
			this.kernel = kernel;
			this.region = region;
			this.method = method;
		}

		/** The algorithm that computed it. */
		public String method() {
			return method;
		}

		/** The output image (not shown). */
		public ImagePlus image() {
			return image;
		}

		/** The resolved convolution (sizes, padding, weights). */
		public ConvPlan plan() {
			return plan;
		}

		/** The kernel as given. */
		public Kernel kernel() {
			return kernel;
		}

		/** The input region that was convolved (the selection's bounds, or the whole image). */
		public Rectangle region() {
			return region;
		}
	}

	/** Convolves with every core and no progress reporting. */
	public static Result process(ImagePlus imp, ConvOptions options) {
		return process(imp, options, Execution.defaults());
	}

	/**
	 * Convolves every (z, t) position of {@code imp} (restricted to the bounds of an area
	 * selection, if any).
	 *
	 * @throws IllegalArgumentException with the reason when the settings do not fit the image or
	 *         the output would not fit in memory; nothing is created then
	 * @throws java.util.concurrent.CancellationException when {@code exec} reports cancellation
	 */
	public static Result process(ImagePlus imp, ConvOptions options, Execution execution) {
		Execution exec = execution.withMethod(options.method());
		Roi roi = imp.getRoi();
		Rectangle region = ImageTensors.bounds(imp, roi != null && roi.isArea() ? roi.getBounds() : null);
		ImageTensors.Layout layout = ImageTensors.layout(imp, options.channels());
		Kernel kernel = options.kernel(ImageKernels::byTitle);
		ConvPlan plan = ConvPlan.of(layout.channels(), region.height, region.width, kernel, options.bias(), options.spec());
		String method = Conv2d.algorithmFor(plan, exec.method()).name();
		checkMemory(plan, layout, Conv2d.workspaceBytes(plan, exec.method(), exec.threads()));

		int positions = layout.positions();
		int outW = plan.outputWidth();
		int outH = plan.outputHeight();
		ImageStack stack = new ImageStack(outW, outH);
		int done = 0;
		for (int t = 1; t <= layout.frames(); t++) {
			for (int z = 1; z <= layout.slices(); z++) {
				Tensor in = ImageTensors.toTensor(imp, options.channels(), region, z, t);
				final int base = done;
				Execution e = exec.withProgress((d, total) -> exec.progress().progress(base * total + d, positions * total));
				Tensor out = Conv2d.run(plan, in, e);
				for (int c = 0; c < out.channels(); c++) {
					stack.addSlice("c" + (c + 1) + (positions > 1 ? " z" + z + " t" + t : ""), out.plane(c));
				}
				done++;
			}
		}
		ImagePlus result = ImageTensors.hyperstack(stack, plan.outChannels(), layout.slices(), layout.frames(),
			imp.getShortTitle() + "-conv");
		result.setCalibration(OutputCalibration.of(imp.getCalibration(), plan.x(), plan.y(), region));
		result.setProperty("Info", info(imp, options, plan, kernel, region));
		ConvGeometry.after(imp, plan, region).writeTo(result);
		return new Result(result, plan, kernel, region, method);
	}

	/**
	 * Refuses a run whose output cannot fit in ImageJ's free memory, with the numbers: the output
	 * images, plus one position's input and output tensors and the engine's workspace bound.
	 */
	static void checkMemory(ConvPlan plan, ImageTensors.Layout layout, long workspace) {
		long outBytes = 4L * plan.outChannels() * plan.outputHeight() * plan.outputWidth() * layout.positions();
		long workBytes = 4L * (plan.inChannels() * (long) plan.inputHeight() * plan.inputWidth()
			+ (long) plan.outChannels() * plan.outputHeight() * plan.outputWidth()) + workspace;
		long free = IJ.maxMemory() - IJ.currentMemory();
		long need = outBytes + workBytes;
		if (need > free) {
			throw new IllegalArgumentException(String.format(Locale.ROOT, "the output needs about %d MB (%d channels x %d x %d"
				+ " x %d positions, 32-bit) but ImageJ has only %d MB free; crop the image, use a stride, or raise"
				+ " Edit > Options > Memory & Threads", mb(need), plan.outChannels(), plan.outputWidth(), plan.outputHeight(),
				layout.positions(), mb(free)));
		}
	}

	private static long mb(long bytes) {
		return (bytes + (1 << 20) - 1) >> 20;
	}

	private static String info(ImagePlus imp, ConvOptions options, ConvPlan plan, Kernel kernel, Rectangle region) {
		StringBuilder sb = new StringBuilder();
		sb.append("ConvKit Conv2D\n");
		sb.append("source: ").append(imp.getTitle()).append('\n');
		sb.append("region: x=").append(region.x).append(" y=").append(region.y).append(" width=").append(region.width)
			.append(" height=").append(region.height).append('\n');
		sb.append("options: ").append(options.toOptionString()).append('\n');
		sb.append("kernel shape: ").append(kernel.shapeString()).append('\n');
		sb.append("input: [").append(plan.inChannels()).append(", ").append(plan.inputHeight()).append(", ")
			.append(plan.inputWidth()).append("]  output: ").append(plan.outputShapeString()).append('\n');
		sb.append("padding (l,r,t,b): ").append(plan.x().padLo()).append(',').append(plan.x().padHi()).append(',')
			.append(plan.y().padLo()).append(',').append(plan.y().padHi()).append('\n');
		sb.append("x: ").append(plan.x().formula()).append('\n');
		sb.append("y: ").append(plan.y().formula()).append('\n');
		return sb.toString();
	}
}
