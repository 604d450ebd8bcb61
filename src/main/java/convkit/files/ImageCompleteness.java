package convkit.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether an image file holds all the image data its header declares, checked before ImageJ reads
 * it: ImageJ reads a cut-short PGM with the missing rows as zeros, and a cut-short JPEG with them
 * grey, without complaint. (A TIFF is checked by {@link TiffDirectories#check}, on every route.)
 */
final class ImageCompleteness {

	private ImageCompleteness() {}

	/**
	 * Refuses {@code file} when it holds less image data than it declares: a binary PGM/PPM/PBM,
	 * or a JPEG without its end marker after its image data. ImageJ would read each of these with the missing part as zeros or grey.
	 */
	static void check(Path file) throws IOException {
		String n = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
		if (n.endsWith(".pgm") || n.endsWith(".ppm") || n.endsWith(".pbm") || n.endsWith(".pnm")) pnm(file);
		else if (n.endsWith(".jpg") || n.endsWith(".jpeg")) jpeg(file);
	}

	/** Refuses a binary PBM/PGM/PPM ({@code P4}, {@code P5}, {@code P6}) with fewer data bytes than width, height and depth need. */
	private static void pnm(Path file) throws IOException {
		byte[] head = new byte[(int) Math.min(Files.size(file), 4096)];
		try (java.io.InputStream in = Files.newInputStream(file)) {
			int read = in.readNBytes(head, 0, head.length);
			if (read < 2 || head[0] != 'P' || head[1] < '4' || head[1] > '6') return; // ASCII variants: ImageJ reads them token by token
		}
		int kind = head[1] - '0';
		int[] at = { 2 };
		long w = pnmNumber(head, at);
		long h = pnmNumber(head, at);
		long max = kind == 4 ? 1 : pnmNumber(head, at);
		if (w < 0 || h < 0 || max < 0) throw new IllegalArgumentException("input '" + file + "' has an unreadable P" + kind + " header");
		long header = at[0] + 1L; // one whitespace byte after the last number
		long data = kind == 4 ? (w + 7) / 8 * h : w * h * (max < 256 ? 1 : 2) * (kind == 6 ? 3 : 1);
		long length = Files.size(file);
		if (header + data > length) {
			throw new IllegalArgumentException("input '" + file + "' is cut short: its header declares " + w + " x " + h + " pixels ("
				+ data + " bytes of data) but the file has " + Math.max(0, length - header) + "; the missing part would be read as zeros");
		}
	}

	/** The next decimal number of a PNM header from {@code at[0]} (comments skipped), or -1; leaves {@code at[0]} after it. */
	private static long pnmNumber(byte[] b, int[] at) {
		int i = at[0];
		while (i < b.length) {
			if (b[i] == '#') {
				while (i < b.length && b[i] != '\n') i++;
			}
			else if (Character.isWhitespace(b[i])) i++;
			else break;
		}
		long v = 0;
		int start = i;
		while (i < b.length && b[i] >= '0' && b[i] <= '9' && i - start < 12) v = v * 10 + (b[i++] - '0');
		at[0] = i;
		return i == start ? -1 : v;
	}

	/**
	 * Refuses a JPEG whose last marker of the two that matter is a start-of-scan (FF DA) rather than
	 * the end-of-image (FF D9): its data was cut.
	 */
	private static void jpeg(Path file) throws IOException {
		try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(file.toFile(), "r")) {
			if (f.length() < 4 || f.readUnsignedByte() != 0xFF || f.readUnsignedByte() != 0xD8) return; // not a JPEG: ImageJ's reader says so
			if (lastScanOrEnd(f) != 0xD9) {
				throw new IllegalArgumentException("input '" + file + "' is cut short: its image data has no end marker (a JPEG cut at "
					+ f.length() + " bytes); the missing part would be read as grey");
			}
		}
	}

	/** The last FF D9 or FF DA marker of {@code f} (0xD9, 0xDA, or -1): read from the end, so a whole file costs one block. */
	private static int lastScanOrEnd(java.io.RandomAccessFile f) throws IOException {
		byte[] block = new byte[1 << 16];
		int after = -1; // the byte after the current block's last one
		for (long end = f.length(); end > 0;) {
			int n = (int) Math.min(block.length, end);
			end -= n;
			f.seek(end);
			f.readFully(block, 0, n);
			for (int i = n - 1; i >= 0; i--) {
				int next = i + 1 < n ? block[i + 1] & 0xff : after;
				if ((block[i] & 0xff) == 0xFF && (next == 0xD9 || next == 0xDA)) return next;
			}
			after = block[0] & 0xff;
		}
		return -1;
	}
}
