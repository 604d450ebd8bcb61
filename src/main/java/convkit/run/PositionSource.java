package convkit.run;

import convkit.engine.Shape;
import convkit.engine.Tensor;
import convkit.geometry.OutputGeometry;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a run's inputs come from: one tensor per position (a (z, t) plane of a stack for
 * Conv2D, a frame of a hyperstack for Conv3D, a whole {@code .npy} file), all of one shape.
 * Implemented over an open image, a file, and later a folder or a cluster partition.
 */
public interface PositionSource {

	/** The name outputs are named after and reports show: an image title or a file name. */
	String name();

	/** The file this source reads, if any (so the output policy can refuse writing over it). */
	Optional<Path> file();

	/** The shape of every position's tensor. */
	Shape shape();

	/** Number of positions, at least 1. */
	int positions();

	/** Reads position {@code p} (0-based); positions are read in order. */
	Tensor read(int p) throws IOException;

	/**
	 * Where the tensors' pixels lie in the image the source reads: x, y[, z] of the first pixel
	 * (the corner of a selection), so the output's fields are given in that image's coordinates.
	 */
	int[] offset();

	/** The size of the image the source reads, x, y[, z] (larger than the tensors' when a selection is used). */
	int[] imageSize();

	/** ImageJ's ID of the source image (0 when it is not an open image). */
	int imageId();

	/** The geometry the source carries when it is itself a ConvKit output. */
	Optional<OutputGeometry> geometry();

	/**
	 * Bits per value of the data the source reads, as {@code output_type=same} keeps them: 8
	 * (8-bit, RGB, uint8), 16 (16-bit, uint16) or 32 (float); 0 for a type ConvKit does not write.
	 */
	default int bitDepth() {
		return 32;
	}

	/**
	 * The number of slices when the source is a plain stack of gray planes read one plane per
	 * position ({@code channels=auto}), so a refusal can suggest {@code channels=slices}; 0 otherwise.
	 */
	default int plainStackSize() {
		return 0;
	}

	/**
	 * Whether positions are read from the file as the run asks for them (a stack larger than the
	 * heap), so the output is written as they come and memory holds a batch, not the stack.
	 */
	default boolean streamed() {
		return false;
	}

	/**
	 * Whether {@link #readSlab} reads parts of a position along its slowest axis — planes of a
	 * Conv3D volume, rows of a Conv2D plane — so the runner can convolve a position too large for
	 * memory a slab at a time.
	 */
	default boolean readsSlabs() {
		return false;
	}

	/**
	 * Planes (Conv3D: indices into the depth) or rows (Conv2D: indices into the height) {@code at}
	 * of position {@code p}, every channel, full width: a {@code [C, at.length, H, W]} or
	 * {@code [C, at.length, W]} tensor; -1 gives planes or rows of {@code fill} (constant padding).
	 *
	 * @throws UnsupportedOperationException when {@link #readsSlabs} is false
	 */
	default Tensor readSlab(int p, int[] at, float fill) throws IOException {
		throw new UnsupportedOperationException("'" + name() + "' is not read a slab at a time");
	}

	/**
	 * Whether the source is an array as PyTorch takes it ({@code .npy}), whose depth may be 1 as
	 * any other size; false for images, whose one slice means they are not a z-stack.
	 */
	default boolean isArray() {
		return false;
	}

	/** Whether the source holds PyTorch's batch axis first ({@code [N, C, ...]}), which a {@code .npy} output keeps. */
	default boolean batched() {
		return false;
	}

	/** The calibration of the image read (pixel sizes, unit, origin), which an output file's is derived from; none by default. */
	default convkit.geometry.SpatialCalibration spatialCalibration() {
		return convkit.geometry.SpatialCalibration.NONE;
	}

	/** The z positions among the run's positions (Conv2D: the image's slices; Conv3D: 1), which an output file keeps. */
	default int slices() {
		return 1;
	}

	/** The time positions among the run's positions, which an output file keeps. */
	default int frames() {
		return positions() / slices();
	}

	/** Whether ImageJ read the source (an open image, or a file ImageJ opened): ImageJ then writes its output file. */
	default boolean readByImageJ() {
		return false;
	}

	/** The name of the source's pixel type for messages, e.g. {@code 16-bit} or {@code int32}. */
	default String pixelType() {
		return bitDepth() + "-bit";
	}
}
