package convkit.image;

import convkit.io.NdArray;
import ij.ImagePlus;
import ij.ImageStack;
import ij.WindowManager;

import java.util.Optional;
import java.util.function.Function;

/**
 * An open image used as a kernel. Pixel values are used as they are; RGB images are refused.
 * <ul>
 * <li>Conv2D: a single image is one 2-D kernel {@code [kH, kW]} (applied to every channel on its
 * own). A stack or hyperstack gives {@code [C_out, C_in/groups, kH, kW]}: its <b>channels</b> are
 * {@code C_in/groups} and its <b>slices</b> (or frames, when it has no slices) are {@code C_out};
 * a plain stack of N slices is therefore {@code [N, 1, kH, kW]}.</li>
 * <li>Conv3D: a plain stack of D slices is one 3-D kernel {@code [kD, kH, kW]} (every channel on
 * its own); a hyperstack gives {@code [C_out, C_in/groups, kD, kH, kW]}: <b>channels</b>
 * {@code C_in/groups}, <b>slices</b> {@code kD}, <b>frames</b> {@code C_out}.</li>
 * </ul>
 */
public final class ImageKernels {

	private ImageKernels() {}

	/** Looks up open images by title as kernels of a convolution of {@code rank} axes. */
	public static Function<String, Optional<NdArray>> lookup(int rank) {
		return title -> byTitle(title).map(imp -> toArray(imp, rank));
	}

	private static Optional<ImagePlus> byTitle(String title) {
		int[] ids = WindowManager.getIDList();
		if (ids == null) return Optional.empty();
		for (int id : ids) {
			ImagePlus imp = WindowManager.getImage(id);
			if (imp != null && title.equals(imp.getTitle())) return Optional.of(imp);
		}
		return Optional.empty();
	}

	/** {@code imp}'s pixels as a Conv2D kernel array (see the class comment). */
	public static NdArray toArray(ImagePlus imp) {
		return toArray(imp, 2);
	}

	/** {@code imp}'s pixels as a kernel array of a convolution of {@code rank} axes (see the class comment). */
	public static NdArray toArray(ImagePlus imp, int rank) {
		if (imp.getType() == ImagePlus.COLOR_RGB) {
			throw new IllegalArgumentException("kernel image '" + imp.getTitle() + "' is RGB; a kernel image must be 8, 16 or"
				+ " 32-bit grayscale");
		}
		int w = imp.getWidth();
		int h = imp.getHeight();
		int c = imp.getNChannels();
		int z = imp.getNSlices();
		int t = imp.getNFrames();
		if (rank == 3) {
			float[] data = new float[t * c * z * h * w];
			for (int o = 0; o < t; o++) {
				for (int ch = 0; ch < c; ch++) {
					for (int d = 0; d < z; d++) copy(imp, imp.getStackIndex(ch + 1, d + 1, o + 1), data, ((o * c + ch) * z + d) * h * w);
				}
			}
			if (c == 1 && t == 1) return NdArray.of(new int[] { z, h, w }, data);
			return NdArray.of(new int[] { t, c, z, h, w }, data);
		}
		if (z > 1 && t > 1) {
			throw new IllegalArgumentException("kernel image '" + imp.getTitle() + "' has both slices (" + z + ") and frames (" + t
				+ "); for Conv2D use channels for C_in/groups and slices for C_out (a 3-D kernel is for Conv3D)");
		}
		int outs = Math.max(z, t);
		float[] data = new float[outs * c * h * w];
		for (int o = 0; o < outs; o++) {
			for (int ch = 0; ch < c; ch++) {
				int index = z > 1 ? imp.getStackIndex(ch + 1, o + 1, 1) : imp.getStackIndex(ch + 1, 1, o + 1);
				copy(imp, index, data, (o * c + ch) * h * w);
			}
		}
		if (outs == 1 && c == 1) return NdArray.of(new int[] { h, w }, data);
		return NdArray.of(new int[] { outs, c, h, w }, data);
	}

	private static void copy(ImagePlus imp, int stackIndex, float[] data, int at) {
		ImageStack stack = imp.getStack();
		float[] px = (float[]) stack.getProcessor(stackIndex).convertToFloatProcessor().getPixels();
		System.arraycopy(px, 0, data, at, px.length);
	}
}
