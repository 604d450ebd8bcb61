package convkit.ij;

import convkit.engine.Axis;
import convkit.geometry.FieldMap;
import convkit.geometry.OutputGeometry;
import convkit.image.GeometryProperties;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.Overlay;
import ij.gui.PointRoi;
import ij.gui.Roi;
import ij.measure.ResultsTable;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import convkit.engine.PaddingMode;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Polygon;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Draws, on the image a ConvKit output was computed from, the receptive field of each point
 * selected on the output: a yellow rectangle around the image pixels it depends on (where its
 * gradient is non-zero: behind a transposed layer only those its kernel connects), a dashed
 * orange one around its layers' span where that reaches into the padding, and the input samples
 * the last layer reads (the dilated grid, or a transposed layer's connected inputs; cyan, red in
 * the padding). No user interface: the plugin and tests call {@link #draw} (or {@link #field}).
 */
public final class ReceptiveFieldOverlay {

	/** Overlay elements made here are named with this prefix (and replaced on the next run). */
	public static final String NAME_PREFIX = "RF ";

	private ReceptiveFieldOverlay() {}

	/**
	 * One selected output pixel and its field in the source image: the span of its layers' taps
	 * ({@code first*}, {@code last*}; may reach into the padding, fractions behind a transposed
	 * layer) and the source pixels it really depends on, inside the image ({@code from*}..{@code to*}
	 * inclusive: where its gradient is non-zero; {@code reaches} false when no source pixel does).
	 * z only for 3-D outputs.
	 */
	public static final class Field {

		public final int outputX;
		public final int outputY;
		public final int outputZ;
		public final double firstX;
		public final double firstY;
		public final double firstZ;
		public final double lastX;
		public final double lastY;
		public final double lastZ;
		public final boolean inPadding;
		public final boolean reaches;
		public final int fromX;
		public final int fromY;
		public final int fromZ;
		public final int toX;
		public final int toY;
		public final int toZ;

		Field(int[] output, double[] first, double[] last, boolean inPadding, int[][] reach) {
			this.outputX = output[0];
			this.outputY = output[1];
			this.outputZ = output[2];
			this.firstX = first[0];
			this.firstY = first[1];
			this.firstZ = first[2];
			this.lastX = last[0];
			this.lastY = last[1];
			this.lastZ = last[2];
			this.inPadding = inPadding;
			this.reaches = reach[0] != null && reach[1] != null && reach[2] != null;
			this.fromX = reaches ? reach[0][0] : -1;
			this.toX = reaches ? reach[0][1] : -1;
			this.fromY = reaches ? reach[1][0] : -1;
			this.toY = reaches ? reach[1][1] : -1;
			this.fromZ = reaches ? reach[2][0] : -1;
			this.toZ = reaches ? reach[2][1] : -1;
		}
	}

	/**
	 * The field of output pixel ({@code i}, {@code j}[, {@code k}]) of an output with geometry
	 * {@code g}, in its source image; what {@link #draw} draws and the table lists.
	 */
	public static Field field(OutputGeometry g, int i, int j, int k) {
		boolean volume = g.rank() == 3;
		int[] out = { i, j, volume ? k : 0 };
		double[] first = new double[3];
		double[] last = new double[3];
		int[][] reach = { null, null, new int[] { 0, 0 } };
		boolean inPadding = false;
		for (Axis a : Axis.of(g.rank())) {
			FieldMap m = g.map(a);
			int o = out[a.ordinal()];
			first[a.ordinal()] = m.first(o);
			last[a.ordinal()] = m.last(o);
			inPadding |= first[a.ordinal()] < 0 || last[a.ordinal()] > g.sourceSize(a) - 1;
			reach[a.ordinal()] = g.reach(a, o);
		}
		return new Field(out, first, last, inPadding, reach);
	}

	/**
	 * Draws the fields of the points selected on {@code output} onto its source image's overlay.
	 *
	 * @throws IllegalArgumentException when {@code output} is not a ConvKit output, has no point
	 *         selection, or its source image is closed
	 */
	public static List<Field> draw(ImagePlus output) {
		OutputGeometry g = geometry(output);
		Polygon points = points(output);
		ImagePlus source = source(g);
		Overlay overlay = source.getOverlay() == null ? new Overlay() : source.getOverlay();
		for (int i = overlay.size() - 1; i >= 0; i--) {
			String n = overlay.get(i).getName();
			if (n != null && n.startsWith(NAME_PREFIX)) overlay.remove(i);
		}
		List<Field> fields = new ArrayList<>();
		for (int p = 0; p < points.npoints; p++) fields.add(addField(overlay, g, points.xpoints[p], points.ypoints[p], output.getZ() - 1, 0, 0));
		source.setOverlay(overlay);
		return Collections.unmodifiableList(fields);
	}

	/** The geometry {@code output} records; refused when it is not a ConvKit output. */
	private static OutputGeometry geometry(ImagePlus output) {
		return GeometryProperties.read(output).orElseThrow(() -> new IllegalArgumentException("image '" + output.getTitle()
			+ "' is not a ConvKit output (it carries no ConvKit geometry); run Conv2D or Conv3D first and select points on its result"));
	}

	/** The points selected on {@code output}; refused when there are none or one lies outside it. */
	private static Polygon points(ImagePlus output) {
		Roi roi = output.getRoi();
		if (!(roi instanceof PointRoi)) {
			throw new IllegalArgumentException("select one or more points on '" + output.getTitle()
				+ "' (the multi-point tool) to see their receptive fields");
		}
		Polygon points = roi.getPolygon();
		for (int p = 0; p < points.npoints; p++) {
			int i = points.xpoints[p];
			int j = points.ypoints[p];
			if (i < 0 || j < 0 || i >= output.getWidth() || j >= output.getHeight()) {
				throw new IllegalArgumentException("point " + i + "," + j + " lies outside '" + output.getTitle() + "'");
			}
		}
		return points;
	}

	private static ImagePlus source(OutputGeometry g) {
		ImagePlus byId = WindowManager.getImage(g.sourceId());
		if (byId != null && g.sourceTitle().equals(byId.getTitle())) return byId;
		ImagePlus byTitle = WindowManager.getImage(g.sourceTitle());
		if (byTitle != null && byTitle.getWidth() == g.sourceWidth() && byTitle.getHeight() == g.sourceHeight()) return byTitle;
		throw new IllegalArgumentException("the source image '" + g.sourceTitle() + "' (" + g.sourceWidth() + " x "
			+ g.sourceHeight() + ") is closed; open it again to draw the receptive fields on it");
	}

	/** Adds the field of output pixel (i, j[, k]) to {@code overlay}, drawn shifted by ({@code dx}, {@code dy}) canvas pixels. */
	private static Field addField(Overlay overlay, OutputGeometry g, int i, int j, int k, int dx, int dy) {
		Field f = field(g, i, j, k);
		String name = NAME_PREFIX + i + "," + j;
		double[] sx = g.samples(Axis.X, i);
		double[] sy = g.samples(Axis.Y, j);
		PointRoi in = null;
		PointRoi out = null;
		for (double cy : sy) {
			for (double cx : sx) {
				boolean within = cx >= 0 && cy >= 0 && cx < g.sourceWidth() && cy < g.sourceHeight();
				double px = cx + 0.5 + dx;
				double py = cy + 0.5 + dy;
				if (within) {
					if (in == null) in = new PointRoi(px, py);
					else in.addPoint(px, py);
				}
				else {
					if (out == null) out = new PointRoi(px, py);
					else out.addPoint(px, py);
				}
			}
		}
		if (in != null) {
			in.setPointType(PointRoi.DOT);
			in.setSize(1);
			in.setStrokeColor(Color.CYAN);
			in.setName(name + " samples");
			overlay.add(in);
		}
		if (out != null) {
			out.setPointType(PointRoi.DOT);
			out.setSize(1);
			out.setStrokeColor(Color.RED);
			out.setName(name + " samples in padding");
			overlay.add(out);
		}
		// the outlines over the samples, so a dense grid of samples never hides them: the taps' span
		// where it reaches into the padding, and the image pixels the output pixel really depends on
		if (f.inPadding) {
			Roi outline = new Roi(f.firstX + dx, f.firstY + dy, f.lastX - f.firstX + 1, f.lastY - f.firstY + 1);
			outline.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] { 4f, 3f }, 0f));
			outline.setStrokeColor(Color.ORANGE);
			outline.setName(name + " (with padding)");
			overlay.add(outline);
		}
		if (f.reaches) {
			Roi r = new Roi(f.fromX + dx, f.fromY + dy, f.toX - f.fromX + 1, f.toY - f.fromY + 1);
			r.setStrokeColor(Color.YELLOW);
			r.setName(name);
			overlay.add(r);
		}
		return f;
	}

	/**
	 * The padded view of {@code output}'s source: its current plane with a margin on each side as
	 * wide as the selected fields reach beyond it, the margin filled as the first layer padded it
	 * (reflect, zeros, a constant, ... — see {@link OutputGeometry#sourcePadding}), the image's
	 * bounds marked (white), and the fields drawn on it as on the source — so the part of a field
	 * that lies in the padding is on the canvas too, and in a flattened picture. Not shown.
	 *
	 * @throws IllegalArgumentException as {@link #draw}
	 */
	public static ImagePlus paddedView(ImagePlus output) {
		OutputGeometry g = geometry(output);
		Polygon points = points(output);
		ImagePlus source = source(g);
		int w = source.getWidth();
		int h = source.getHeight();
		int left = 0;
		int right = 0;
		int top = 0;
		int bottom = 0;
		for (int p = 0; p < points.npoints; p++) {
			int i = points.xpoints[p];
			int j = points.ypoints[p];
			left = Math.max(left, (int) Math.ceil(-g.x().first(i)));
			right = Math.max(right, (int) Math.ceil(g.x().last(i) - (w - 1)));
			top = Math.max(top, (int) Math.ceil(-g.y().first(j)));
			bottom = Math.max(bottom, (int) Math.ceil(g.y().last(j) - (h - 1)));
		}
		String padding = g.sourcePadding().orElse("zeros");
		PaddingMode mode = PaddingMode.fromLabel(padding.split(" ")[0]);
		float fill = mode == PaddingMode.CONSTANT && padding.contains(" ") ? Float.parseFloat(padding.split(" ")[1]) : 0f;
		ImagePlus imp = padded(source, mode, fill, left, right, top, bottom);
		imp.setTitle(source.getTitle() + " padded (" + padding + ")");
		Overlay overlay = new Overlay();
		Roi bounds = new Roi(left, top, w, h);
		bounds.setStrokeColor(Color.WHITE);
		bounds.setName(NAME_PREFIX + "image bounds");
		overlay.add(bounds);
		for (int p = 0; p < points.npoints; p++) addField(overlay, g, points.xpoints[p], points.ypoints[p], output.getZ() - 1, left, top);
		imp.setOverlay(overlay);
		imp.setProperty("Info", "Padded view of " + source.getTitle() + ": " + left + "," + right + "," + top + "," + bottom
			+ " pixels (l,r,t,b) of " + padding + " padding around the image (white); the receptive fields of the points on "
			+ output.getTitle() + ": yellow in the image, dashed orange with the padding, samples cyan (red in the padding).");
		return imp;
	}

	/**
	 * {@code source} at its current slice and frame with every channel, padded as {@code mode}
	 * pads it: an RGB image stays RGB, a multi-channel image stays a composite with its colours.
	 */
	private static ImagePlus padded(ImagePlus source, PaddingMode mode, float fill, int left, int right, int top, int bottom) {
		int w = source.getWidth();
		int h = source.getHeight();
		int pw = w + left + right;
		int ph = h + top + bottom;
		if (source.getType() == ImagePlus.COLOR_RGB) {
			ImageProcessor ip = source.getProcessor();
			ij.process.ColorProcessor view = new ij.process.ColorProcessor(pw, ph);
			int gray = Math.max(0, Math.min(255, Math.round(fill)));
			for (int y = 0; y < ph; y++) {
				for (int x = 0; x < pw; x++) {
					int sx = mode.foldedIndex(x - left, w);
					int sy = mode.foldedIndex(y - top, h);
					view.set(x, y, sx < 0 || sy < 0 ? (gray << 16) | (gray << 8) | gray : ip.getPixel(sx, sy));
				}
			}
			return new ImagePlus(source.getTitle(), view);
		}
		int channels = source.getNChannels();
		ij.ImageStack stack = new ij.ImageStack(pw, ph);
		for (int c = 1; c <= channels; c++) {
			ImageProcessor ip = source.getStack().getProcessor(source.getStackIndex(c, source.getSlice(), source.getFrame()));
			FloatProcessor view = new FloatProcessor(pw, ph);
			for (int y = 0; y < ph; y++) {
				for (int x = 0; x < pw; x++) {
					int sx = mode.foldedIndex(x - left, w);
					int sy = mode.foldedIndex(y - top, h);
					view.setf(x, y, sx < 0 || sy < 0 ? fill : ip.getPixelValue(sx, sy));
				}
			}
			view.setMinAndMax(ip.getMin(), ip.getMax());
			stack.addSlice(view);
		}
		ImagePlus imp = new ImagePlus(source.getTitle(), stack);
		if (channels == 1) return imp;
		imp.setDimensions(channels, 1, 1);
		ij.CompositeImage composite = new ij.CompositeImage(imp, ij.IJ.COMPOSITE);
		if (source.isComposite()) {
			for (int c = 1; c <= channels; c++) {
				ij.process.LUT lut = ((ij.CompositeImage) source).getChannelLut(c);
				composite.setChannelLut(lut, c);
			}
		}
		return composite;
	}

	/** The "Receptive Fields" table of {@code fields}. */
	public static ResultsTable table(List<Field> fields, OutputGeometry g) {
		ResultsTable rt = new ResultsTable();
		for (Field f : fields) {
			rt.incrementCounter();
			rt.addValue("Source", g.sourceTitle());
			rt.addValue("Output X", f.outputX);
			rt.addValue("Output Y", f.outputY);
			rt.addValue("First X", f.firstX);
			rt.addValue("First Y", f.firstY);
			rt.addValue("Last X", f.lastX);
			rt.addValue("Last Y", f.lastY);
			if (g.rank() == 3) {
				rt.addValue("Output Z", f.outputZ);
				rt.addValue("First Z", f.firstZ);
				rt.addValue("Last Z", f.lastZ);
			}
			FractionCells.add(rt, "Field X", g.x().field());
			FractionCells.add(rt, "Field Y", g.y().field());
			if (g.rank() == 3) FractionCells.add(rt, "Field Z", g.map(Axis.Z).field());
			rt.addValue("In padding", f.inPadding ? "yes" : "no");
			rt.addValue("Reads X", f.reaches ? f.fromX + ".." + f.toX : "none");
			rt.addValue("Reads Y", f.reaches ? f.fromY + ".." + f.toY : "none");
			if (g.rank() == 3) rt.addValue("Reads Z", f.reaches ? f.fromZ + ".." + f.toZ : "none");
		}
		return rt;
	}
}
