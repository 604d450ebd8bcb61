package convkit.ij;

import convkit.engine.Axis;
import convkit.engine.AxisGeometry;
import convkit.geometry.Layer;
import convkit.geometry.LayerKind;
import convkit.engine.Padding;
import convkit.engine.PaddingMode;
import convkit.engine.Tensor;
import convkit.image.ImageKernels;
import convkit.image.ImageTensors;
import convkit.io.KernelSource;
import convkit.io.LayerStackText;
import convkit.io.NdArray;
import convkit.options.ChannelMapping;
import convkit.options.ConvOptions;
import convkit.options.OptionString;
import convkit.visual.EffectiveField;
import convkit.visual.SlidingWindow;
import ij.ImagePlus;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.process.FloatProcessor;

import java.awt.Color;
import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The pictures of Conv Animation..., and Effective Receptive Field..., made from option strings
 * (the plugins' macro keys) without any window, so macros and headless runs get the same images.
 */
public final class Visuals {

	/** Keys of Conv Animation...: input size, kernel size, stride, padding, mode, dilation, input channels, use_image. */
	public static final Set<String> ANIMATION_KEYS = new LinkedHashSet<>(Arrays.asList("width", "height", "kernel", "stride",
		"padding", "padding_mode", "value", "dilation", "input_channels", "use_image"));

	/** Keys of Effective Receptive Field...: the layer stack and the conv layers' weights. */
	public static final Set<String> FIELD_KEYS = new LinkedHashSet<>(Arrays.asList("layers", "weights"));

	/** Largest input drawn from an image, per axis (the grid must stay readable). */
	public static final int MAX_IMAGE_CELLS = 16;

	private Visuals() {}

	/**
	 * The animation described by {@code options}; {@code active} (may be null) supplies the values
	 * when {@code use_image} is set: its selection (or top-left corner), at most 16×16, every channel.
	 */
	public static ImagePlus animation(String options, ImagePlus active) {
		OptionString o = OptionString.parse(options);
		o.checkKeys(ANIMATION_KEYS);
		int[] k = ConvOptions.pair(o.get("kernel", "3"), "kernel");
		int[] s = ConvOptions.pair(o.get("stride", "1"), "stride");
		int[] d = ConvOptions.pair(o.get("dilation", "1"), "dilation");
		Padding padding = ConvOptions.padding(o.get("padding", "0"), 2);
		PaddingMode mode = PaddingMode.fromLabel(o.get("padding_mode", "zeros"));
		float fill = ConvOptions.number(o.get("value", "0"), "value");
		mode.checkValue(fill);
		float[][] values;
		int w;
		int h;
		if (ConvOptions.flag(o, "use_image")) {
			if (active == null) throw new IllegalArgumentException("use_image needs an open image");
			Roi roi = active.getRoi();
			Rectangle r = ImageTensors.bounds(active, roi != null && roi.isArea() ? roi.getBounds() : null);
			r = new Rectangle(r.x, r.y, Math.min(r.width, MAX_IMAGE_CELLS), Math.min(r.height, MAX_IMAGE_CELLS));
			Tensor t = ImageTensors.toTensor(active, ChannelMapping.AUTO, r, active.getZ(), active.getT());
			w = t.width();
			h = t.height();
			values = new float[t.channels()][];
			for (int c = 0; c < values.length; c++) values[c] = t.plane(c);
		}
		else {
			w = positive(o.get("width", "5"), "width");
			h = positive(o.get("height", "5"), "height");
			int channels = positive(o.get("input_channels", "1"), "input_channels");
			if (w > 64 || h > 64 || channels > 8) {
				throw new IllegalArgumentException("an animation of " + w + " x " + h + " x " + channels + " cells would not be"
					+ " readable; allowed are width and height up to 64 and input_channels up to 8");
			}
			values = new float[channels][w * h];
			for (int c = 0; c < channels; c++) for (int i = 0; i < w * h; i++) values[c][i] = c * w * h + i + 1;
		}
		padding.checkRank(2);
		int[] px = padding.resolve(Axis.X, w, k[0], s[0], d[0]);
		int[] py = padding.resolve(Axis.Y, h, k[1], s[1], d[1]);
		SlidingWindow window = new SlidingWindow(AxisGeometry.of(Axis.X, w, k[0], s[0], d[0], px[0], px[1]),
			AxisGeometry.of(Axis.Y, h, k[1], s[1], d[1], py[0], py[1]), mode, fill);
		return ConvAnimation.render(window, values, "Conv Animation");
	}

	/** The property of an effective-field picture that holds the theoretical field's size, {@code WxH}. */
	public static final String FIELD_SIZE = "ConvKit.field";

	/**
	 * The effective receptive field of the stack {@code layers} (calculator text); {@code weights}
	 * lists one kernel per layer separated by {@code |} (a file, preset or text; {@code -} for
	 * layers without weights); without it, conv layers get uniform weights.
	 */
	public static ImagePlus effectiveField(String options) {
		OptionString o = OptionString.parse(options);
		o.checkKeys(FIELD_KEYS);
		String text = o.get("layers");
		if (text == null) throw new IllegalArgumentException("option 'layers' is required, e.g. layers=[conv k=3; conv k=3]");
		List<Layer> layers = LayerStackText.parse(text);
		List<float[]> weights = new ArrayList<>();
		String[] given = o.has("weights") ? o.get("weights").split("\\|", -1) : null;
		if (given != null && given.length != layers.size()) {
			throw new IllegalArgumentException("weights lists " + given.length + " entries for " + layers.size()
				+ " layers; give one per layer, '-' for layers without weights");
		}
		for (int i = 0; i < layers.size(); i++) {
			Layer l = layers.get(i);
			String g = given == null ? "-" : given[i].trim();
			if (l.kind() != LayerKind.CONV || g.equals("-") || g.isEmpty()) {
				float[] box = new float[l.kernelX() * l.kernelY()];
				Arrays.fill(box, 1f / box.length);
				weights.add(l.kind() == LayerKind.CONV ? box : null);
				continue;
			}
			NdArray a = KernelSource.array(g, ImageKernels.lookup(2));
			if (a.rank() != 2 || a.dim(0) != l.kernelY() || a.dim(1) != l.kernelX()) {
				throw new IllegalArgumentException("layer " + (i + 1) + " (" + l + ") needs a 2-D " + l.kernelY() + "x" + l.kernelX()
					+ " kernel, but '" + g + "' has shape " + a.shapeString());
			}
			weights.add(a.toArray());
		}
		float[][] map = EffectiveField.compose(layers, weights);
		int fh = map.length;
		int fw = map[0].length;
		int margin = 2;
		int bar = Math.max(2, fw / 8); // the colour bar's width, right of the field
		FloatProcessor fp = new FloatProcessor(fw + 3 * margin + bar, fh + 2 * margin);
		float max = 0;
		float min = 0;
		for (int y = 0; y < fh; y++) {
			for (int x = 0; x < fw; x++) {
				fp.setf(x + margin, y + margin, map[y][x]);
				max = Math.max(max, map[y][x]);
				min = Math.min(min, map[y][x]);
			}
		}
		for (int y = 0; y < fh; y++) { // the colour bar: the largest weight at the top, the smallest (or 0) at the bottom
			float v = fh == 1 ? max : max - (max - min) * y / (fh - 1);
			for (int x = 0; x < bar; x++) fp.setf(fw + 2 * margin + x, y + margin, v);
		}
		fp.setColorModel(ij.plugin.LutLoader.getLut("fire"));
		fp.setMinAndMax(min, max);
		ImagePlus imp = new ImagePlus("Effective RF", fp);
		Roi field = new Roi(margin, margin, fw, fh);
		field.setStrokeColor(Color.YELLOW);
		field.setName("theoretical receptive field " + fw + " x " + fh);
		Roi scale = new Roi(fw + 2 * margin, margin, bar, fh);
		scale.setStrokeColor(Color.WHITE);
		scale.setName("colour bar: top " + max + ", bottom " + min);
		Overlay ov = new Overlay(field);
		ov.add(scale);
		imp.setOverlay(ov);
		imp.setProp(FIELD_SIZE, fw + "x" + fh);
		imp.setProperty("Info", "Effective receptive field of output pixel (0, 0)\nlayers: " + text + "\nweights: "
			+ (given == null ? "uniform" : o.get("weights")) + "\ntheoretical field: " + fw + " x " + fh + " (yellow)\n" + "colour bar (right, white frame, LUT fire): weight " + max
			+ " at the top to " + min + " at the bottom\n"
			+ "ReLU taken as identity; max pooling as average pooling; image borders ignored.\n");
		return imp;
	}

	private static int positive(String v, String key) {
		int n = ConvOptions.integer(v, key);
		if (n < 1) throw new IllegalArgumentException(key + " must be at least 1, not " + n);
		return n;
	}
}
