package convkit.ij;

import convkit.engine.Tensor;
import convkit.options.ChannelMapping;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;

/**
 * ImagePlus to tensors and back (DESIGN.md §1): one tensor per (z, t) position; a hyperstack's
 * channels are the input channels; RGB gives 3 channels (R, G, B); 8/16/32-bit values are taken
 * as they are; a plain stack is independent planes unless {@link ChannelMapping#SLICES}.
 * The image is only read, never changed.
 */
public final class ImageTensors {

	private ImageTensors() {}

	/** How an image's planes are arranged as tensors: channels per tensor, and z and t positions. */
	public static final class Layout {

		private final int channels;
		private final int slices;
		private final int frames;

		Layout(int channels, int slices, int frames) {
			this.channels = channels;
			this.slices = slices;
			this.frames = frames;
		}

		/** Input channels of each tensor. */
		public int channels() {
			return channels;
		}

		/** Z positions. */
		public int slices() {
			return slices;
		}

		/** Time positions. */
		public int frames() {
			return frames;
		}

		/** Number of tensors: slices × frames. */
		public int positions() {
			return slices * frames;
		}
	}

	/** The layout {@code imp} has under {@code mapping}; refuses mappings that do not fit. */
	public static Layout layout(ImagePlus imp, ChannelMapping mapping) {
		int c = imp.getNChannels();
		int z = imp.getNSlices();
		int t = imp.getNFrames();
		boolean rgb = imp.getType() == ImagePlus.COLOR_RGB;
		if (rgb && c > 1) {
			throw new IllegalArgumentException("RGB image '" + imp.getTitle() + "' has " + c
				+ " channels; an RGB image is read as 3 channels (R, G, B) per plane, so convert it first");
		}
		if (mapping == ChannelMapping.SLICES) {
			if (c > 1 || rgb) {
				throw new IllegalArgumentException("channels=slices is for a plain stack of gray planes, but '"
					+ imp.getTitle() + "' has " + (rgb ? "RGB" : c + " channels") + "; use channels=auto");
			}
			if (z > 1 && t > 1) {
				throw new IllegalArgumentException("channels=slices needs a plain stack, but '" + imp.getTitle()
					+ "' has " + z + " slices and " + t + " frames");
			}
			return new Layout(imp.getStackSize(), 1, 1);
		}
		return new Layout(rgb ? 3 : c, z, t);
	}

	/**
	 * One tensor per (z, t) position, z fastest, restricted to {@code roi} (or the whole image
	 * when null).
	 */
	public static List<Tensor> toTensors(ImagePlus imp, ChannelMapping mapping, Rectangle roi) {
		Layout layout = layout(imp, mapping);
		List<Tensor> out = new ArrayList<>(layout.positions());
		for (int ti = 1; ti <= layout.frames(); ti++) {
			for (int zi = 1; zi <= layout.slices(); zi++) out.add(toTensor(imp, mapping, roi, zi, ti));
		}
		return out;
	}

	/** The region of {@code roi} (whole image when null) clipped to the image; refuses an empty one. */
	public static Rectangle bounds(ImagePlus imp, Rectangle roi) {
		Rectangle image = new Rectangle(0, 0, imp.getWidth(), imp.getHeight());
		Rectangle r = roi == null ? image : roi.intersection(image);
		if (r.width < 1 || r.height < 1) throw new IllegalArgumentException("the selection " + roi + " lies outside the image");
		return r;
	}

	/** The tensor of position ({@code z}, {@code t}) (1-based), restricted to {@code roi} (whole image when null). */
	public static Tensor toTensor(ImagePlus imp, ChannelMapping mapping, Rectangle roi, int z, int t) {
		return toTensor(imp, mapping, roi, new int[][] { { z, t } });
	}

	/**
	 * The tensors of several positions ({@code {z, t}} pairs, 1-based) stacked along the channel
	 * axis, position-major (what {@link convkit.engine.ConvPlan#batched} takes), restricted to
	 * {@code roi} (whole image when null).
	 */
	public static Tensor toTensor(ImagePlus imp, ChannelMapping mapping, Rectangle roi, int[][] positions) {
		Layout layout = layout(imp, mapping);
		Rectangle r = bounds(imp, roi);
		ImageStack stack = imp.getStack();
		int c = layout.channels();
		Tensor.Builder b = Tensor.builder(c * positions.length, r.height, r.width);
		for (int p = 0; p < positions.length; p++) {
			int z = positions[p][0];
			int t = positions[p][1];
			if (imp.getType() == ImagePlus.COLOR_RGB) {
				ColorProcessor cp = (ColorProcessor) stack.getProcessor(imp.getStackIndex(1, z, t));
				for (int ch = 0; ch < 3; ch++) b.setPlane(p * c + ch, rgbChannel(cp, ch, r));
			}
			else {
				for (int ch = 0; ch < c; ch++) {
					int index = mapping == ChannelMapping.SLICES ? ch + 1 : imp.getStackIndex(ch + 1, z, t);
					ImageProcessor ip = stack.getProcessor(index);
					b.setPlane(p * c + ch, ip.getPixels(), ip.getWidth(), r.x, r.y);
				}
			}
		}
		return b.build();
	}

	private static float[] rgbChannel(ColorProcessor cp, int channel, Rectangle r) {
		int[] px = (int[]) cp.getPixels();
		int shift = 16 - 8 * channel;
		float[] v = new float[r.width * r.height];
		int w = cp.getWidth();
		for (int y = 0; y < r.height; y++) {
			int base = (r.y + y) * w + r.x;
			for (int x = 0; x < r.width; x++) v[y * r.width + x] = (px[base + x] >> shift) & 0xff;
		}
		return v;
	}

	/**
	 * A new 32-bit image of the tensors (one per (z, t), z fastest), as a hyperstack with the
	 * tensors' channels and the given z and t counts; composite with one LUT a channel when there
	 * are several channels.
	 */
	public static ImagePlus toImage(List<Tensor> tensors, int slices, int frames, String title) {
		if (tensors.isEmpty() || tensors.size() != slices * frames) {
			throw new IllegalArgumentException(tensors.size() + " tensors do not make " + slices + " slices x " + frames + " frames");
		}
		Tensor first = tensors.get(0);
		int c = first.channels();
		ImageStack stack = new ImageStack(first.width(), first.height());
		for (Tensor t : tensors) {
			for (int ch = 0; ch < c; ch++) stack.addSlice(null, t.plane(ch));
		}
		return hyperstack(stack, c, slices, frames, title);
	}

	/** Writes {@code imp} (an image or a stack) as TIFF to {@code path}; false when ImageJ could not. */
	public static boolean saveTiff(ImagePlus imp, String path) {
		ij.io.FileSaver saver = new ij.io.FileSaver(imp);
		return imp.getStackSize() > 1 ? saver.saveAsTiffStack(path) : saver.saveAsTiff(path);
	}

	/**
	 * {@code stack} (czt order) as a hyperstack image: composite with one LUT a channel when
	 * there are several channels, each channel's display range fitted to its values.
	 */
	public static ImagePlus hyperstack(ImageStack stack, int c, int slices, int frames, String title) {
		ImagePlus imp = new ImagePlus(title, stack);
		imp.setDimensions(c, slices, frames);
		if (c * slices * frames > 1) imp.setOpenAsHyperStack(true);
		if (c > 1) {
			imp = new ij.CompositeImage(imp, ij.CompositeImage.COMPOSITE);
			imp.setTitle(title);
		}
		for (int ch = 1; ch <= c; ch++) {
			imp.setPositionWithoutUpdate(ch, 1, 1);
			imp.resetDisplayRange();
		}
		imp.setPositionWithoutUpdate(1, 1, 1);
		return imp;
	}
}
