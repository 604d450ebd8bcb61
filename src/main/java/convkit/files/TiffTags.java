package convkit.files;

/**
 * The TIFF tags and field types ConvKit reads and writes, and ImageJ's metadata codes — one table
 * for the directory reader ({@link TiffDirectories}), the metadata reader ({@link TiffReader}) and
 * the writer ({@link TiffWriter}).
 */
final class TiffTags {

	private TiffTags() {}

	static final int WIDTH = 256;
	static final int LENGTH = 257;
	static final int BITS = 258;
	static final int COMPRESSION = 259;
	static final int PHOTOMETRIC = 262;
	static final int DESCRIPTION = 270;
	static final int STRIP_OFFSETS = 273;
	static final int SAMPLES = 277;
	static final int ROWS_PER_STRIP = 278;
	static final int STRIP_BYTES = 279;
	static final int X_RESOLUTION = 282;
	static final int Y_RESOLUTION = 283;
	static final int RESOLUTION_UNIT = 296;
	static final int TILE_WIDTH = 322;
	static final int TILE_OFFSETS = 324;
	static final int TILE_BYTES = 325;
	static final int SAMPLE_FORMAT = 339;
	/** ImageJ's metadata: the byte counts of its blocks, then the blocks (Info, slice labels, properties). */
	static final int META_DATA_BYTE_COUNTS = 50838;
	static final int META_DATA = 50839;

	/** Field types. */
	static final int BYTE = 1;
	static final int ASCII = 2;
	static final int SHORT = 3;
	static final int LONG = 4;
	static final int RATIONAL = 5;

	/** ImageJ's metadata header and block types. */
	static final int MAGIC_IJIJ = 0x494a494a;
	static final int TYPE_INFO = 0x696e666f;
	static final int TYPE_LABELS = 0x6c61626c;
	static final int TYPE_PROPERTIES = 0x70726f70;
}
