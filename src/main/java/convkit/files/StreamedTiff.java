package convkit.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A TIFF stack read one plane (or a band of rows) at a time, so a stack larger than the heap can
 * be convolved: the directories are walked once (where each plane's strips lie), and each plane or
 * band is read from the file when the run asks for it. Takes what ImageJ writes for stacks — uncompressed gray 8-, 16-
 * or 32-bit strips, one directory per plane, or one directory and the planes one after another
 * (ImageJ's layout over 4 GB); other layouts ({@link #open} says empty) are read whole.
 */
final class StreamedTiff {

	/** Where one plane's bytes lie: its strips' offsets and lengths. */
	private static final class Strips {
		final long[] offsets;
		final long[] lengths;

		Strips(long[] offsets, long[] lengths) {
			this.offsets = offsets;
			this.lengths = lengths;
		}
	}

	private final Path file;
	private final ByteOrder order;
	private final int width;
	private final int height;
	private final int bits;
	private final int sampleFormat;
	private final List<Strips> strips;
	/** For ImageJ's one-directory layout: where the first plane starts (planes follow one another); -1 otherwise. */
	private final long contiguousFrom;

	private StreamedTiff(Path file, ByteOrder order, int width, int height, int bits, int sampleFormat, List<Strips> strips,
		long contiguousFrom)
	{
		this.file = file;
		this.order = order;
		this.width = width;
		this.height = height;
		this.bits = bits;
		this.sampleFormat = sampleFormat;
		this.strips = strips;
		this.contiguousFrom = contiguousFrom;
	}

	/**
	 * {@code file}, whose directories {@code all} were read and checked ({@link TiffDirectories#check}),
	 * as an image whose planes are read when asked for, when it is laid out as ImageJ writes stacks
	 * (see the class); empty otherwise (read it whole).
	 */
	static Optional<TiffImage> open(Path file, TiffDirectories all) throws IOException {
		Map<Integer, Object> tags = all.first;
		Map<String, String> description = all.description;
		ByteOrder order = all.order;
		List<Map<Integer, long[]>> dirs = all.dirs;
		Map<Integer, long[]> first = dirs.get(0);
		int width = all.width();
		int height = all.height();
		int bits = all.bits();
		int format = all.format();
		boolean simple = all.compression() == 1 && all.samples() == 1 && !first.containsKey(TiffTags.TILE_WIDTH)
			&& first.containsKey(TiffTags.STRIP_OFFSETS) && first.containsKey(TiffTags.STRIP_BYTES) && width > 0
			&& height > 0 && ((bits == 8 || bits == 16 || bits == 32 || bits == 64) && (format == 1 || format == 2 || format == 3));
		if (!simple) return Optional.empty();
		String name = file.getFileName().toString();
		int promised = TiffReader.images(description, dirs.size());
		List<Strips> strips = new ArrayList<>();
		long contiguousFrom = -1;
		int n;
		if (promised > dirs.size()) { // ImageJ's layout over 4 GB (one directory), or a broken chain: the planes one after another
			contiguousFrom = first.get(TiffTags.STRIP_OFFSETS)[0]; // all of them inside the file: TiffDirectories.check
			n = promised;
		}
		else {
			n = dirs.size();
			for (Map<Integer, long[]> d : dirs) {
				if (value(d, TiffTags.COMPRESSION, 1) != 1 || d.containsKey(TiffTags.TILE_WIDTH)) {
					return Optional.empty(); // pages compressed otherwise: the whole-file reader reads them
				}
				// strips inside the file, holding a whole plane: TiffDirectories.check
				strips.add(new Strips(d.getOrDefault(TiffTags.STRIP_OFFSETS, new long[0]), d.getOrDefault(TiffTags.STRIP_BYTES, new long[0])));
			}
		}
		StreamedTiff t = new StreamedTiff(file, order, width, height, bits, format, strips, contiguousFrom);
		int bitDepth = bits == 8 && format == 1 ? 8 : bits == 16 && format == 1 ? 16 : bits == 32 && format == 3 ? 32 : 0;
		String pixelType = bitDepth > 0 ? bitDepth + "-bit" : all.kind();
		return Optional.of(TiffReader.image(name, width, height, n, false, bitDepth, pixelType, t::plane, t::rows, tags, description));
	}

	/** Plane {@code index} as floats, read from the file now. */
	float[] plane(int index) throws IOException {
		return rows(index, 0, height);
	}

	/**
	 * Rows {@code [y0, y0 + count)} of plane {@code index} as floats, read from the file now: the
	 * plane's bytes are its strips one after another, so the rows are a range of them.
	 */
	float[] rows(int index, int y0, int count) throws IOException {
		if (y0 < 0 || count < 1 || y0 + count > height) throw new IndexOutOfBoundsException("rows " + y0 + "+" + count + " of " + height);
		int rowBytes = width * (bits / 8);
		long from = (long) y0 * rowBytes;
		ByteBuffer b = ByteBuffer.allocate(count * rowBytes).order(order);
		try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
			if (contiguousFrom >= 0) {
				readFully(ch, b, contiguousFrom + (long) index * height * rowBytes + from);
			}
			else {
				Strips s = strips.get(index);
				long at = 0; // where strip i starts in the plane's bytes
				for (int i = 0; i < s.offsets.length && b.hasRemaining(); i++) {
					long end = at + s.lengths[i];
					long start = from + b.position(); // the next byte wanted, in the plane's bytes
					if (start < end) {
						int take = (int) Math.min(end - start, b.remaining());
						b.limit(b.position() + take);
						readFully(ch, b, s.offsets[i] + (start - at));
						b.limit(b.capacity());
					}
					at = end;
				}
			}
		}
		b.flip();
		return samples(b, count * width);
	}

	private void readFully(FileChannel ch, ByteBuffer b, long at) throws IOException {
		long pos = at;
		while (b.hasRemaining()) {
			int r = ch.read(b, pos);
			if (r < 0) throw new IOException("'" + file.getFileName() + "' ended while reading a plane (was it changed during the run?)");
			pos += r;
		}
	}

	private float[] samples(ByteBuffer b, int n) {
		float[] v = new float[n];
		boolean signed = sampleFormat == 2;
		boolean floating = sampleFormat == 3;
		if (bits == 8) {
			for (int i = 0; i < n; i++) v[i] = signed ? b.get(i) : b.get(i) & 0xff;
		}
		else if (bits == 16 && floating) {
			for (int i = 0; i < n; i++) v[i] = halfToFloat(b.getShort(2 * i));
		}
		else if (bits == 16) {
			for (int i = 0; i < n; i++) v[i] = signed ? b.getShort(2 * i) : b.getShort(2 * i) & 0xffff;
		}
		else if (bits == 32 && floating) {
			b.asFloatBuffer().get(v);
		}
		else if (bits == 32) {
			for (int i = 0; i < n; i++) v[i] = signed ? b.getInt(4 * i) : Integer.toUnsignedLong(b.getInt(4 * i));
		}
		else if (floating) {
			for (int i = 0; i < n; i++) v[i] = (float) b.getDouble(8 * i);
		}
		else {
			for (int i = 0; i < n; i++) {
				long x = b.getLong(8 * i);
				v[i] = signed || x >= 0 ? (float) x : (float) (x >>> 1) * 2f; // unsigned 64-bit: halved, rounded, doubled
			}
		}
		return v;
	}

	/** An IEEE 754 half-precision value (as numpy's float16 stores it) as a float, exactly. */
	static float halfToFloat(short h) {
		int bits = h & 0xffff;
		int sign = (bits & 0x8000) << 16;
		int exp = (bits >>> 10) & 0x1f;
		int mant = bits & 0x3ff;
		if (exp == 0x1f) return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13)); // infinities and NaN
		if (exp == 0) { // zero and subnormals: mant · 2^-24
			float m = mant * 0x1p-24f;
			return sign == 0 ? m : -m;
		}
		return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
	}

	private static long value(Map<Integer, long[]> d, int tag, long otherwise) {
		long[] v = d.get(tag);
		return v == null || v.length == 0 ? otherwise : v[0];
	}
}
