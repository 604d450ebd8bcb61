package convkit.files;

import convkit.geometry.SpatialCalibration;

import java.io.IOException;
import java.util.Collections;
import java.util.Map;

/**
 * A TIFF image or (hyper)stack as read without ImageJ ({@link TiffReader}): its planes as floats
 * in ImageJ's stack order (channel fastest, then slice, then frame; an RGB plane gives three
 * channel planes), its calibration, Info and image properties. The planes are either all in
 * memory or read from the file one at a time when asked for ({@link StreamedTiff}: a stack larger
 * than the heap). Immutable after reading.
 */
final class TiffImage {

	/** Reads plane {@code index} in stack order. */
	interface Planes {
		float[] read(int index) throws IOException;
	}

	final String title;
	final int width;
	final int height;
	/** Channels per (slice, frame): the hyperstack's channels, or 3 for RGB. */
	final int channels;
	final int slices;
	final int frames;
	final boolean rgb;
	/** 8, 16 or 32 (an RGB image counts 8, its channels' depth). */
	final int bitDepth;
	final String pixelType;
	private final Planes planes;
	/** Whether the planes are read from the file when asked for (not held in memory). */
	final boolean streamed;
	final SpatialCalibration calibration;
	final Map<String, String> properties;

	TiffImage(String title, int width, int height, int channels, int slices, int frames, boolean rgb, int bitDepth, String pixelType,
		Planes planes, boolean streamed, SpatialCalibration calibration, Map<String, String> properties)
	{
		this.title = title;
		this.width = width;
		this.height = height;
		this.channels = channels;
		this.slices = slices;
		this.frames = frames;
		this.rgb = rgb;
		this.bitDepth = bitDepth;
		this.pixelType = pixelType;
		this.planes = planes;
		this.streamed = streamed;
		this.calibration = calibration;
		this.properties = Collections.unmodifiableMap(properties);
	}

	/** The plane of channel {@code c}, slice {@code z}, frame {@code t} (0-based). */
	float[] plane(int c, int z, int t) throws IOException {
		return plane((t * slices + z) * channels + c);
	}

	/** Plane {@code index} in stack order (0-based). */
	float[] plane(int index) throws IOException {
		return planes.read(index);
	}

	/** Number of planes: channels x slices x frames. */
	int planeCount() {
		return channels * slices * frames;
	}
}
