package convkit.io;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy's {@code .npy} format. Reads versions 1, 2 and 3, little- and big-endian float32/64,
 * int8–64, uint8–64 and bool, in C order or Fortran order (what {@code np.save} writes for a
 * transposed array; returned in C order); object arrays are refused. Writes C order, version 1.0:
 * float32 little-endian, or uint8/uint16 for 8- and 16-bit results.
 * <p>
 * Example: {@code NdArray w = Npy.read(Paths.get("weight.npy"));}
 */
public final class Npy {

	private static final byte[] MAGIC = { (byte) 0x93, 'N', 'U', 'M', 'P', 'Y' };
	private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
	private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
	private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

	private Npy() {}

	/** Reads a {@code .npy} file; the message of a refusal names the file and the problem. */
	public static NdArray read(Path file) throws IOException {
		try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
			return read(in, file.toString(), Files.size(file));
		}
		catch (IllegalArgumentException e) {
			throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
		}
	}

	/** Reads a {@code .npy} stream; {@code name} is used in messages. */
	public static NdArray read(InputStream stream, String name) throws IOException {
		return read(stream, name, Long.MAX_VALUE);
	}

	/**
	 * Reads a {@code .npy} stream of {@code length} bytes in all: the bytes the header promises are
	 * compared with that length before anything is allocated, so a header that lies is refused at once.
	 */
	public static NdArray read(InputStream stream, String name, long length) throws IOException {
		try {
			return readChecked(stream, name, length);
		}
		catch (java.io.EOFException e) {
			throw new IllegalArgumentException("the file ends early, before its header and values are complete; it is cut short or"
				+ " not a .npy file", e);
		}
	}

	private static NdArray readChecked(InputStream stream, String name, long length) throws IOException {
		DataInputStream in = new DataInputStream(stream);
		byte[] magic = new byte[6];
		readFully(in, magic, "header");
		for (int i = 0; i < 6; i++) {
			if (magic[i] != MAGIC[i]) throw new IllegalArgumentException("not a .npy file (no \\x93NUMPY magic)");
		}
		int major = in.readUnsignedByte();
		in.readUnsignedByte();
		long headerLength;
		if (major == 1) {
			headerLength = Short.toUnsignedInt(Short.reverseBytes(in.readShort()));
		}
		else if (major == 2 || major == 3) {
			headerLength = Integer.toUnsignedLong(Integer.reverseBytes(in.readInt()));
		}
		else {
			throw new IllegalArgumentException(".npy format version " + major + " is not supported (allowed 1, 2, 3)");
		}
		if (headerLength > 1 << 20) throw new IllegalArgumentException(".npy header of " + headerLength + " bytes is implausibly long");
		byte[] hb = new byte[(int) headerLength];
		readFully(in, hb, "header");
		String header = new String(hb, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
		for (String key : new String[] { "descr", "fortran_order", "shape" }) {
			Matcher m = Pattern.compile("'" + key + "'\\s*:").matcher(header);
			if (m.find() && m.find()) {
				throw new IllegalArgumentException(".npy header gives '" + key + "' twice (numpy takes the last, other readers the"
					+ " first): the file is damaged; save it again with numpy");
			}
		}
		String descr = withByteOrder(group(DESCR, header, "descr"));
		boolean fortran = group(FORTRAN, header, "fortran_order").equals("True");
		int[] shape = parseShape(group(SHAPE, header, "shape"));
		long count = 1;
		for (int s : shape) {
			count *= s; // below 2^31 times a size below 2^31: checked before the next can wrap
			if (count > Integer.MAX_VALUE - 8) {
				throw new IllegalArgumentException("array of shape (" + Texts.shorten(Arrays.toString(shape)) + ") has more values than"
					+ " a Java array holds (" + (Integer.MAX_VALUE - 8) + ")");
			}
		}
		long dataBytes = length - 6 - 2 - (major == 1 ? 2 : 4) - headerLength;
		long promised = count * itemSize(descr);
		if (promised > dataBytes) {
			throw new IllegalArgumentException("the header promises " + count + " values of " + descr + " (" + promised
				+ " bytes) but the file holds " + Math.max(0, dataBytes) + " bytes of data; the file is cut short or not a .npy file");
		}
		Heap.checkRoom((fortran ? 8 : 4) * count, name + " (" + count + " values)");
		float[] values = readValues(in, descr, (int) count);
		if (fortran) values = fromFortranOrder(values, shape);
		return NdArray.wrap(shape, values, dtypeName(descr));
	}

	/**
	 * The values of a Fortran-order array (first index fastest, as {@code np.save} writes a
	 * transposed array) in C order (last index fastest).
	 */
	static float[] fromFortranOrder(float[] f, int[] shape) {
		int n = shape.length;
		if (n < 2) return f;
		float[] c = new float[f.length];
		int[] index = new int[n];
		int[] fStride = new int[n];
		fStride[0] = 1;
		for (int k = 1; k < n; k++) fStride[k] = fStride[k - 1] * shape[k - 1];
		int at = 0; // index in f of the current C-order multi-index
		for (int i = 0; i < c.length; i++) {
			c[i] = f[at];
			for (int k = n - 1; k >= 0; k--) { // the odometer, last index fastest
				if (++index[k] < shape[k]) {
					at += fStride[k];
					break;
				}
				at -= (shape[k] - 1) * fStride[k];
				index[k] = 0;
			}
		}
		return c;
	}

	/** numpy's name of a dtype descriptor, e.g. {@code uint16} for {@code <u2}. */
	private static String dtypeName(String descr) {
		char kind = descr.charAt(1);
		int size = Integer.parseInt(descr.substring(2));
		switch (kind) {
			case 'f':
				return "float" + 8 * size;
			case 'i':
				return "int" + 8 * size;
			case 'b':
				return "bool";
			default:
				return "uint" + 8 * size;
		}
	}

	private static String group(Pattern p, String header, String key) {
		Matcher m = p.matcher(header);
		if (!m.find()) throw new IllegalArgumentException(".npy header has no valid '" + key + "': " + Texts.shorten(header.trim()));
		return m.group(1);
	}

	/** A descriptor written without its byte order ({@code 'f4'}, as numpy accepts it) with numpy's native order, little-endian. */
	private static String withByteOrder(String descr) {
		if (descr.length() >= 2 && Character.isLetter(descr.charAt(0)) && Character.isDigit(descr.charAt(descr.length() - 1))) {
			return (descr.endsWith("1") ? "|" : "<") + descr;
		}
		return descr;
	}

	private static int[] parseShape(String text) {
		String t = text.trim();
		if (t.isEmpty()) return new int[0];
		String[] parts = t.split(",");
		int n = parts[parts.length - 1].trim().isEmpty() ? parts.length - 1 : parts.length;
		int[] shape = new int[n];
		for (int i = 0; i < n; i++) {
			String p = parts[i].trim();
			if (p.endsWith("L")) p = p.substring(0, p.length() - 1);
			long v;
			try {
				v = Long.parseLong(p);
			}
			catch (NumberFormatException e) {
				if (p.matches("\\d+")) v = Long.MAX_VALUE; // more digits than a long holds
				else throw new IllegalArgumentException(".npy shape (" + Texts.shorten(text) + ") is not a tuple of whole numbers");
			}
			if (v > Integer.MAX_VALUE - 8) {
				throw new IllegalArgumentException(".npy shape (" + Texts.shorten(text) + ") has a size " + (v == Long.MAX_VALUE ? p : v)
					+ " along axis " + i + ", more than a Java array holds (" + (Integer.MAX_VALUE - 8) + " values)");
			}
			shape[i] = (int) v;
			if (shape[i] < 0) throw new IllegalArgumentException(".npy shape (" + Texts.shorten(text) + ") has a negative size " + shape[i]);
		}
		return shape;
	}

	/** Bytes per value of a supported dtype; refuses the others. */
	private static int itemSize(String descr) {
		if (descr.length() >= 2 && descr.charAt(1) == 'O') {
			throw new IllegalArgumentException("object arrays (dtype " + descr + ") are not supported; save numbers");
		}
		if (descr.length() < 3) throw unsupported(descr);
		char order = descr.charAt(0);
		char kind = descr.charAt(1);
		int size;
		try {
			size = Integer.parseInt(descr.substring(2));
		}
		catch (NumberFormatException e) {
			throw unsupported(descr);
		}
		boolean known = (kind == 'f' && (size == 4 || size == 8)) || ((kind == 'i' || kind == 'u') && (size == 1 || size == 2
			|| size == 4 || size == 8)) || (kind == 'b' && size == 1);
		if (!known) throw unsupported(descr);
		if (order != '<' && order != '>' && order != '|' && order != '=') throw unsupported(descr);
		return size;
	}

	private static float[] readValues(DataInputStream in, String descr, int count) throws IOException {
		int size = itemSize(descr);
		char kind = descr.charAt(1);
		ByteOrder bo = descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
		float[] out = new float[count];
		int chunkValues = Math.max(1, (1 << 20) / size);
		byte[] buf = new byte[chunkValues * size];
		for (int done = 0; done < count;) {
			int n = Math.min(chunkValues, count - done);
			readFully(in, buf, n * size, "data (expected " + count + " values of " + descr + ")");
			ByteBuffer bb = ByteBuffer.wrap(buf, 0, n * size).order(bo);
			for (int i = 0; i < n; i++) out[done + i] = value(bb, kind, size);
			done += n;
		}
		return out;
	}

	private static float value(ByteBuffer bb, char kind, int size) {
		switch (kind) {
			case 'f':
				return size == 4 ? bb.getFloat() : (float) bb.getDouble();
			case 'i':
				switch (size) {
					case 1: return bb.get();
					case 2: return bb.getShort();
					case 4: return bb.getInt();
					default: return bb.getLong();
				}
			default: // 'u' and 'b'
				switch (size) {
					case 1: return Byte.toUnsignedInt(bb.get());
					case 2: return Short.toUnsignedInt(bb.getShort());
					case 4: return Integer.toUnsignedLong(bb.getInt());
					default: {
						long v = bb.getLong();
						return v >= 0 ? v : (float) (v >>> 1) * 2f;
					}
				}
		}
	}

	private static IllegalArgumentException unsupported(String descr) {
		return new IllegalArgumentException("dtype '" + descr + "' is not supported; allowed are float32/64,"
			+ " int8/16/32/64, uint8/16/32/64 and bool");
	}

	private static void readFully(DataInputStream in, byte[] b, String what) throws IOException {
		readFully(in, b, b.length, what);
	}

	private static void readFully(DataInputStream in, byte[] b, int len, String what) throws IOException {
		try {
			in.readFully(b, 0, len);
		}
		catch (EOFException e) {
			throw new IllegalArgumentException(".npy file ends early while reading its " + what);
		}
	}

	/** Writes {@code values} with {@code shape} as little-endian float32, format version 1.0. */
	public static void write(OutputStream out, int[] shape, float[] values) throws IOException {
		long count = count(shape);
		if (count != values.length) {
			throw new IllegalArgumentException(values.length + " values do not fill the shape " + Arrays.toString(shape) + " (" + count
				+ " values)");
		}
		write(out, shape, (from, dst, n) -> System.arraycopy(values, from, dst, 0, n));
	}

	/** Values handed out in pieces, so a large array is written without a copy of it. */
	public interface Values {
		/** Copies {@code n} values from index {@code from} into {@code dst[0..n)}. */
		void copy(int from, float[] dst, int n);
	}

	/** Writes float32 values of {@code shape} (C order) read piece by piece from {@code values}. */
	public static void write(OutputStream out, int[] shape, Values values) throws IOException {
		long count = count(shape);
		writeHeader(out, "<f4", shape);
		int piece = (int) Math.max(1, Math.min(count, 1 << 18));
		ByteBuffer bb = ByteBuffer.allocate(piece * 4).order(ByteOrder.LITTLE_ENDIAN);
		float[] buffer = new float[piece];
		for (long i = 0; i < count;) {
			int n = (int) Math.min(count - i, piece);
			values.copy((int) i, buffer, n);
			bb.clear();
			bb.asFloatBuffer().put(buffer, 0, n);
			out.write(bb.array(), 0, n * 4);
			i += n;
		}
	}

	/** Values 0..2^bits−1 handed out in pieces (8- and 16-bit results). */
	public interface UnsignedValues {
		/** Writes {@code n} values from index {@code from} into {@code dst[0..n)}. */
		void copy(int from, int[] dst, int n);
	}

	/** Writes unsigned {@code bits}-bit values (8: uint8, 16: little-endian uint16) of {@code shape} (C order). */
	public static void writeUnsigned(OutputStream out, int[] shape, int bits, UnsignedValues values) throws IOException {
		if (bits != 8 && bits != 16) throw new IllegalArgumentException("unsigned .npy values are 8 or 16 bits, not " + bits);
		long count = count(shape);
		writeHeader(out, bits == 8 ? "|u1" : "<u2", shape);
		int size = bits / 8;
		int piece = (int) Math.max(1, Math.min(count, 1 << 18));
		byte[] bytes = new byte[piece * size];
		int[] buffer = new int[piece];
		for (long i = 0; i < count;) {
			int n = (int) Math.min(count - i, piece);
			values.copy((int) i, buffer, n);
			for (int j = 0; j < n; j++) {
				bytes[j * size] = (byte) buffer[j];
				if (size == 2) bytes[j * size + 1] = (byte) (buffer[j] >> 8);
			}
			out.write(bytes, 0, n * size);
			i += n;
		}
	}

	/** The magic, version 1.0 and the header dict of a C-order array of {@code descr} and {@code shape}, padded to 64 bytes. */
	private static void writeHeader(OutputStream out, String descr, int[] shape) throws IOException {
		StringBuilder sh = new StringBuilder("(");
		for (int i = 0; i < shape.length; i++) {
			sh.append(shape[i]);
			if (shape.length == 1 || i < shape.length - 1) sh.append(", ");
		}
		sh.append(')');
		String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + sh.toString().replace(", )", ",)") + ", }";
		int total = 10 + dict.length() + 1;
		int pad = (64 - total % 64) % 64;
		StringBuilder header = new StringBuilder(dict);
		for (int i = 0; i < pad; i++) header.append(' ');
		header.append('\n');
		byte[] hb = header.toString().getBytes(StandardCharsets.ISO_8859_1);
		out.write(MAGIC);
		out.write(1);
		out.write(0);
		out.write(hb.length & 0xff);
		out.write((hb.length >> 8) & 0xff);
		out.write(hb);
	}

	private static long count(int[] shape) {
		long count = 1;
		for (int s : shape) count *= s;
		return count;
	}

	/** Writes an array as {@link #write(OutputStream, int[], float[])} does. */
	public static void write(OutputStream out, NdArray a) throws IOException {
		write(out, a.shape(), a.toArray());
	}
}
