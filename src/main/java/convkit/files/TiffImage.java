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

	/** Reads rows {@code [y0, y0 + count)} of plane {@code index}, full width. */
	interface Rows {
		float[] read(int index, int y0, int count) throws IOException;
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
	/** Row reads of a streamed image; null for an image in memory. */
	private final Rows rows;
	/** Whether the planes are read from the file when asked for (not held in memory). */
	final boolean streamed;
	final SpatialCalibration calibration;
	final Map<String, String> properties;

	TiffImage(String title, int width, int height, int channels, int slices, int frames, boolean rgb, int bitDepth, String pixelType,
		Planes planes, Rows rows, SpatialCalibration calibration, Map<String, String> properties)
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
		this.rows = rows;
		this.streamed = rows != null;
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

	/** Rows {@code [y0, y0 + count)} of plane {@code index}: read from the file (streamed) or copied from memory. */
	float[] rows(int index, int y0, int count) throws IOException {
		if (rows != null) return rows.read(index, y0, count);
		float[] all = plane(index);
		return java.util.Arrays.copyOfRange(all, y0 * width, (y0 + count) * width);
	}

	/** Number of planes: channels x slices x frames. */
	int planeCount() {
		return channels * slices * frames;
	}
}
