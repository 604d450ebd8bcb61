package convkit.files;

import convkit.io.Heap;
import ij.io.FileInfo;
import ij.io.TiffDecoder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a TIFF holds all the image data its header declares, and whether there is room to read
 * it. ImageJ reads a cut-short TIFF without complaint, with the missing rows as zeros; this check
 * refuses it before it is read.
 */
final class TiffCompleteness {

	private TiffCompleteness() {}

	/** Refuses {@code file} when its declared image data ends past the end of the file. */
	static void check(Path file) throws IOException {
		FileInfo[] infos;
		try {
			Path dir = file.toAbsolutePath().getParent();
			infos = new TiffDecoder(dir.toString() + java.io.File.separator, file.getFileName().toString()).getTiffInfo();
		}
		catch (IOException | RuntimeException e) {
			throw new IllegalArgumentException("input '" + file + "' is not a readable TIFF: " + e.getMessage());
		}
		if (infos == null || infos.length == 0) throw new IllegalArgumentException("input '" + file + "' is a TIFF without images");
		long length = Files.size(file);
		long end = 0;
		long pixels = 0;
		for (FileInfo fi : infos) {
			end = Math.max(end, declaredEnd(fi));
			pixels += (long) fi.width * fi.height * Math.max(1, fi.nImages) * Math.max(1, fi.getBytesPerPixel());
		}
		Heap.checkRoom(pixels, "'" + file + "'");
		if (end > length) {
			throw new IllegalArgumentException("input '" + file + "' is cut short: its header declares image data up to byte " + end
				+ " but the file has " + length + " bytes; the missing part would be read as zeros");
		}
	}

	/** The byte after the last byte of image data {@code fi} declares. */
	static long declaredEnd(FileInfo fi) {
		long end = 0;
		if (fi.stripOffsets != null && fi.stripLengths != null) {
			for (int i = 0; i < Math.min(fi.stripOffsets.length, fi.stripLengths.length); i++) {
				end = Math.max(end, (fi.stripOffsets[i] & 0xffffffffL) + (fi.stripLengths[i] & 0xffffffffL));
			}
		}
		if (fi.compression == FileInfo.COMPRESSION_NONE) {
			long image = (long) fi.width * fi.height * fi.getBytesPerPixel();
			int n = Math.max(1, fi.nImages);
			end = Math.max(end, fi.getOffset() + n * image + (n - 1) * Math.max(0L, fi.getGap()));
		}
		return end;
	}
}
