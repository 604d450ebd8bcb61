package convkit.files;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every image directory of a TIFF, walked once, and what they say about the file before any reader
 * takes it: whether its pages agree, whether the chain of directories ends as it should, what kind
 * of samples it holds, whether its compression tag matches its data. {@link #check} refuses a file
 * that the readers would read two ways (or with planes missing), with one message whatever the
 * route; {@link #needsOwnReader} names the sample kinds that ImageJ and Java's readers read as other
 * numbers (signed 8-bit, signed 16-bit, 32-bit integers, 64-bit, half floats), which
 * {@link StreamedTiff} then reads on every route.
 */
final class TiffDirectories {

	private static final int MAX_DIRECTORIES = 1 << 24;
	private static final int MAX_ENTRIES = 4096;

	final Path file;
	final ByteOrder order;
	/**
	 * The first directory's tags ImageJ's layout, calibration and metadata live in (key −1 holds
	 * the byte order): ASCII as a String, SHORT/LONG/RATIONAL as long[], BYTE/UNDEFINED as byte[].
	 */
	final Map<Integer, Object> first;
	final long length;
	/** The directories' numeric tags (SHORT and LONG values), in file order. */
	final List<Map<Integer, long[]>> dirs;
	/** Why the chain of directories ended before a zero pointer, or null when it ended as it should. */
	final String broken;
	/** ImageJ's description in the first directory : empty when there is none. */
	final Map<String, String> description;

	private TiffDirectories(Path file, ByteOrder order, long length, List<Map<Integer, long[]>> dirs, String broken,
		Map<Integer, Object> first)
	{
		this.file = file;
		this.order = order;
		this.first = Collections.unmodifiableMap(first);
		this.length = length;
		this.dirs = Collections.unmodifiableList(dirs);
		this.broken = broken;
		this.description = Collections.unmodifiableMap(description((String) this.first.get(TiffTags.DESCRIPTION)));
	}

	/** Walks {@code file}'s directories; refuses a file that is not a TIFF or has no directory. */
	static TiffDirectories read(Path file) throws IOException {
		List<Map<Integer, long[]>> dirs = new ArrayList<>();
		Map<Integer, Object> first = new HashMap<>();
		Set<Long> seen = new HashSet<>();
		String broken = null;
		try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
			long length = f.length();
			ByteBuffer h = header(f, file);
			ByteOrder order = h.order();
			first.put(-1, order);
			long ifd = Integer.toUnsignedLong(h.getInt(4));
			while (ifd != 0 && dirs.size() < MAX_DIRECTORIES) {
				String where = "directory " + (dirs.size() + 1);
				if (ifd < 8) {
					broken = where + " is said to start at byte " + ifd + ", inside the file's header";
					break;
				}
				if (!seen.add(ifd)) {
					broken = "the chain of directories loops back (" + where + " would start at byte " + ifd + ", where an earlier one"
						+ " starts)";
					break;
				}
				if (ifd + 2 > length) {
					broken = where + " is said to start at byte " + ifd + ", past the file's end (" + length + " bytes)";
					break;
				}
				f.seek(ifd);
				byte[] nb = new byte[2];
				f.readFully(nb);
				int entries = ByteBuffer.wrap(nb).order(order).getShort() & 0xffff;
				if (entries == 0 || entries > MAX_ENTRIES) {
					broken = where + " at byte " + ifd + " claims " + entries + " entries (allowed 1.." + MAX_ENTRIES + ")";
					break;
				}
				if (ifd + 2 + 12L * entries + 4 > length) {
					broken = where + " at byte " + ifd + " is cut short (" + entries + " entries do not fit before the file's end)";
					break;
				}
				byte[] raw = new byte[12 * entries + 4];
				f.readFully(raw);
				ByteBuffer d = ByteBuffer.wrap(raw).order(order);
				if (dirs.isEmpty()) firstTags(f, d, raw, entries, order, length, first);
				dirs.add(tags(f, d, raw, entries, order, length));
				ifd = Integer.toUnsignedLong(d.getInt(12 * entries));
			}
			if (dirs.isEmpty()) {
				throw new IllegalArgumentException("input '" + file + "' has no readable image directory" + (broken == null ? "" : ": "
					+ broken));
			}
			return new TiffDirectories(file, order, length, dirs, broken, first);
		}
	}

	/** ImageJ's description: {@code key=value} lines after {@code ImageJ=...}; empty for other descriptions. */
	static Map<String, String> description(String text) {
		Map<String, String> m = new HashMap<>();
		if (text == null || !text.startsWith("ImageJ")) return m;
		for (String line : text.split("\n")) {
			int eq = line.indexOf('=');
			if (eq > 0) m.put(line.substring(0, eq).trim(), unescape(line.substring(eq + 1).trim()));
		}
		return m;
	}

	private static String unescape(String s) {
		StringBuilder sb = new StringBuilder();
		for (int i = 0; i < s.length(); i++) {
			if (s.startsWith("\\u", i) && i + 6 <= s.length()) {
				try {
					sb.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
					i += 5;
					continue;
				}
				catch (NumberFormatException notAnEscape) {
					// kept as written
				}
			}
			sb.append(s.charAt(i));
		}
		return sb.toString();
	}

	/**
	 * The file's 8-byte header, in its byte order (the first directory's offset at 4); refuses a
	 * file that is not a classic TIFF with the reason.
	 */
	static ByteBuffer header(RandomAccessFile f, Path file) throws IOException {
		long length = f.length();
		if (length < 8) throw new IllegalArgumentException("input '" + file + "' has " + length + " bytes: too short to be a TIFF");
		byte[] head = new byte[8];
		f.seek(0);
		f.readFully(head);
		ByteOrder order = head[0] == 'I' && head[1] == 'I' ? ByteOrder.LITTLE_ENDIAN : head[0] == 'M' && head[1] == 'M'
			? ByteOrder.BIG_ENDIAN : null;
		if (order == null) throw new IllegalArgumentException("input '" + file + "' is not a TIFF (it does not start with II or MM)");
		ByteBuffer h = ByteBuffer.wrap(head).order(order);
		if (h.getShort(2) == 43) {
			throw new IllegalArgumentException("'" + file.getFileName() + "' is a BigTIFF; read it with ImageJ/Fiji (ij.jar beside the jar)");
		}
		if (h.getShort(2) != 42) throw new IllegalArgumentException("input '" + file + "' is not a TIFF (its magic number is not 42)");
		return h;
	}

	/** The numeric tags (SHORT and LONG values) of a directory's {@code entries}. */
	private static Map<Integer, long[]> tags(RandomAccessFile f, ByteBuffer d, byte[] raw, int entries, ByteOrder order, long length)
		throws IOException
	{
		Map<Integer, long[]> tags = new HashMap<>();
		for (int e = 0; e < entries; e++) {
			int type = d.getShort(12 * e + 2) & 0xffff;
			if (type != TiffTags.SHORT && type != TiffTags.LONG) continue;
			ByteBuffer v = entryValue(f, d, raw, e, order, length, 1 << 24);
			if (v != null) tags.put(d.getShort(12 * e) & 0xffff, (long[]) value(v, type, count(d, e)));
		}
		return tags;
	}

	/** Reads into {@code tags} the first directory's entries of the tags ConvKit takes from ImageJ's files, every type. */
	private static void firstTags(RandomAccessFile f, ByteBuffer d, byte[] raw, int entries, ByteOrder order, long length,
		Map<Integer, Object> tags) throws IOException
	{
		for (int e = 0; e < entries; e++) {
			int tag = d.getShort(12 * e) & 0xffff;
			if (tag != TiffTags.DESCRIPTION && tag != TiffTags.X_RESOLUTION && tag != TiffTags.Y_RESOLUTION
				&& tag != TiffTags.RESOLUTION_UNIT && tag != TiffTags.META_DATA_BYTE_COUNTS && tag != TiffTags.META_DATA) continue;
			ByteBuffer v = entryValue(f, d, raw, e, order, length, 1 << 26); // longer: implausible for these tags
			if (v != null) tags.put(tag, value(v, d.getShort(12 * e + 2) & 0xffff, count(d, e)));
		}
	}

	private static int count(ByteBuffer d, int e) {
		return (int) Integer.toUnsignedLong(d.getInt(12 * e + 4));
	}

	/**
	 * The bytes of entry {@code e}'s value — in the entry itself when they fit in 4 bytes, else at
	 * the offset it gives — or null when there is none, it lies past the end or is over {@code most}.
	 */
	private static ByteBuffer entryValue(RandomAccessFile f, ByteBuffer d, byte[] raw, int e, ByteOrder order, long length, long most)
		throws IOException
	{
		int type = d.getShort(12 * e + 2) & 0xffff;
		long count = Integer.toUnsignedLong(d.getInt(12 * e + 4));
		int size = type == TiffTags.SHORT ? 2 : type == TiffTags.LONG ? 4 : type == TiffTags.RATIONAL ? 8 : 1;
		long bytes = count * size;
		if (count == 0 || bytes > most) return null;
		if (bytes <= 4) return ByteBuffer.wrap(raw, 12 * e + 8, 4).slice().order(order);
		long at = Integer.toUnsignedLong(d.getInt(12 * e + 8));
		if (at + bytes > length) return null;
		byte[] out = new byte[(int) bytes];
		f.seek(at);
		f.readFully(out);
		return ByteBuffer.wrap(out).order(order);
	}

	private static Object value(ByteBuffer v, int type, int count) {
		switch (type) {
			case 2: {
				byte[] b = new byte[count];
				v.get(b);
				int end = 0;
				while (end < b.length && b[end] != 0) end++;
				return new String(b, 0, end, java.nio.charset.StandardCharsets.ISO_8859_1);
			}
			case 3:
			case 4:
			case 5: {
				int n = type == 5 ? 2 * count : count;
				long[] out = new long[n];
				for (int i = 0; i < n; i++) out[i] = type == 3 ? v.getShort() & 0xffff : Integer.toUnsignedLong(v.getInt());
				return out;
			}
			default: {
				byte[] b = new byte[count];
				v.get(b);
				return b;
			}
		}
	}

	/** The first value of {@code tag} in directory {@code i}, or {@code otherwise}. */
	long value(int i, int tag, long otherwise) {
		long[] v = dirs.get(i).get(tag);
		return v == null || v.length == 0 ? otherwise : v[0];
	}

	int width() {
		return (int) value(0, TiffTags.WIDTH, 0);
	}

	int height() {
		return (int) value(0, TiffTags.LENGTH, 0);
	}

	int bits() {
		return (int) value(0, TiffTags.BITS, 1);
	}

	int samples() {
		return (int) value(0, TiffTags.SAMPLES, 1);
	}

	/** SampleFormat: 1 unsigned, 2 signed, 3 floating point. */
	int format() {
		return (int) value(0, TiffTags.SAMPLE_FORMAT, 1);
	}

	int compression() {
		return (int) value(0, TiffTags.COMPRESSION, 1);
	}

	/** The bytes one uncompressed plane of the first directory takes. */
	long planeBytes() {
		return ((long) width() * bits() * samples() + 7) / 8 * height(); // rows start on a byte
	}

	/** The bytes every plane takes read whole as the readers hold it (1-bit planes as 8-bit). */
	long wholeBytes() {
		return (long) width() * height() * dirs.size() * Math.max(1, samples()) * Math.max(1, (bits() + 7) / 8);
	}

	/** How the samples of the first page read: e.g. {@code signed 16-bit}, {@code 16-bit float}, {@code unsigned 8-bit}. */
	String kind() {
		return kind(0);
	}

	private String kind(int i) {
		int bits = (int) value(i, TiffTags.BITS, 1);
		int format = (int) value(i, TiffTags.SAMPLE_FORMAT, 1);
		int samples = (int) value(i, TiffTags.SAMPLES, 1);
		String k = format == 3 ? bits + "-bit float" : (format == 2 ? "signed " : "unsigned ") + bits + "-bit";
		return samples == 1 ? k : samples + " samples of " + k;
	}

	/**
	 * Whether the samples are a kind that ImageJ or Java's image readers read as other numbers
	 * (signed 8- and 16-bit, 32-bit integers, 64-bit, half floats), read by ConvKit's own reader on
	 * every route instead.
	 */
	boolean needsOwnReader() {
		int bits = bits();
		int format = format();
		if (samples() != 1) return false;
		return format == 2 || (format == 1 && (bits == 32 || bits == 64)) || (format == 3 && (bits == 16 || bits == 64));
	}

	/**
	 * Whether ImageJ's description promises images and the pages' data, uncompressed, do not lie
	 * one after another: ImageJ then reads the planes as one run from the first page's data (its
	 * own stacks' layout, the other directories unread) and would give other numbers than the pages
	 * hold, so ConvKit's own reader reads each page on every route.
	 */
	boolean describedPagesApart() {
		if (!description.containsKey("images") || dirs.size() < 2 || compression() != 1) return false;
		long first = value(0, TiffTags.STRIP_OFFSETS, -1);
		for (int i = 1; i < dirs.size(); i++) {
			if (value(i, TiffTags.STRIP_OFFSETS, -1) != first + i * planeBytes()) return true;
		}
		return false;
	}

	/**
	 * Refuses what the readers would read two ways or with planes missing: pages of different
	 * sizes or sample kinds, a broken chain of directories (unless ImageJ's description promises
	 * the planes and they all lie one after another, as ImageJ writes them, and then all are read),
	 * a count of images the file cannot hold, a compression tag whose data is not of that kind, and
	 * samples of the kinds ConvKit's own reader takes only uncompressed.
	 */
	void check() throws IOException {
		String name = "'" + file.getFileName() + "'";
		for (int i = 1; i < dirs.size(); i++) {
			if (value(i, TiffTags.WIDTH, 0) != width() || value(i, TiffTags.LENGTH, 0) != height() || !kind(i).equals(kind())) {
				throw new IllegalArgumentException(name + ": page " + (i + 1) + " is " + value(i, TiffTags.WIDTH, 0) + " x " + value(i, TiffTags.LENGTH, 0)
					+ ", " + kind(i) + ", and page 1 " + width() + " x " + height() + ", " + kind() + "; the pages of a stack must agree"
					+ " (save the pages as separate images, or as one stack of one size and type)");
			}
		}
		Long promised = promisedImages(name);
		if (promised != null && promised > dirs.size() || broken != null) {
			long want = promised != null ? promised : dirs.size() + 1;
			boolean contiguous = compression() == 1 && dirs.get(0).containsKey(TiffTags.STRIP_OFFSETS)
				&& value(0, TiffTags.STRIP_OFFSETS, 0) + want * planeBytes() <= length;
			if (promised == null || !contiguous) {
				throw new IllegalArgumentException(name + " is damaged: " + (broken != null ? broken + " after " + dirs.size() + " page"
					+ (dirs.size() == 1 ? "" : "s") : "its ImageJ description promises " + promised + " images but the file holds "
					+ dirs.size() + " directory and not the data of " + promised + " planes one after another") + "; no plane is read"
					+ " from a file whose pages cannot all be found");
			}
		}
		for (int i = 0; i < dirs.size(); i++) { // every page's data lies inside the file; uncompressed strips hold a whole plane
			long[] offsets = dirs.get(i).getOrDefault(TiffTags.STRIP_OFFSETS, dirs.get(i).get(TiffTags.TILE_OFFSETS));
			long[] counts = dirs.get(i).getOrDefault(TiffTags.STRIP_BYTES, dirs.get(i).get(TiffTags.TILE_BYTES));
			if (offsets == null || counts == null) continue;
			long total = 0;
			for (int k = 0; k < Math.min(offsets.length, counts.length); k++) {
				total += counts[k];
				if (offsets[k] + counts[k] > length) {
					throw new IllegalArgumentException("input '" + file + "' is cut short: page " + (i + 1) + "'s data ends at byte "
						+ (offsets[k] + counts[k]) + " but the file has " + length + " bytes (an interrupted copy or download?)");
				}
			}
			boolean strips = value(i, TiffTags.COMPRESSION, 1) == 1 && !dirs.get(i).containsKey(TiffTags.TILE_WIDTH);
			if (promised == null && strips && dirs.get(i).containsKey(TiffTags.STRIP_BYTES) && total < planeBytes()) {
				throw new IllegalArgumentException(name + " is damaged: page " + (i + 1) + "'s strips hold " + total + " bytes, fewer than"
					+ " the " + planeBytes() + " a " + width() + " x " + height() + " plane of " + kind() + " samples needs (its"
					+ " StripByteCounts)");
			}
		}
		if (needsOwnReader() && compression() != 1) {
			throw new IllegalArgumentException(name + " holds " + kind() + " samples with compression " + compression() + "; ConvKit"
				+ " reads " + kind() + " samples uncompressed only (the usual readers would give other numbers): save it uncompressed");
		}
		checkCompression(name);
	}

	/** The number of images ImageJ's description promises, null when it says none; refuses a count that is not one. */
	private Long promisedImages(String name) {
		String images = description.get("images");
		if (images == null) return null;
		long n;
		try {
			n = Long.parseLong(images.trim());
		}
		catch (NumberFormatException e) {
			n = -1;
		}
		long most = planeBytes() > 0 ? Math.max(dirs.size(), length / planeBytes()) : dirs.size();
		if (n < 1 || (n > dirs.size() && n > most)) {
			throw new IllegalArgumentException("input '" + file + "' is cut short or its description is wrong: its ImageJ description"
				+ " claims images=" + convkit.io.Texts.shorten(images) + ", but the file holds at most " + most + " planes of " + width()
				+ " x " + height());
		}
		return n;
	}

	/** Refuses a page whose compression tag says LZW, Deflate or JPEG over data that does not start as such data does. */
	private void checkCompression(String name) throws IOException {
		try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
			for (int i = 0; i < dirs.size(); i++) {
				int c = (int) value(i, TiffTags.COMPRESSION, 1);
				if (c != 5 && c != 8 && c != 32946 && c != 7) continue;
				long at = value(i, TiffTags.STRIP_OFFSETS, value(i, TiffTags.TILE_OFFSETS, -1));
				if (at < 0 || at + 2 > length) continue; // no data where it is said to be: the readers refuse it
				f.seek(at);
				int b0 = f.readUnsignedByte();
				int b1 = f.readUnsignedByte();
				boolean ok = c == 5 ? b0 == 0x80 && (b1 & 0x80) == 0 // LZW: the first code is Clear (256, 9 bits)
					: c == 7 ? b0 == 0xFF && b1 == 0xD8 // JPEG: start of image
						: (b0 & 0x0f) == 8 && ((b0 << 8) | b1) % 31 == 0; // Deflate: a zlib header
				if (!ok) {
					throw new IllegalArgumentException(name + ": page " + (i + 1) + " says its data is compressed with " + (c == 5 ? "LZW"
						: c == 7 ? "JPEG" : "Deflate") + " (compression " + c + "), but its first strip does not start as such data does;"
						+ " the file is damaged or its compression tag is wrong");
				}
			}
		}
	}
}
