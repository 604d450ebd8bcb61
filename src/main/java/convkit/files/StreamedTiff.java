package convkit.files;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A TIFF stack read one plane (or a band of rows) at a time, so a stack larger than the heap can
 * be convolved: the directories are walked once (where each plane's strips lie), and each plane or
 * band is read from the file when the run asks for it. Takes what ImageJ writes for stacks — uncompressed gray 8-, 16-
 * or 32-bit strips, one directory per plane, or one directory and the planes one after another
 * (ImageJ's layout over 4 GB); other layouts ({@link #open} says empty) are read whole.
 */
final class StreamedTiff {

	private static final int WIDTH = 256;
	private static final int LENGTH = 257;
	private static final int BITS = 258;
	private static final int COMPRESSION = 259;
	private static final int STRIP_OFFSETS = 273;
	private static final int SAMPLES = 277;
	private static final int STRIP_BYTES = 279;
	private static final int TILE_WIDTH = 322;
	private static final int SAMPLE_FORMAT = 339;
	private static final int MAX_DIRECTORIES = 1 << 24;

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
	 * {@code file} as an image whose planes are read when asked for, when it is laid out as ImageJ
	 * writes stacks (see the class); empty otherwise (read it whole).
	 *
	 * @throws IllegalArgumentException when the file is cut short (a plane lies past its end)
	 */
	static Optional<TiffImage> open(Path file) throws IOException {
		Map<Integer, Object> tags = TiffReader.firstDirectory(file);
		ByteOrder order = (ByteOrder) tags.get(-1);
		List<Map<Integer, long[]>> dirs = directories(file, order);
		Map<Integer, long[]> first = dirs.get(0);
		int width = (int) value(first, WIDTH, 0);
		int height = (int) value(first, LENGTH, 0);
		int bits = (int) value(first, BITS, 1);
		int format = (int) value(first, SAMPLE_FORMAT, 1);
		boolean simple = value(first, COMPRESSION, 1) == 1 && value(first, SAMPLES, 1) == 1 && !first.containsKey(TILE_WIDTH)
			&& first.containsKey(STRIP_OFFSETS) && first.containsKey(STRIP_BYTES) && width > 0 && height > 0
			&& (bits == 8 || bits == 16 || bits == 32 && (format == 1 || format == 2 || format == 3));
		if (!simple) return Optional.empty();
		Map<String, String> description = TiffReader.description(tags);
		long planeBytes = (long) width * height * (bits / 8);
		long length = file.toFile().length();
		String name = file.getFileName().toString();
		int promised = TiffReader.images(description, dirs.size());
		List<Strips> strips = new ArrayList<>();
		long contiguousFrom = -1;
		int n;
		if (dirs.size() == 1 && promised > 1) { // ImageJ's layout over 4 GB: one directory, the planes one after another
			contiguousFrom = first.get(STRIP_OFFSETS)[0];
			n = promised;
			if (contiguousFrom + n * planeBytes > length) throw cutShort(file, n, planeBytes, length - contiguousFrom);
		}
		else {
			n = dirs.size();
			for (Map<Integer, long[]> d : dirs) {
				if (value(d, WIDTH, 0) != width || value(d, LENGTH, 0) != height || value(d, BITS, 1) != bits
					|| value(d, COMPRESSION, 1) != 1 || value(d, SAMPLE_FORMAT, 1) != format || d.containsKey(TILE_WIDTH)) {
					return Optional.empty(); // images of different kinds: the whole-file reader says what is wrong
				}
				Strips s = new Strips(d.getOrDefault(STRIP_OFFSETS, new long[0]), d.getOrDefault(STRIP_BYTES, new long[0]));
				long total = 0;
				for (int i = 0; i < s.offsets.length && i < s.lengths.length; i++) {
					total += s.lengths[i];
					if (s.offsets[i] + s.lengths[i] > length) throw cutShort(file, n, planeBytes, length);
				}
				if (total < planeBytes) throw cutShort(file, n, planeBytes, length);
				strips.add(s);
			}
		}
		StreamedTiff t = new StreamedTiff(file, order, width, height, bits, format, strips, contiguousFrom);
		int bitDepth = bits == 8 ? 8 : bits == 16 && format != 2 ? 16 : bits == 32 && format == 3 ? 32 : 0;
		String pixelType = bitDepth > 0 ? bitDepth + "-bit" : bits == 16 ? "16-bit signed" : "32-bit integer";
		return Optional.of(TiffReader.image(name, width, height, n, false, bitDepth, pixelType, t::plane, t::rows, tags, description));
	}

	private static IllegalArgumentException cutShort(Path file, int n, long planeBytes, long have) {
		return new IllegalArgumentException("input '" + file + "' is cut short: " + n + " planes of " + planeBytes
			+ " bytes do not fit in its " + have + " bytes (an interrupted copy or download?)");
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
		if (bits == 8) {
			for (int i = 0; i < n; i++) v[i] = signed ? b.get(i) : b.get(i) & 0xff;
		}
		else if (bits == 16) {
			for (int i = 0; i < n; i++) v[i] = signed ? b.getShort(2 * i) : b.getShort(2 * i) & 0xffff;
		}
		else if (sampleFormat == 3) {
			b.asFloatBuffer().get(v);
		}
		else {
			for (int i = 0; i < n; i++) v[i] = signed ? b.getInt(4 * i) : Integer.toUnsignedLong(b.getInt(4 * i));
		}
		return v;
	}

	private static long value(Map<Integer, long[]> d, int tag, long otherwise) {
		long[] v = d.get(tag);
		return v == null || v.length == 0 ? otherwise : v[0];
	}

	/** Every directory's numeric tags (SHORT and LONG values), in file order. */
	private static List<Map<Integer, long[]>> directories(Path file, ByteOrder order) throws IOException {
		List<Map<Integer, long[]>> dirs = new ArrayList<>();
		Set<Long> seen = new HashSet<>();
		try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
			long length = f.length();
			byte[] head = new byte[8];
			f.readFully(head);
			long ifd = Integer.toUnsignedLong(ByteBuffer.wrap(head).order(order).getInt(4));
			while (ifd != 0 && dirs.size() < MAX_DIRECTORIES) {
				if (!seen.add(ifd) || ifd + 2 > length) break; // a loop or a pointer past the end: the directories end here
				f.seek(ifd);
				byte[] nb = new byte[2];
				f.readFully(nb);
				int entries = ByteBuffer.wrap(nb).order(order).getShort() & 0xffff;
				if (ifd + 2 + 12L * entries + 4 > length) break;
				byte[] raw = new byte[12 * entries + 4];
				f.readFully(raw);
				ByteBuffer d = ByteBuffer.wrap(raw).order(order);
				Map<Integer, long[]> tags = new HashMap<>();
				for (int e = 0; e < entries; e++) {
					int tag = d.getShort(12 * e) & 0xffff;
					int type = d.getShort(12 * e + 2) & 0xffff;
					long count = Integer.toUnsignedLong(d.getInt(12 * e + 4));
					if ((type != 3 && type != 4) || count == 0 || count > 1 << 24) continue;
					int size = type == 3 ? 2 : 4;
					ByteBuffer v;
					if (count * size <= 4) {
						v = ByteBuffer.wrap(raw, 12 * e + 8, 4).slice().order(order);
					}
					else {
						long at = Integer.toUnsignedLong(d.getInt(12 * e + 8));
						if (at + count * size > length) continue;
						byte[] out = new byte[(int) (count * size)];
						f.seek(at);
						f.readFully(out);
						v = ByteBuffer.wrap(out).order(order);
					}
					long[] values = new long[(int) count];
					for (int i = 0; i < count; i++) values[i] = type == 3 ? v.getShort() & 0xffff : Integer.toUnsignedLong(v.getInt());
					tags.put(tag, values);
				}
				dirs.add(tags);
				ifd = Integer.toUnsignedLong(d.getInt(12 * entries));
			}
		}
		if (dirs.isEmpty()) throw new IllegalArgumentException("input '" + file + "' has no image directory");
		return dirs;
	}
}
