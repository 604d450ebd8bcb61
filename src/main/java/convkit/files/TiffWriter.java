package convkit.files;

import convkit.geometry.SpatialCalibration;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a hyperstack as ImageJ writes one — uncompressed big-endian TIFF, the planes contiguous
 * after the first directory, ImageJ's ImageDescription (images, channels, slices, frames, unit,
 * spacing, origin, display range), XResolution/YResolution, and ImageJ's metadata tags with the
 * Info, the slice labels and the image properties — without ImageJ, so the command line writes
 * the same files whether or not ImageJ is installed beside it. ImageJ and Fiji open them as their
 * own (the tests read them back with ImageJ).
 */
final class TiffWriter {

	private static final long LIMIT = 0xffffffffL;

	private final int width;
	private final int height;
	private final int channels;
	private final int slices;
	private final int frames;
	private final int bits;
	private final int planeCount;
	private final double[] displayRange;
	private final List<String> labels;
	private final SpatialCalibration calibration;
	private final String info;
	private final Map<String, String> properties;
	/** Made once: ImageJ's description, and the metadata entries with their byte counts. */
	private final byte[] description;
	private final List<String> metaStrings;
	private final long[] metaCounts;
	private final long metaDataLength;

	/**
	 * A writer of {@code planeCount} planes ({@code bits} 8, 16, 32; channel fastest, then slice,
	 * then frame) with their {@code labels}; {@code displayRange} is the first plane's
	 * {@code {min, max}} (ImageJ shows the first channel so), see {@link #displayRange(Object)}.
	 */
	TiffWriter(int width, int height, int channels, int slices, int frames, int bits, int planeCount, double[] displayRange,
		List<String> labels, SpatialCalibration calibration, String info, Map<String, String> properties)
	{
		if (planeCount != channels * slices * frames) {
			throw new IllegalArgumentException(planeCount + " planes do not make " + channels + " x " + slices + " x " + frames);
		}
		this.width = width;
		this.height = height;
		this.channels = channels;
		this.slices = slices;
		this.frames = frames;
		this.bits = bits;
		this.planeCount = planeCount;
		this.displayRange = displayRange.clone();
		this.labels = labels;
		this.calibration = calibration;
		this.info = info;
		this.properties = properties;
		this.description = makeDescription();
		this.metaStrings = makeMetaStrings();
		this.metaCounts = makeMetaCounts();
		long n = 0;
		for (long c : metaCounts) n += c;
		this.metaDataLength = n;
	}

	/** Bytes the file will take (either layout). */
	long size() {
		return 8 + directorySize(true) + extraSize() + imageBytes() * planeCount + (planeCount - 1L) * directorySize(false);
	}

	/** Refuses, before anything is written, a file over the 4 GB a classic TIFF's offsets reach. */
	void checkSize() {
		checkSize(size(), bits);
	}

	/**
	 * Refuses a TIFF of {@code total} bytes, over the 4 GB a classic TIFF's offsets reach; the way
	 * out names 8/16-bit results only when the result is not already {@code bits} 8 or 16.
	 */
	static void checkSize(long total, int bits) {
		if (total > LIMIT) {
			throw new IllegalArgumentException("the result would be a TIFF of " + (total >> 20) + " MB, more than the 4 GB a classic TIFF"
				+ " holds; convolve the stack in parts (substacks), use a stride" + (bits == 32 ? ", or write 8/16-bit (output_type=same)"
				: "") + ", or write .npy");
		}
	}

	/** Bytes of one plane. */
	long imageBytes() {
		return (long) width * height * (bits / 8);
	}

	private int entries(boolean first) {
		int n = 12; // subfile type, width, length, bits, compression, photometric, offsets, samples, rows, counts, xres, yres
		n += 1; // resolution unit
		if (bits == 32) n++; // sample format
		if (first) n += 3; // description, metadata counts, metadata
		return n;
	}

	private long directorySize(boolean first) {
		return 2 + 12L * entries(first) + 4;
	}

	private long extraSize() {
		return description.length + 16 + 4L * metaCounts.length + metaDataLength;
	}

	/**
	 * Writes the file to {@code os} (not closed) with {@code planes} (byte[], short[] or float[]),
	 * as ImageJ lays it out: the first directory, description and metadata, the planes, the other
	 * directories.
	 */
	void write(OutputStream os, List<Object> planes) throws IOException {
		checkSize();
		if (planes.size() != planeCount) throw new IllegalArgumentException(planes.size() + " planes, not " + planeCount);
		DataOutputStream out = new DataOutputStream(new BufferedOutputStream(os, 1 << 16));
		long first = 8;
		long dataAt = first + directorySize(true) + extraSize();
		out.writeBytes("MM");
		out.writeShort(42);
		out.writeInt((int) first);
		long resolutionAt = writeFirst(out, first, dataAt, dataAt + imageBytes() * planeCount);
		for (Object p : planes) writePlane(out, p);
		writeOthers(out, dataAt, dataAt + imageBytes() * planeCount, resolutionAt);
		out.flush();
	}

	/** Where the planes start in a streamed file: right after the 8-byte header. */
	static final long STREAMED_DATA_AT = 8;

	/**
	 * The 8-byte header of a streamed file, whose planes follow it as they are made and whose
	 * directories come after them ({@link #writeTrailer}; the header's first-directory offset is
	 * set then, see {@link #trailerAt()}).
	 */
	static void writeStreamedHeader(DataOutputStream out) throws IOException {
		out.writeBytes("MM");
		out.writeShort(42);
		out.writeInt(0);
	}

	/** Where a streamed file's first directory goes: after all planes. */
	long trailerAt() {
		return STREAMED_DATA_AT + imageBytes() * planeCount;
	}

	/** Writes a streamed file's directories, description and metadata (at {@link #trailerAt()}, after the planes). */
	void writeTrailer(OutputStream os) throws IOException {
		DataOutputStream out = new DataOutputStream(new BufferedOutputStream(os, 1 << 16));
		long first = trailerAt();
		long resolutionAt = writeFirst(out, first, STREAMED_DATA_AT, first + directorySize(true) + extraSize());
		writeOthers(out, STREAMED_DATA_AT, first + directorySize(true) + extraSize(), resolutionAt);
		out.flush();
	}

	/** The first directory at {@code first}, then its description, resolution and metadata; returns where the resolution lies. */
	private long writeFirst(DataOutputStream out, long first, long dataAt, long nextAt) throws IOException {
		long[] counts = metaCounts;
		long descriptionAt = first + directorySize(true);
		long resolutionAt = descriptionAt + description.length;
		long countsAt = resolutionAt + 16;
		long metaAt = countsAt + 4L * counts.length;
		directory(out, true, dataAt, planeCount > 1 ? nextAt : 0, descriptionAt, description.length, resolutionAt, countsAt,
			counts.length, metaAt);
		out.write(description);
		long[] x = rational(1 / calibration.pixelWidth());
		long[] y = rational(1 / calibration.pixelHeight());
		out.writeInt((int) x[0]);
		out.writeInt((int) x[1]);
		out.writeInt((int) y[0]);
		out.writeInt((int) y[1]);
		for (long c : counts) out.writeInt((int) c);
		writeMetaData(out);
		return resolutionAt;
	}

	/** The directories of planes 2.. (starting at {@code nextAt}), pointing at the planes from {@code dataAt}. */
	private void writeOthers(DataOutputStream out, long dataAt, long nextAt, long resolutionAt) throws IOException {
		for (int i = 1; i < planeCount; i++) {
			long next = i + 1 < planeCount ? nextAt + i * directorySize(false) : 0;
			directory(out, false, dataAt + i * imageBytes(), next, 0, 0, resolutionAt, 0, 0, 0);
		}
	}

	private void directory(DataOutputStream out, boolean first, long data, long next, long descriptionAt, int descriptionLength,
		long resolutionAt, long countsAt, int nCounts, long metaAt) throws IOException
	{
		out.writeShort(entries(first));
		entry(out, 254, 4, 1, 0);
		entry(out, TiffTags.WIDTH, TiffTags.LONG, 1, width);
		entry(out, TiffTags.LENGTH, TiffTags.LONG, 1, height);
		entry(out, TiffTags.BITS, TiffTags.SHORT, 1, bits);
		entry(out, TiffTags.COMPRESSION, TiffTags.SHORT, 1, 1);
		entry(out, TiffTags.PHOTOMETRIC, TiffTags.SHORT, 1, 1);
		if (first) entry(out, TiffTags.DESCRIPTION, TiffTags.ASCII, descriptionLength, descriptionAt);
		entry(out, TiffTags.STRIP_OFFSETS, TiffTags.LONG, 1, data);
		entry(out, TiffTags.SAMPLES, TiffTags.SHORT, 1, 1);
		entry(out, TiffTags.ROWS_PER_STRIP, TiffTags.LONG, 1, height);
		entry(out, TiffTags.STRIP_BYTES, TiffTags.LONG, 1, imageBytes());
		entry(out, TiffTags.X_RESOLUTION, TiffTags.RATIONAL, 1, resolutionAt);
		entry(out, TiffTags.Y_RESOLUTION, TiffTags.RATIONAL, 1, resolutionAt + 8);
		String unit = calibration.unit();
		entry(out, TiffTags.RESOLUTION_UNIT, TiffTags.SHORT, 1, unit.equals("inch") ? 2 : unit.equals("cm") ? 3 : 1);
		if (bits == 32) entry(out, TiffTags.SAMPLE_FORMAT, TiffTags.SHORT, 1, 3);
		if (first) {
			entry(out, TiffTags.META_DATA_BYTE_COUNTS, TiffTags.LONG, nCounts, countsAt);
			entry(out, TiffTags.META_DATA, TiffTags.BYTE, (int) metaDataLength, metaAt);
		}
		out.writeInt((int) next);
	}

	private static void entry(DataOutputStream out, int tag, int type, int count, long value) throws IOException {
		out.writeShort(tag);
		out.writeShort(type);
		out.writeInt(count);
		if (type == 3 && count == 1) {
			out.writeShort((int) value);
			out.writeShort(0);
		}
		else {
			out.writeInt((int) value);
		}
	}

	private static long[] rational(double v) {
		double scale = v > 1000 ? 1000 : 1000000;
		return new long[] { (long) (v * scale), (long) scale };
	}

	/** Writes one plane (byte[], short[] or float[]) big-endian. */
	static void writePlane(DataOutputStream out, Object p) throws IOException {
		if (p instanceof byte[]) {
			out.write((byte[]) p);
		}
		else if (p instanceof short[]) {
			for (short s : (short[]) p) out.writeShort(s);
		}
		else {
			for (float f : (float[]) p) out.writeFloat(f);
		}
	}

	/** ImageJ's ImageDescription, NUL-terminated. */
	private byte[] makeDescription() {
		StringBuilder sb = new StringBuilder("ImageJ=1.54p\n");
		sb.append("images=").append(planeCount).append('\n');
		if (channels > 1) sb.append("channels=").append(channels).append('\n');
		if (slices > 1) sb.append("slices=").append(slices).append('\n');
		if (frames > 1) sb.append("frames=").append(frames).append('\n');
		if (channels > 1 || frames > 1) sb.append("hyperstack=true\n");
		if (channels > 1) sb.append("mode=composite\n");
		if (calibration.isCalibrated()) {
			sb.append("unit=").append(escape(calibration.unit())).append('\n');
			if (slices > 1 && calibration.pixelDepth() != 1) sb.append("spacing=").append(calibration.pixelDepth()).append('\n');
			if (calibration.xOrigin() != 0) sb.append("xorigin=").append(calibration.xOrigin()).append('\n');
			if (calibration.yOrigin() != 0) sb.append("yorigin=").append(calibration.yOrigin()).append('\n');
			if (calibration.zOrigin() != 0) sb.append("zorigin=").append(calibration.zOrigin()).append('\n');
		}
		sb.append("loop=false\n");
		if (bits != 8) {
			double[] range = displayRange;
			sb.append(String.format(Locale.ROOT, "min=%s%nmax=%s%n", range[0], range[1]).replace("\r", ""));
		}
		sb.append('\0');
		return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
	}

	private static String escape(String s) {
		StringBuilder sb = new StringBuilder();
		for (char c : s.toCharArray()) {
			if (c < 128 && c != '\n') sb.append(c);
			else sb.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
		}
		return sb.toString();
	}

	/** The finite {@code {min, max}} of {@code plane} (short[] or float[]; {0, 0} for byte[] or none finite). */
	static double[] displayRange(Object plane) {
		double min = Double.POSITIVE_INFINITY;
		double max = Double.NEGATIVE_INFINITY;
		int n = plane instanceof short[] ? ((short[]) plane).length : plane instanceof float[] ? ((float[]) plane).length : 0;
		for (int i = 0; i < n; i++) {
			double v = plane instanceof short[] ? ((short[]) plane)[i] & 0xffff : ((float[]) plane)[i];
			if (!Double.isFinite(v)) continue;
			min = Math.min(min, v);
			max = Math.max(max, v);
		}
		return min <= max ? new double[] { min, max } : new double[] { 0, 0 };
	}

	/** The metadata entries: Info, the slice labels, then each property's key and value. */
	private List<String> makeMetaStrings() {
		List<String> s = new ArrayList<>();
		if (info != null) s.add(info);
		s.addAll(labels);
		for (Map.Entry<String, String> e : properties.entrySet()) {
			s.add(e.getKey());
			s.add(e.getValue());
		}
		return s;
	}

	private int metaTypes() {
		return (info != null ? 1 : 0) + (labels.isEmpty() ? 0 : 1) + (properties.isEmpty() ? 0 : 1);
	}

	/** ImageJ's MetaDataByteCounts: the header's size, then each entry's. */
	private long[] makeMetaCounts() {
		List<String> s = metaStrings;
		long[] c = new long[1 + s.size()];
		c[0] = 4 + 8L * metaTypes();
		for (int i = 0; i < s.size(); i++) c[i + 1] = 2L * s.get(i).length();
		return c;
	}

	private void writeMetaData(DataOutputStream out) throws IOException {
		out.writeInt(TiffTags.MAGIC_IJIJ);
		if (info != null) {
			out.writeInt(TiffTags.TYPE_INFO);
			out.writeInt(1);
		}
		if (!labels.isEmpty()) {
			out.writeInt(TiffTags.TYPE_LABELS);
			out.writeInt(labels.size());
		}
		if (!properties.isEmpty()) {
			out.writeInt(TiffTags.TYPE_PROPERTIES);
			out.writeInt(2 * properties.size());
		}
		for (String s : metaStrings) out.writeChars(s);
	}
}
