package convkit.ij;

import convkit.engine.ConvPlan;
import convkit.engine.Kernel;
import convkit.engine.PaddingMode;
import convkit.options.ChannelMapping;
import convkit.options.ConvOptions;
import convkit.options.OptionString;
import ij.ImagePlus;
import ij.gui.DialogListener;
import ij.gui.GenericDialog;

import java.awt.AWTEvent;
import java.awt.Label;
import java.awt.Rectangle;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Conv2D dialog. Its labels give exactly the macro keys of DESIGN.md §2 (a GenericDialog key
 * is the label's first word, lower-cased), choices come from enums, and a line under the fields
 * shows, as they change, the output size and receptive field or why the settings are invalid.
 */
final class Conv2DDialog implements DialogListener {

	private static final String[] LABELS = { "Kernel:", "Bias:", "Stride:", "Padding:", "Padding_mode:", "Dilation:",
		"Groups:", "Flip (true convolution, kernel rotated 180\u00b0)", "Normalize (divide each kernel by its sum)",
		"Channels:" };

	private final ImagePlus imp;
	private Label status;
	private volatile ConvOptions latest;
	private volatile String latestError;
	private String lastKernelText;
	private Kernel lastKernel;

	Conv2DDialog(ImagePlus imp) {
		this.imp = imp;
	}

	/** Shows the dialog; the options, or null when cancelled. Fields are recorded by ImageJ. */
	ConvOptions show(ConvOptions defaults) {
		GenericDialog gd = new GenericDialog("Conv2D");
		gd.addStringField(LABELS[0], defaults.kernelText(), 36);
		gd.addStringField(LABELS[1], defaults.biasText() == null ? "" : defaults.biasText(), 36);
		gd.addStringField(LABELS[2], pair(defaults.spec().strideX(), defaults.spec().strideY()), 8);
		gd.addStringField(LABELS[3], defaults.spec().padding().toString(), 12);
		gd.addChoice(LABELS[4], PaddingMode.getAllLabels(), defaults.spec().mode().label());
		gd.addStringField(LABELS[5], pair(defaults.spec().dilationX(), defaults.spec().dilationY()), 8);
		gd.addNumericField(LABELS[6], defaults.spec().groups(), 0);
		gd.addCheckbox(LABELS[7], defaults.spec().flip());
		gd.addCheckbox(LABELS[8], defaults.spec().normalize());
		gd.addChoice(LABELS[9], ChannelMapping.getAllLabels(), defaults.channels().label());
		gd.addMessage("Kernel: a .npy/.csv/.txt file, an open image's title, a preset (identity, box(n), gaussian(sigma),\n"
			+ "sobel_x, sobel_y, prewitt_x, prewitt_y, laplacian, sharpen, random(n, seed)) or text: 1 2 1; 2 4 2; 1 2 1\n"
			+ "Stride, dilation: N or X,Y.  Padding: P, PX,PY, L,R,T,B, same or valid.");
		gd.addMessage(describe(defaults));
		status = (Label) gd.getMessage();
		latest = defaults;
		gd.addDialogListener(this);
		gd.addHelp("https://github.com/convkit/ConvKit#readme");
		gd.showDialog();
		if (gd.wasCanceled()) return null;
		// ImageJ records the fields when it calls the listener a last time (event null) after OK, on
		// its own thread; reading them here again would record every key twice. The listener has
		// already read the same values, so they are used as they are.
		if (latestError != null) throw new IllegalArgumentException(latestError);
		return latest;
	}

	@Override
	public boolean dialogItemChanged(GenericDialog gd, AWTEvent e) {
		ConvOptions o;
		try {
			o = read(gd);
		}
		catch (IllegalArgumentException ex) {
			latestError = ex.getMessage();
			status.setText("\u26a0 " + ex.getMessage());
			return false;
		}
		latest = o;
		latestError = null;
		String text = describe(o);
		status.setText(text);
		return !text.startsWith("\u26a0");
	}

	/** Reads the fields in order (which is what ImageJ records) into options. */
	private static ConvOptions read(GenericDialog gd) {
		Map<String, String> m = new LinkedHashMap<>();
		m.put(ConvOptions.KERNEL, gd.getNextString());
		m.put(ConvOptions.BIAS, gd.getNextString());
		m.put(ConvOptions.STRIDE, gd.getNextString());
		m.put(ConvOptions.PADDING, gd.getNextString());
		m.put(ConvOptions.PADDING_MODE, gd.getNextChoice());
		m.put(ConvOptions.DILATION, gd.getNextString());
		double groups = gd.getNextNumber();
		if (Double.isNaN(groups)) throw new IllegalArgumentException("groups is not a number");
		m.put(ConvOptions.GROUPS, Long.toString(Math.round(groups)));
		m.put(ConvOptions.FLIP, Boolean.toString(gd.getNextBoolean()));
		m.put(ConvOptions.NORMALIZE, Boolean.toString(gd.getNextBoolean()));
		m.put(ConvOptions.CHANNELS, gd.getNextChoice());
		return ConvOptions.from(OptionString.of(m));
	}

	/** "output [2, 96, 128] · receptive field 3 x 3 · jump 2 x 2", or the reason it is invalid. */
	private String describe(ConvOptions o) {
		try {
			if (!o.kernelText().equals(lastKernelText)) {
				lastKernelText = o.kernelText();
				lastKernel = null;
				lastKernel = o.kernel(ImageKernels::byTitle);
			}
			if (lastKernel == null) throw new IllegalArgumentException("kernel '" + o.kernelText() + "' could not be read");
			Rectangle r = imp.getRoi() != null && imp.getRoi().isArea() ? imp.getRoi().getBounds() : null;
			Rectangle b = ImageTensors.bounds(imp, r);
			int channels = ImageTensors.layout(imp, o.channels()).channels();
			ConvPlan p = ConvPlan.of(channels, b.height, b.width, lastKernel, o.bias(), o.spec());
			return "Output " + p.outputShapeString() + " per position; receptive field " + p.x().effectiveKernel() + " x "
				+ p.y().effectiveKernel() + ", jump " + p.x().stride() + " x " + p.y().stride() + ", padding (l,r,t,b) "
				+ p.x().padLo() + "," + p.x().padHi() + "," + p.y().padLo() + "," + p.y().padHi();
		}
		catch (IllegalArgumentException ex) {
			return "\u26a0 " + ex.getMessage();
		}
	}

	private static String pair(int x, int y) {
		return x == y ? Integer.toString(x) : x + "," + y;
	}
}
