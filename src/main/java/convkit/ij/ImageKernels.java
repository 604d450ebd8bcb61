package convkit.ij;

import convkit.io.NdArray;
import ij.ImagePlus;
import ij.ImageStack;
import ij.WindowManager;

import java.util.Optional;

/**
 * An open image used as a kernel. A single image is one 2-D kernel {@code [kH, kW]} (applied to
 * every channel on its own). A stack or hyperstack gives {@code [C_out, C_in/groups, kH, kW]}:
 * its <b>channels</b> are {@code C_in/groups} and its <b>slices</b> (or frames, when it has no
 * slices) are {@code C_out}. A plain stack of N slices is therefore {@code [N, 1, kH, kW]}.
 * Pixel values are used as they are; RGB images are refused.
 */
public final class ImageKernels {

	private ImageKernels() {}

	/** The open image titled {@code title} as a kernel array, if there is one. */
	public static Optional<NdArray> byTitle(String title) {
		int[] ids = WindowManager.getIDList();
		if (ids == null) return Optional.empty();
		for (int id : ids) {
			ImagePlus imp = WindowManager.getImage(id);
			if (imp != null && title.equals(imp.getTitle())) return Optional.of(toArray(imp));
		}
		return Optional.empty();
	}

	/** {@code imp}'s pixels as a 2-D or 4-D kernel array (see the class comment). */
	public static NdArray toArray(ImagePlus imp) {
		if (imp.getType() == ImagePlus.COLOR_RGB) {
			throw new IllegalArgumentException("kernel image '" + imp.getTitle() + "' is RGB; a kernel image must be 8, 16 or"
				+ " 32-bit grayscale");
		}
		int w = imp.getWidth();
		int h = imp.getHeight();
		int c = imp.getNChannels();
		int z = imp.getNSlices();
		int t = imp.getNFrames();
		if (z > 1 && t > 1) {
			throw new IllegalArgumentException("kernel image '" + imp.getTitle() + "' has both slices (" + z + ") and frames ("
				+ t + "); use channels for C_in/groups and slices for C_out");
		}
		int outs = Math.max(z, t);
		ImageStack stack = imp.getStack();
		float[] data = new float[outs * c * h * w];
		for (int o = 0; o < outs; o++) {
			for (int ch = 0; ch < c; ch++) {
				int index = z > 1 ? imp.getStackIndex(ch + 1, o + 1, 1) : imp.getStackIndex(ch + 1, 1, o + 1);
				float[] px = (float[]) stack.getProcessor(index).convertToFloatProcessor().getPixels();
				System.arraycopy(px, 0, data, (o * c + ch) * h * w, h * w);
			}
		}
		if (outs == 1 && c == 1) return NdArray.of(new int[] { h, w }, data);
		return NdArray.of(new int[] { outs, c, h, w }, data);
	}
}
