package convkit.geometry;

import convkit.engine.Axis;
import convkit.engine.AxisGeometry;
import convkit.engine.ConvPlan;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The geometry a convolution's output carries (as {@code ConvKit.*} properties of the image or
 * TIFF file): which image it was computed from, through any number of convolutions in a row;
 * where its pixels' fields lie in that first image, per axis; and the last layer (kernel,
 * dilation, stride, padding, and where its input's pixels lie) so the sampled grid can be drawn.
 * Two axes (x, y) or three (x, y, z). Immutable.
 */
public final class OutputGeometry {

	/** Prefix of every property key. */
	public static final String PREFIX = "ConvKit.";

	private final String sourceTitle;
	private final int sourceId;
	private final int[] sourceSize;
	private final int layers;
	private final FieldMap[] maps;
	private final FieldMap[] inMaps;
	private final int[] kernel;
	private final int[] dilation;
	private final int[] stride;
	private final int[] padLo;
	private final int[] offset;
	private final String sourcePadding;

	private OutputGeometry(String sourceTitle, int sourceId, int[] sourceSize, int layers, FieldMap[] maps, FieldMap[] inMaps,
		int[] kernel, int[] dilation, int[] stride, int[] padLo, int[] offset, String sourcePadding)
	{
		this.sourceTitle = sourceTitle;
		this.sourceId = sourceId;
		this.sourceSize = sourceSize;
		this.layers = layers;
		this.maps = maps;
		this.inMaps = inMaps;
		this.kernel = kernel;
		this.dilation = dilation;
		this.stride = stride;
		this.padLo = padLo;
		this.offset = offset;
		this.sourcePadding = sourcePadding;
	}

	/**
	 * The geometry of {@code plan}'s output over the region of its input that starts at
	 * {@code offset} (x, y[, z]): composed with {@code previous}, the input's own geometry, when
	 * the input is itself a ConvKit output of the same rank; else the input is the first image,
	 * {@code title} ({@code id} in its session) of {@code size}.
	 */
	public static OutputGeometry after(Optional<OutputGeometry> previous, String title, int id, int[] size, ConvPlan plan,
		int[] offset)
	{
		int rank = plan.rank();
		Optional<OutputGeometry> prev = previous.filter(p -> p.rank() == rank);
		FieldMap[] in = new FieldMap[rank];
		FieldMap[] out = new FieldMap[rank];
		int[] k = new int[rank];
		int[] d = new int[rank];
		int[] s = new int[rank];
		int[] p = new int[rank];
		for (Axis a : Axis.of(rank)) {
			int i = a.ordinal();
			AxisGeometry g = plan.axis(a);
			in[i] = prev.map(q -> q.maps[i]).orElse(FieldMap.identity());
			out[i] = in[i].then(g, offset[i]);
			k[i] = g.kernel();
			d[i] = g.dilation();
			s[i] = g.stride();
			p[i] = g.padLo();
		}
		String padding = plan.mode().describe(plan.fillValue());
		return new OutputGeometry(prev.map(q -> q.sourceTitle).orElse(title), prev.map(q -> q.sourceId).orElse(id),
			prev.map(q -> q.sourceSize).orElse(size.clone()), prev.map(q -> q.layers).orElse(0) + 1, out, in, k, d, s, p,
			java.util.Arrays.copyOf(offset, rank), prev.map(q -> q.sourcePadding).orElse(padding));
	}

	/**
	 * How the first layer padded the source image — a mode name, {@code constant V} with its fill
	 * — so a picture can show the padding's values; empty for files written before it was recorded.
	 */
	public Optional<String> sourcePadding() {
		return Optional.ofNullable(sourcePadding);
	}

	/** Number of axes: 2 or 3. */
	public int rank() {
		return maps.length;
	}

	/** ImageJ's property that keeps Show Info from listing the properties before the Info text. */
	public static final String HIDE_INFO = "HideInfo";

	/** The properties, {@code ConvKit.*} keys in a stable order, then {@link #HIDE_INFO}. */
	public Map<String, String> toProperties() {
		Map<String, String> m = new LinkedHashMap<>();
		m.put(PREFIX + "source", sourceTitle);
		m.put(PREFIX + "sourceId", Integer.toString(sourceId));
		m.put(PREFIX + "sourceWidth", Integer.toString(sourceSize[0]));
		m.put(PREFIX + "sourceHeight", Integer.toString(sourceSize[1]));
		if (rank() == 3) m.put(PREFIX + "sourceDepth", Integer.toString(sourceSize[2]));
		m.put(PREFIX + "layers", Integer.toString(layers));
		for (Axis a : Axis.of(rank())) put(m, a.label(), maps[a.ordinal()]);
		for (Axis a : Axis.of(rank())) put(m, "in." + a.label(), inMaps[a.ordinal()]);
		m.put(PREFIX + "kernel", join(kernel));
		m.put(PREFIX + "dilation", join(dilation));
		m.put(PREFIX + "stride", join(stride));
		m.put(PREFIX + "padLo", join(padLo));
		m.put(PREFIX + "offset", join(offset));
		if (sourcePadding != null) m.put(PREFIX + "sourcePadding", sourcePadding);
		// ImageJ's Image > Show Info lists the properties before the Info text unless this is set;
		// an output's Info lists them after its readable summary instead
		m.put(HIDE_INFO, "true");
		return m;
	}

	/**
	 * The geometry recorded in properties ({@code get} answers a key, null when absent); empty when
	 * there is none, refused when they are damaged.
	 */
	public static Optional<OutputGeometry> fromProperties(Function<String, String> get, String owner) {
		String layers = get.apply(PREFIX + "layers");
		if (layers == null || layers.trim().isEmpty()) return Optional.empty();
		try {
			int rank = get.apply(PREFIX + "sourceDepth") == null ? 2 : 3;
			int[] size = new int[rank];
			size[0] = integer(get, "sourceWidth");
			size[1] = integer(get, "sourceHeight");
			if (rank == 3) size[2] = integer(get, "sourceDepth");
			FieldMap[] maps = new FieldMap[rank];
			FieldMap[] in = new FieldMap[rank];
			for (Axis a : Axis.of(rank)) {
				maps[a.ordinal()] = map(get, a.label());
				in[a.ordinal()] = map(get, "in." + a.label());
			}
			return Optional.of(new OutputGeometry(get.apply(PREFIX + "source"), integer(get, "sourceId"), size,
				Integer.parseInt(layers.trim()), maps, in, values(get, "kernel", rank), values(get, "dilation", rank),
				values(get, "stride", rank), values(get, "padLo", rank), values(get, "offset", rank), get.apply(PREFIX + "sourcePadding")));
		}
		catch (RuntimeException e) {
			throw new IllegalArgumentException("'" + owner + "' has damaged ConvKit properties: " + e.getMessage(), e);
		}
	}

	private static void put(Map<String, String> m, String axis, FieldMap f) {
		m.put(PREFIX + "rf." + axis, Integer.toString(f.field()));
		m.put(PREFIX + "jump." + axis, Integer.toString(f.jump()));
		m.put(PREFIX + "start." + axis, String.format(Locale.ROOT, "%s", f.start()));
	}

	private static FieldMap map(Function<String, String> get, String axis) {
		String start = get.apply(PREFIX + "start." + axis);
		if (start == null) throw new IllegalArgumentException("property " + PREFIX + "start." + axis + " is missing");
		return FieldMap.of(integer(get, "rf." + axis), integer(get, "jump." + axis), Double.parseDouble(start.trim()));
	}

	private static int integer(Function<String, String> get, String key) {
		String v = get.apply(PREFIX + key);
		if (v == null) throw new IllegalArgumentException("property " + PREFIX + key + " is missing");
		return Integer.parseInt(v.trim());
	}

	private static int[] values(Function<String, String> get, String key, int rank) {
		String v = get.apply(PREFIX + key);
		if (v == null) throw new IllegalArgumentException("property " + PREFIX + key + " is missing");
		String[] p = v.split(",");
		if (p.length != rank) throw new IllegalArgumentException("property " + PREFIX + key + " has " + p.length + " values, not " + rank);
		int[] out = new int[rank];
		for (int i = 0; i < rank; i++) out[i] = Integer.parseInt(p[i].trim());
		return out;
	}

	private static String join(int[] v) {
		StringBuilder sb = new StringBuilder();
		for (int x : v) sb.append(sb.length() == 0 ? "" : ",").append(x);
		return sb.toString();
	}

	/** Title of the first image of the chain. */
	public String sourceTitle() {
		return sourceTitle;
	}

	/** ImageJ's ID of the first image (valid in the session that made it; 0 for a file). */
	public int sourceId() {
		return sourceId;
	}

	/** Size of the first image along {@code axis}. */
	public int sourceSize(Axis axis) {
		return sourceSize[axis.ordinal()];
	}

	public int sourceWidth() {
		return sourceSize[0];
	}

	public int sourceHeight() {
		return sourceSize[1];
	}

	/** Number of convolutions from the first image to this one. */
	public int layers() {
		return layers;
	}

	/** Output pixels' fields in the first image along {@code axis}. */
	public FieldMap map(Axis axis) {
		return maps[axis.ordinal()];
	}

	/** Output pixels' fields in the first image, along x. */
	public FieldMap x() {
		return maps[0];
	}

	/** Output pixels' fields in the first image, along y. */
	public FieldMap y() {
		return maps[1];
	}

	/**
	 * Centres, in first-image pixel coordinates, of the input samples the last layer reads for
	 * output pixel {@code i} along {@code axis} (the dilated grid): {@code k} values.
	 */
	public double[] samples(Axis axis, int i) {
		int a = axis.ordinal();
		double[] c = new double[kernel[a]];
		for (int t = 0; t < c.length; t++) {
			c[t] = inMaps[a].centre(offset[a] + (double) i * stride[a] + (double) t * dilation[a] - padLo[a]);
		}
		return c;
	}

	/**
	 * The last layer alone along {@code axis}: where this output's pixels lie in the image it was
	 * computed from (not the first image of the chain), as its calibration needs.
	 */
	public FieldMap lastLayer(Axis axis) {
		int a = axis.ordinal();
		int keff = dilation[a] * (kernel[a] - 1) + 1;
		return FieldMap.of(keff, stride[a], offset[a] + (keff - 1) / 2.0 - padLo[a]);
	}

	/** Receptive field of one last-layer input sample, in first-image pixels, along {@code axis}. */
	public int sampleField(Axis axis) {
		return inMaps[axis.ordinal()].field();
	}
}
