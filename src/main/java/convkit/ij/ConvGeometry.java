package convkit.ij;

import convkit.engine.AxisGeometry;
import convkit.engine.ConvPlan;
import convkit.engine.FieldMap;
import ij.ImagePlus;

import java.awt.Rectangle;
import java.util.Locale;
import java.util.Optional;

/**
 * The geometry a Conv2D output carries as image properties ({@code ConvKit.*}, saved with TIFF
 * files): which image it was computed from (through any number of Conv2D runs in a row), where
 * its pixels' fields lie in that first image, and the last layer (kernel, dilation, stride,
 * padding, and where its input's pixels lie) so the sampled grid can be drawn.
 */
public final class ConvGeometry {

	static final String PREFIX = "ConvKit.";

	private final String sourceTitle;
	private final int sourceId;
	private final int sourceWidth;
	private final int sourceHeight;
	private final int layers;
	private final FieldMap x;
	private final FieldMap y;
	private final FieldMap inX;
	private final FieldMap inY;
	private final int[] kernel;
	private final int[] dilation;
	private final int[] stride;
	private final int[] padLo;
	private final int[] offset;

	private ConvGeometry(String sourceTitle, int sourceId, int sourceWidth, int sourceHeight, int layers, FieldMap x,
		FieldMap y, FieldMap inX, FieldMap inY, int[] kernel, int[] dilation, int[] stride, int[] padLo, int[] offset)
	{
		this.sourceTitle = sourceTitle;
		this.sourceId = sourceId;
		this.sourceWidth = sourceWidth;
		this.sourceHeight = sourceHeight;
		this.layers = layers;
		this.x = x;
		this.y = y;
		this.inX = inX;
		this.inY = inY;
		this.kernel = kernel;
		this.dilation = dilation;
		this.stride = stride;
		this.padLo = padLo;
		this.offset = offset;
	}

	/**
	 * The geometry of Conv2D's output of {@code input} (over {@code region} of it): composed with
	 * the input's own geometry when the input is itself a ConvKit output.
	 */
	public static ConvGeometry after(ImagePlus input, ConvPlan plan, Rectangle region) {
		Optional<ConvGeometry> prev = read(input);
		String title = prev.map(p -> p.sourceTitle).orElse(input.getTitle());
		int id = prev.map(p -> p.sourceId).orElse(input.getID());
		int w = prev.map(p -> p.sourceWidth).orElse(input.getWidth());
		int h = prev.map(p -> p.sourceHeight).orElse(input.getHeight());
		FieldMap px = prev.map(p -> p.x).orElse(FieldMap.identity());
		FieldMap py = prev.map(p -> p.y).orElse(FieldMap.identity());
		int n = prev.map(p -> p.layers).orElse(0) + 1;
		AxisGeometry gx = plan.x();
		AxisGeometry gy = plan.y();
		return new ConvGeometry(title, id, w, h, n, px.then(gx, region.x), py.then(gy, region.y), px, py,
			new int[] { gx.kernel(), gy.kernel() }, new int[] { gx.dilation(), gy.dilation() },
			new int[] { gx.stride(), gy.stride() }, new int[] { gx.padLo(), gy.padLo() }, new int[] { region.x, region.y });
	}

	/** The geometry recorded on {@code imp}, if it is a ConvKit output. */
	public static Optional<ConvGeometry> read(ImagePlus imp) {
		String layers = imp.getProp(PREFIX + "layers");
		if (layers == null || layers.isEmpty()) return Optional.empty();
		try {
			return Optional.of(new ConvGeometry(imp.getProp(PREFIX + "source"), integer(imp, "sourceId"),
				integer(imp, "sourceWidth"), integer(imp, "sourceHeight"), Integer.parseInt(layers.trim()), map(imp, "x"),
				map(imp, "y"), map(imp, "in.x"), map(imp, "in.y"), pair(imp, "kernel"), pair(imp, "dilation"),
				pair(imp, "stride"), pair(imp, "padLo"), pair(imp, "offset")));
		}
		catch (RuntimeException e) {
			throw new IllegalArgumentException("image '" + imp.getTitle() + "' has damaged ConvKit properties: " + e.getMessage(), e);
		}
	}

	/** Records this geometry on {@code imp} as properties. */
	public void writeTo(ImagePlus imp) {
		imp.setProp(PREFIX + "source", sourceTitle);
		imp.setProp(PREFIX + "sourceId", Integer.toString(sourceId));
		imp.setProp(PREFIX + "sourceWidth", Integer.toString(sourceWidth));
		imp.setProp(PREFIX + "sourceHeight", Integer.toString(sourceHeight));
		imp.setProp(PREFIX + "layers", Integer.toString(layers));
		put(imp, "x", x);
		put(imp, "y", y);
		put(imp, "in.x", inX);
		put(imp, "in.y", inY);
		imp.setProp(PREFIX + "kernel", kernel[0] + "," + kernel[1]);
		imp.setProp(PREFIX + "dilation", dilation[0] + "," + dilation[1]);
		imp.setProp(PREFIX + "stride", stride[0] + "," + stride[1]);
		imp.setProp(PREFIX + "padLo", padLo[0] + "," + padLo[1]);
		imp.setProp(PREFIX + "offset", offset[0] + "," + offset[1]);
	}

	private static void put(ImagePlus imp, String axis, FieldMap m) {
		imp.setProp(PREFIX + "rf." + axis, Integer.toString(m.field()));
		imp.setProp(PREFIX + "jump." + axis, Integer.toString(m.jump()));
		imp.setProp(PREFIX + "start." + axis, String.format(Locale.ROOT, "%s", m.start()));
	}

	private static FieldMap map(ImagePlus imp, String axis) {
		return FieldMap.of(integer(imp, "rf." + axis), integer(imp, "jump." + axis),
			Double.parseDouble(imp.getProp(PREFIX + "start." + axis)));
	}

	private static int integer(ImagePlus imp, String key) {
		String v = imp.getProp(PREFIX + key);
		if (v == null) throw new IllegalArgumentException("property " + PREFIX + key + " is missing");
		return Integer.parseInt(v.trim());
	}

	private static int[] pair(ImagePlus imp, String key) {
		String v = imp.getProp(PREFIX + key);
		if (v == null) throw new IllegalArgumentException("property " + PREFIX + key + " is missing");
		String[] p = v.split(",");
		return new int[] { Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()) };
	}

	/** Title of the first image of the chain. */
	public String sourceTitle() {
		return sourceTitle;
	}

	/** ImageJ's ID of the first image (valid in the session that made it). */
	public int sourceId() {
		return sourceId;
	}

	public int sourceWidth() {
		return sourceWidth;
	}

	public int sourceHeight() {
		return sourceHeight;
	}

	/** Number of Conv2D runs from the first image to this one. */
	public int layers() {
		return layers;
	}

	/** Output pixels' fields in the first image, along x. */
	public FieldMap x() {
		return x;
	}

	/** Output pixels' fields in the first image, along y. */
	public FieldMap y() {
		return y;
	}

	/**
	 * Centres, in first-image pixel coordinates, of the input samples the last layer reads for
	 * output pixel {@code i} along one axis (the dilated grid): {@code k} values.
	 */
	public double[] samples(boolean alongX, int i) {
		int a = alongX ? 0 : 1;
		FieldMap in = alongX ? inX : inY;
		double[] c = new double[kernel[a]];
		for (int t = 0; t < c.length; t++) c[t] = in.centre(offset[a] + (double) i * stride[a] + (double) t * dilation[a] - padLo[a]);
		return c;
	}

	/** Receptive field of one last-layer input sample, in first-image pixels, along x or y. */
	public int sampleField(boolean alongX) {
		return alongX ? inX.field() : inY.field();
	}
}
