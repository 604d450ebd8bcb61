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
		int positions = layout.positions();
		int chunk = positionsPerRun(plan, positions);
		ConvPlan batch = plan.batched(chunk);
		if (memoryNeeded(plan, layout, batch, chunk, exec) > freeMemory()) { // batching is a speed-up, not a need
			chunk = 1;
			batch = plan;
		}
		checkMemory(plan, layout, memoryNeeded(plan, layout, batch, chunk, exec));
		String method = Conv2d.algorithmFor(batch, exec.method()).name();

		int[][] order = new int[positions][];
		int i = 0;
		for (int t = 1; t <= layout.frames(); t++) {
			for (int z = 1; z <= layout.slices(); z++) order[i++] = new int[] { z, t };
		}
		ImageStack stack = new ImageStack(plan.outputWidth(), plan.outputHeight());
		for (int first = 0; first < positions; first += chunk) {
			int[][] part = java.util.Arrays.copyOfRange(order, first, Math.min(positions, first + chunk));
			Tensor in = ImageTensors.toTensor(imp, options.channels(), region, part);
			final int before = first;
			final int size = part.length;
			Execution e = exec.withProgress((d, total) -> exec.progress().progress(before * total + d * size, positions * total));
			Tensor out = Conv2d.run(size == chunk ? batch : plan.batched(size), in, e);
			for (int p = 0; p < size; p++) {
				for (int c = 0; c < plan.outChannels(); c++) {
					String position = positions > 1 ? " z" + part[p][0] + " t" + part[p][1] : "";
					stack.addSlice("c" + (c + 1) + position, out.plane(p * plan.outChannels() + c));
				}
			}
		}
		ImagePlus result = ImageTensors.hyperstack(stack, plan.outChannels(), layout.slices(), layout.frames(),
			imp.getShortTitle() + "-conv");
		result.setCalibration(OutputCalibration.of(imp.getCalibration(), plan.x(), plan.y(), region));
		result.setProperty("Info", info(imp, options, plan, kernel, region));
		ConvGeometry.after(imp, plan, region).writeTo(result);
		return new Result(result, plan, kernel, region, method);
	}

	/** Floats of input and output one engine run of a stack may hold (32 MiB): positions are batched up to it. */
	static final long BATCH_FLOATS = 8L << 20;

	/** How many positions one engine run takes: as many as fit {@link #BATCH_FLOATS}, at least one. */
	static int positionsPerRun(ConvPlan plan, int positions) {
		long perPosition = (long) plan.inChannels() * plan.inputHeight() * plan.inputWidth()
			+ (long) plan.outChannels() * plan.outputHeight() * plan.outputWidth();
		return (int) Math.max(1, Math.min(positions, BATCH_FLOATS / perPosition));
	}

	/**
	 * Bytes a run needs: the output images, plus one engine run's input and output tensors
	 * ({@code chunk} positions, planned as {@code batch}) and the engine's workspace bound.
	 */
	static long memoryNeeded(ConvPlan plan, ImageTensors.Layout layout, ConvPlan batch, int chunk, Execution exec) {
		long outBytes = 4L * plan.outChannels() * plan.outputHeight() * plan.outputWidth() * layout.positions();
		long runBytes = 4L * chunk * (plan.inChannels() * (long) plan.inputHeight() * plan.inputWidth()
			+ (long) plan.outChannels() * plan.outputHeight() * plan.outputWidth());
		return outBytes + runBytes + Conv2d.workspaceBytes(batch, exec.method(), exec.threads());
	}

	private static long freeMemory() {
		return IJ.maxMemory() - IJ.currentMemory();
	}

	/** Refuses a run that needs more than ImageJ's free memory, with the numbers. */
	static void checkMemory(ConvPlan plan, ImageTensors.Layout layout, long need) {
		long free = freeMemory();
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
