package convkit.image;

import convkit.engine.Shape;
import convkit.engine.Tensor;
import convkit.options.ChannelMapping;
import convkit.run.PlaneLayout;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;

/**
 * ImagePlus to tensors and back. For Conv2D one tensor {@code [C, H, W]} per (z, t) position, z
 * fastest; for Conv3D one tensor {@code [C, D, H, W]} per frame, the slices as depth. A
 * hyperstack's channels are the input channels; RGB gives 3 channels (R, G, B); 8/16/32-bit
 * values are taken as they are (8 and 16 bits unsigned); a plain stack is independent planes
 * (Conv2D) unless {@link ChannelMapping#SLICES}. The image is only read, never changed.
 */
public final class ImageTensors {

	private ImageTensors() {}

	/** The Conv2D layout of {@code imp} under {@code mapping}. */
	public static PlaneLayout layout(ImagePlus imp, ChannelMapping mapping) {
		return layout(imp, mapping, 2);
	}

	/** The layout {@code imp} has under {@code mapping} for a convolution of {@code rank} axes; refuses mappings that do not fit. */
	public static PlaneLayout layout(ImagePlus imp, ChannelMapping mapping, int rank) {
		return PlaneLayout.of(imp.getTitle(), imp.getNChannels(), imp.getNSlices(), imp.getNFrames(), imp.getType() == ImagePlus.COLOR_RGB,
			mapping, rank);
	}

	/** The shape of each tensor of {@code imp} read over {@code region}. */
	public static Shape shape(PlaneLayout layout, Rectangle region) {
		return Shape.of(layout.rank(), layout.channels(), layout.depth(), region.height, region.width);
	}

	/** The region of {@code roi} (whole image when null) clipped to the image; refuses an empty one. */
	public static Rectangle bounds(ImagePlus imp, Rectangle roi) {
		Rectangle image = new Rectangle(0, 0, imp.getWidth(), imp.getHeight());
		Rectangle r = roi == null ? image : roi.intersection(image);
		if (r.width < 1 || r.height < 1) throw new IllegalArgumentException("the selection " + roi + " lies outside the image");
		return r;
	}

	/** Every Conv2D tensor of {@code imp}, z fastest, restricted to {@code roi} (whole image when null). */
	public static List<Tensor> toTensors(ImagePlus imp, ChannelMapping mapping, Rectangle roi) {
		PlaneLayout layout = layout(imp, mapping);
		List<Tensor> out = new ArrayList<>(layout.positions());
		for (int p = 0; p < layout.positions(); p++) out.add(read(imp, mapping, layout, bounds(imp, roi), p));
		return out;
	}

	/** The Conv2D tensor of position ({@code z}, {@code t}) (1-based), restricted to {@code roi} (whole image when null). */
	public static Tensor toTensor(ImagePlus imp, ChannelMapping mapping, Rectangle roi, int z, int t) {
		PlaneLayout layout = layout(imp, mapping);
		return read(imp, mapping, layout, bounds(imp, roi), (t - 1) * layout.slices() + z - 1);
	}

	/** Position {@code p} (0-based; z fastest for Conv2D, the frame for Conv3D) of {@code imp} as a tensor over {@code region}. */
	public static Tensor read(ImagePlus imp, ChannelMapping mapping, PlaneLayout layout, Rectangle region, int p) {
		if (p < 0 || p >= layout.positions()) throw new IndexOutOfBoundsException("position " + p + " of " + layout.positions());
		int z = p % layout.slices() + 1;
		int t = p / layout.slices() + 1;
		Tensor.Builder b = Tensor.builder(shape(layout, region));
		for (int d = 0; d < layout.depth(); d++) setPlanes(b, imp, mapping, layout, region, d, layout.rank() == 3 ? d + 1 : z, t);
		return b.build();
	}

	/**
	 * Slices {@code zs} (0-based; -1 gives planes of {@code fill}) of frame {@code p} of a Conv3D
	 * {@code layout} as a {@code [C, zs.length, h, w]} tensor over {@code region}: a slab of a
	 * volume, read plane by plane (a virtual stack's planes are loaded as they are asked for).
	 */
	public static Tensor readSlab(ImagePlus imp, ChannelMapping mapping, PlaneLayout layout, Rectangle region, int p, int[] zs,
		float fill)
	{
		if (layout.rank() != 3) throw new IllegalArgumentException("slabs of planes are read for Conv3D only");
		if (p < 0 || p >= layout.positions()) throw new IndexOutOfBoundsException("position " + p + " of " + layout.positions());
		Tensor.Builder b = Tensor.builder(Shape.of(layout.channels(), zs.length, region.height, region.width));
		for (int j = 0; j < zs.length; j++) {
			if (zs[j] >= 0) {
				setPlanes(b, imp, mapping, layout, region, j, zs[j] + 1, p + 1);
				continue;
			}
			float[] filled = new float[region.width * region.height];
			java.util.Arrays.fill(filled, fill);
			for (int ch = 0; ch < layout.channels(); ch++) b.setPlane(ch, j, filled);
		}
		return b.build();
	}

	/** Every channel of {@code slice}, frame {@code t} (1-based) over {@code region} into depth {@code d} of {@code b}. */
	private static void setPlanes(Tensor.Builder b, ImagePlus imp, ChannelMapping mapping, PlaneLayout layout, Rectangle region, int d,
		int slice, int t)
	{
		ImageStack stack = imp.getStack();
		if (imp.getType() == ImagePlus.COLOR_RGB) {
			ColorProcessor cp = (ColorProcessor) stack.getProcessor(imp.getStackIndex(1, slice, t));
			for (int ch = 0; ch < 3; ch++) b.setPlane(ch, d, rgbChannel(cp, ch, region));
			return;
		}
		boolean signed16 = imp.getCalibration().isSigned16Bit();
		for (int ch = 0; ch < layout.channels(); ch++) {
			int index = mapping == ChannelMapping.SLICES ? ch + 1 : imp.getStackIndex(ch + 1, slice, t);
			ImageProcessor ip = stack.getProcessor(index);
			if (signed16) b.setPlane(ch, d, signed16(ip, region)); // the values ImageJ shows, not its stored offsets
			else b.setPlane(ch, d, ip.getPixels(), ip.getWidth(), region.x, region.y);
		}
	}

	/**
	 * A signed 16-bit plane as ImageJ holds it (each value plus 32768, with a calibration that
	 * takes it off) as the signed values it shows and the file holds.
	 */
	private static float[] signed16(ImageProcessor ip, Rectangle r) {
		short[] px = (short[]) ip.getPixels();
		float[] v = new float[r.width * r.height];
		int w = ip.getWidth();
		for (int y = 0; y < r.height; y++) {
			int base = (r.y + y) * w + r.x;
			for (int x = 0; x < r.width; x++) v[y * r.width + x] = (px[base + x] & 0xffff) - 32768;
		}
		return v;
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
	 * A new 32-bit image of Conv2D tensors (one per (z, t), z fastest), as a hyperstack with the
	 * tensors' channels and the given z and t counts.
	 */
	public static ImagePlus toImage(List<Tensor> tensors, int slices, int frames, String title) {
		if (tensors.isEmpty() || tensors.size() != slices * frames) {
			throw new IllegalArgumentException(tensors.size() + " tensors do not make " + slices + " slices x " + frames + " frames");
		}
		Tensor first = tensors.get(0);
		int c = first.channels();
		ImageStack stack = new ImageStack(first.width(), first.height());
		for (Tensor t : tensors) {
			for (int z = 0; z < t.depth(); z++) {
				for (int ch = 0; ch < c; ch++) stack.addSlice(null, t.plane(ch, z));
			}
		}
		return hyperstack(stack, c, slices * first.depth(), frames, title);
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
