package convkit.files;

import convkit.geometry.SpatialCalibration;
import convkit.io.Heap;

import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads a TIFF (or PNG, JPEG, BMP, GIF) without ImageJ, for the command line where ImageJ is not
 * installed beside the jar: the pixels through Java's own image readers (every TIFF compression
 * Java reads: none, LZW, Deflate, PackBits, JPEG; strips and tiles), and from the first TIFF
 * directory what ImageJ writes there — the hyperstack layout, calibration and unit in the
 * ImageDescription, XResolution/YResolution, and the Info, slice labels and image properties in
 * ImageJ's metadata tags — so a ConvKit output read back composes its geometry as in ImageJ.
 * Gray 8/16/32-bit (unsigned, signed and float samples) and RGB are read; other layouts are
 * refused with the reason.
 */
final class TiffReader {

	private TiffReader() {}

	/** Whether {@code file} is named as a TIFF. */
	static boolean isTiff(Path file) {
		String n = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
		return n.endsWith(".tif") || n.endsWith(".tiff");
	}

	/** Reads {@code file}; refuses what it cannot read with the reason. */
	static TiffImage read(Path file) throws IOException {
		if (!isTiff(file)) return read(file, new HashMap<>(), new HashMap<>());
		TiffDirectories dirs = TiffDirectories.read(file);
		return read(file, dirs.first, dirs.description);
	}

	/**
	 * Reads {@code file} whose first directory's ImageJ tags are {@code tags} and ImageJ
	 * {@code description} (both empty for other formats).
	 */
	static TiffImage read(Path file, Map<Integer, Object> tags, Map<String, String> description) throws IOException {
		String name = file.getFileName().toString();
		try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
			if (in == null) throw new IllegalArgumentException("input '" + file + "' cannot be read");
			Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
			if (!readers.hasNext()) {
				throw new IllegalArgumentException("input '" + file + "' is not an image this command line reads without ImageJ (TIFF,"
					+ " PNG, JPEG, BMP, GIF) nor a .npy file; put ImageJ (ij.jar) beside the jar for more formats");
			}
			ImageReader reader = readers.next();
			try {
				reader.setInput(in, false, true);
				int n = reader.getNumImages(true);
				int promised = images(description, n);
				if (promised > n) {
					throw new IllegalArgumentException("'" + name + "' holds " + promised + " images in one directory (ImageJ's layout for"
						+ " stacks over 4 GB); read it with ImageJ/Fiji (ij.jar beside the jar)");
				}
				return read(reader, n, name, tags, description);
			}
			finally {
				reader.dispose();
			}
		}
		catch (javax.imageio.IIOException e) {
			throw new IllegalArgumentException("input '" + file + "' could not be read as an image: " + e.getMessage(), e);
		}
	}

	private static TiffImage read(ImageReader reader, int n, String name, Map<Integer, Object> tags, Map<String, String> description)
		throws IOException
	{
		int width = reader.getWidth(0);
		int height = reader.getHeight(0);
		Raster first = reader.read(0).getRaster(); // Java's TIFF reader reads no bare rasters; the image keeps the raw samples
		int bands = first.getNumBands();
		int type = first.getSampleModel().getDataType();
		boolean rgb = bands == 3 || bands == 4;
		if (bands != 1 && !(rgb && type == DataBuffer.TYPE_BYTE)) {
			throw new IllegalArgumentException("'" + name + "' has " + bands + " samples per pixel of " + first.getSampleModel()
				.getSampleSize(0) + " bits; allowed are gray (8, 16, 32 bits) and 8-bit RGB");
		}
		int perImage = rgb ? 3 : 1;
		Heap.checkRoom(4L * width * height * n * perImage, "'" + name + "' (" + n + " images of " + width + " x " + height + ")");
		float[][] planes = new float[n * perImage][];
		for (int i = 0; i < n; i++) {
			Raster r = i == 0 ? first : reader.read(i).getRaster();
			if (r.getWidth() != width || r.getHeight() != height || r.getNumBands() != bands) {
				throw new IllegalArgumentException("'" + name + "': image " + (i + 1) + " is " + r.getWidth() + " x " + r.getHeight()
					+ ", the first " + width + " x " + height + "; a stack's images must agree");
			}
			for (int b = 0; b < perImage; b++) planes[i * perImage + b] = r.getSamples(0, 0, width, height, b, (float[]) null);
			if (first.getSampleModel().getSampleSize(0) == 1) { // 1-bit: 0 and 255, as ImageJ reads it
				for (int b = 0; b < perImage; b++) {
					float[] p = planes[i * perImage + b];
					for (int k = 0; k < p.length; k++) p[k] *= 255;
				}
			}
		}
		int bitDepth = rgb || type == DataBuffer.TYPE_BYTE ? 8 : type == DataBuffer.TYPE_USHORT ? 16 : type == DataBuffer.TYPE_FLOAT
			|| type == DataBuffer.TYPE_DOUBLE ? 32 : 0;
		String pixelType = rgb ? "RGB" : bitDepth > 0 ? bitDepth + "-bit" : type == DataBuffer.TYPE_SHORT ? "16-bit signed" : "32-bit integer";
		return image(name, width, height, n, rgb, bitDepth, pixelType, i -> planes[i], null, tags, description);
	}

	/**
	 * The image of {@code n} directories of {@code width x height} and its layout, calibration and
	 * properties from the first directory's {@code tags} and ImageJ {@code description}; the
	 * pixels come from {@code planes}, and for an image read from the file when asked for, its rows
	 * from {@code rows} (null for an image in memory).
	 */
	static TiffImage image(String name, int width, int height, int n, boolean rgb, int bitDepth, String pixelType, TiffImage.Planes planes,
		TiffImage.Rows rows, Map<Integer, Object> tags, Map<String, String> description)
	{
		int c = integer(description, "channels", 1);
		int z = integer(description, "slices", 1);
		int t = integer(description, "frames", 1);
		if ((long) c * z * t != n || rgb && c != 1) { // no (or another) layout: a plain stack
			c = 1;
			z = n;
			t = 1;
		}
		Map<String, String> properties = new LinkedHashMap<>();
		metaData(tags, properties);
		return new TiffImage(name, width, height, rgb ? 3 : c, z, t, rgb, bitDepth, pixelType, planes, rows,
			calibration(tags, description), properties);
	}

	/** The number of images ImageJ's {@code description} promises, or {@code otherwise}. */
	static int images(Map<String, String> description, int otherwise) {
		return integer(description, "images", otherwise);
	}

	private static int integer(Map<String, String> d, String key, int otherwise) {
		try {
			return d.containsKey(key) ? Integer.parseInt(d.get(key)) : otherwise;
		}
		catch (NumberFormatException e) {
			return otherwise;
		}
	}

	private static double number(Map<String, String> d, String key, double otherwise) {
		try {
			return d.containsKey(key) ? Double.parseDouble(d.get(key)) : otherwise;
		}
		catch (NumberFormatException e) {
			return otherwise;
		}
	}

	private static SpatialCalibration calibration(Map<Integer, Object> tags, Map<String, String> d) {
		String unit = d.get("unit");
		double pw = 1 / resolution(tags.get(TiffTags.X_RESOLUTION));
		double ph = tags.containsKey(TiffTags.Y_RESOLUTION) ? 1 / resolution(tags.get(TiffTags.Y_RESOLUTION)) : pw;
		if (unit == null) {
			Object u = tags.get(TiffTags.RESOLUTION_UNIT);
			int code = u instanceof long[] ? (int) ((long[]) u)[0] : 0;
			if (code == 1 && (pw != 1 || ph != 1)) { // no unit, but a pixel size: ImageJ takes the size, unit-less
				return SpatialCalibration.of(pw, ph, 1, "pixel", 0, 0, 0);
			}
			unit = code == 2 ? "inch" : code == 3 ? "cm" : null;
		}
		if (unit == null || unit.equals("pixel")) return SpatialCalibration.NONE;
		return SpatialCalibration.of(pw, ph, number(d, "spacing", 1), unit, number(d, "xorigin", 0), number(d, "yorigin", 0),
			number(d, "zorigin", 0));
	}

	private static double resolution(Object rational) {
		if (!(rational instanceof long[]) || ((long[]) rational).length < 2) return 1;
		long[] r = (long[]) rational;
		double v = r[1] == 0 ? 0 : (double) r[0] / r[1];
		return v > 0 ? v : 1;
	}

	/** ImageJ's Info and image properties (keys {@code Info} and the property names) from its metadata tags. */
	private static void metaData(Map<Integer, Object> tags, Map<String, String> out) {
		Object countsTag = tags.get(TiffTags.META_DATA_BYTE_COUNTS);
		Object dataTag = tags.get(TiffTags.META_DATA);
		if (!(countsTag instanceof long[]) || !(dataTag instanceof byte[])) return;
		long[] counts = (long[]) countsTag;
		ByteBuffer data = ByteBuffer.wrap((byte[]) dataTag).order((ByteOrder) tags.get(-1));
		if (counts.length < 1 || data.remaining() < 4 || data.getInt(0) != TiffTags.MAGIC_IJIJ) return;
		int types = (int) ((counts[0] - 4) / 8);
		int entry = 1;
		int at = (int) counts[0];
		for (int i = 0; i < types; i++) {
			int type = data.getInt(4 + 8 * i);
			int count = data.getInt(8 + 8 * i);
			String key = null;
			for (int k = 0; k < count && entry < counts.length; k++, entry++) {
				int len = (int) counts[entry];
				if (at + len > data.limit()) return;
				String text = utf16(data, at, len);
				at += len;
				if (type == TiffTags.TYPE_INFO) out.put("Info", text);
				else if (type == TiffTags.TYPE_PROPERTIES) {
					if (key == null) key = text;
					else {
						out.put(key, text);
						key = null;
					}
				}
			}
		}
	}

	private static String utf16(ByteBuffer b, int at, int len) {
		char[] c = new char[len / 2];
		for (int i = 0; i < c.length; i++) c[i] = b.getChar(at + 2 * i);
		return new String(c);
	}
}
