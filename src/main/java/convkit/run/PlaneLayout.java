package convkit.run;

import convkit.options.ChannelMapping;

/**
 * How an image's planes are arranged as tensors, whoever read it (ImageJ, or ConvKit's own TIFF
 * readers): channels and depth per tensor, and the positions (z slices for Conv2D, frames). Needs
 * no ImageJ classes. Example: {@code PlaneLayout.of("cells", 3, 1, 1, false, ChannelMapping.AUTO, 2).channels() == 3}.
 */
public final class PlaneLayout {

	private final int rank;
	private final int channels;
	private final int depth;
	private final int slices;
	private final int frames;
	private final int plainStack;

	private PlaneLayout(int rank, int channels, int depth, int slices, int frames, int plainStack) {
		this.rank = rank;
		this.channels = channels;
		this.depth = depth;
		this.slices = slices;
		this.frames = frames;
		this.plainStack = plainStack;
	}

	/** 2 (planes) or 3 (volumes). */
	public int rank() {
		return rank;
	}

	/** Input channels of each tensor. */
	public int channels() {
		return channels;
	}

	/** Depth of each tensor: the image's slices for Conv3D, 1 for Conv2D. */
	public int depth() {
		return depth;
	}

	/** Z positions, each a tensor of its own (Conv2D); 1 for Conv3D, whose slices are depth. */
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

	/**
	 * The slice count of a plain stack of gray planes read one plane per position
	 * ({@code channels=auto}), so a refusal can suggest {@code channels=slices}; 0 otherwise.
	 */
	public int plainStackSize() {
		return plainStack;
	}

	/**
	 * The layout of image {@code title} with {@code c} channels, {@code z} slices and {@code t}
	 * frames ({@code rgb}: one RGB plane per position, read as 3 channels) under {@code mapping}
	 * for a convolution of {@code rank} axes; refuses mappings that do not fit. Needs no ImageJ
	 * classes, so images read without ImageJ are laid out by the same rules.
	 */
	public static PlaneLayout of(String title, int c, int z, int t, boolean rgb, ChannelMapping mapping, int rank) {
		if (rgb && c > 1) {
			throw new IllegalArgumentException("RGB image '" + title + "' has " + c
				+ " channels; an RGB image is read as 3 channels (R, G, B) per plane, so convert it first");
		}
		if (mapping == ChannelMapping.SLICES) {
			if (rank == 3) throw new IllegalArgumentException("channels=slices is for Conv2D; Conv3D reads slices as depth");
			if (c > 1 || rgb) {
				throw new IllegalArgumentException("channels=slices is for a plain stack of gray planes, but '" + title + "' has "
					+ (rgb ? "RGB" : c + " channels") + "; use channels=auto");
			}
			if (z > 1 && t > 1) {
				throw new IllegalArgumentException("channels=slices needs a plain stack, but '" + title + "' has " + z
					+ " slices and " + t + " frames");
			}
			return new PlaneLayout(2, z * t, 1, 1, 1, 0);
		}
		int channels = rgb ? 3 : c;
		int plain = c == 1 && !rgb && (z == 1 || t == 1) ? z * t : 0;
		return rank == 3 ? new PlaneLayout(3, channels, z, 1, t, plain) : new PlaneLayout(2, channels, 1, z, t, plain);
	}
}
