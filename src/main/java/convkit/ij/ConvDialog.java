package convkit.ij;

import convkit.engine.Axis;
import convkit.engine.AxisGeometry;
import convkit.engine.ConvPlan;
import convkit.engine.ConvSpec;
import convkit.engine.Kernel;
import convkit.engine.PaddingMode;
import convkit.image.ImageKernels;
import convkit.image.ImageSource;
import convkit.options.ChannelMapping;
import convkit.options.ConvOptions;
import convkit.options.Conversion;
import convkit.options.OptionString;
import convkit.options.OutputType;
import ij.ImagePlus;
import ij.gui.DialogListener;
import ij.gui.GenericDialog;

import java.awt.AWTEvent;
import java.awt.Label;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Conv2D and Conv3D dialog. Its labels give exactly the macro keys (a GenericDialog key is
 * the label's first word, lower-cased), choices come from enums, and a line under the fields
 * shows, as they change, the output size and receptive field per axis or why the settings are
 * invalid.
 */
final class ConvDialog implements DialogListener {

	private final ImagePlus imp;
	private final int rank;
	private Label status;
	private volatile ConvOptions latest;
	private volatile String latestError;
	private String lastKernelText;
	private Kernel lastKernel;

	ConvDialog(ImagePlus imp, int rank) {
		this.imp = imp;
		this.rank = rank;
	}

	/** Shows the dialog; the options, or null when cancelled. Fields are recorded by ImageJ. */
	ConvOptions show(ConvOptions defaults) {
		String axes = rank == 3 ? " (x,y,z):" : " (x,y):";
		GenericDialog gd = new GenericDialog("Conv" + rank + "D");
		gd.addStringField("Kernel:", defaults.kernelText(), 36);
		gd.addStringField("Bias:", defaults.biasText() == null ? "" : defaults.biasText(), 36);
		gd.addStringField("Stride" + axes, ConvSpec.perAxis(defaults.spec().strides()), 8);
		gd.addStringField("Padding:", defaults.spec().padding().toString(), 14);
		gd.addChoice("Padding_mode:", PaddingMode.getAllLabels(), defaults.spec().mode().label());
		gd.addStringField("Value (fill of padding_mode constant):", ConvSpec.valueText(defaults.spec().value()), 8);
		gd.addStringField("Dilation" + axes, ConvSpec.perAxis(defaults.spec().dilations()), 8);
		gd.addNumericField("Groups:", defaults.spec().groups(), 0);
		gd.addCheckbox("Flip (true convolution, kernel rotated 180\u00b0)", defaults.spec().flip());
		gd.addCheckbox("Normalize (divide each kernel by its sum)", defaults.spec().normalize());
		if (rank == 2) gd.addChoice("Channels:", ChannelMapping.getAllLabels(), defaults.channels().label());
		gd.addChoice("Output_type (float, or same: the input's bit depth):", OutputType.getAllLabels(), defaults.output().label());
		gd.addChoice("Convert (to 8/16-bit):", Conversion.getAllLabels(), defaults.output().conversion().label());
		gd.addMessage(rank == 3
			? "Kernel: a .npy/.csv/.txt file, an open stack's title, box3d(n), box3d(x,y,z), gaussian3d(sigma),\n"
				+ "gaussian3d(sx,sy,sz) or text.  Stride, dilation: N or X,Y,Z.  Padding: P, PX,PY,PZ,\n"
				+ "L,R,T,B,F,K (left, right, top, bottom, front, back), same, same_lower or valid. Frames are convolved one by one."
			: "Kernel: a .npy/.csv/.txt file, an open image's title, a preset (identity, box(n), gaussian(sigma),\n"
				+ "sobel_x, sobel_y, prewitt_x, prewitt_y, laplacian, sharpen, random(n, seed)) or text: 1 2 1; 2 4 2; 1 2 1\n"
				+ "Stride, dilation: N or X,Y.  Padding: P, PX,PY, L,R,T,B, same, same_lower (extra pixel first) or valid.");
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
			latestError = convkit.io.Texts.message(ex.getMessage());
			status.setText("\u26a0 " + latestError);
			return false;
		}
		latest = o;
		latestError = null;
		String text = describe(o);
		status.setText(text);
		return !text.startsWith("\u26a0");
	}

	/** Reads the fields in order (which is what ImageJ records) into options. */
	private ConvOptions read(GenericDialog gd) {
		Map<String, String> m = new LinkedHashMap<>();
		m.put(ConvOptions.KERNEL, gd.getNextString());
		m.put(ConvOptions.BIAS, gd.getNextString());
		m.put(ConvOptions.STRIDE, gd.getNextString());
		m.put(ConvOptions.PADDING, gd.getNextString());
		m.put(ConvOptions.PADDING_MODE, gd.getNextChoice());
		m.put(ConvOptions.VALUE, gd.getNextString());
		m.put(ConvOptions.DILATION, gd.getNextString());
		double groups = gd.getNextNumber();
		if (Double.isNaN(groups)) throw new IllegalArgumentException("groups is not a number");
		m.put(ConvOptions.GROUPS, Long.toString(Math.round(groups)));
		m.put(ConvOptions.FLIP, Boolean.toString(gd.getNextBoolean()));
		m.put(ConvOptions.NORMALIZE, Boolean.toString(gd.getNextBoolean()));
		if (rank == 2) m.put(ConvOptions.CHANNELS, gd.getNextChoice());
		m.put(ConvOptions.OUTPUT_TYPE, gd.getNextChoice());
		m.put(ConvOptions.CONVERT, gd.getNextChoice());
		return ConvOptions.from(OptionString.of(m), rank);
	}

	/** "Output [2, 96, 128] per position; receptive field 3 x 3, jump 2 x 2, padding ...", or the reason it is invalid. */
	private String describe(ConvOptions o) {
		try {
			if (!o.kernelText().equals(lastKernelText)) {
				lastKernelText = o.kernelText();
				lastKernel = null;
				lastKernel = o.kernel(ImageKernels.lookup(rank));
			}
			if (lastKernel == null) throw new IllegalArgumentException("kernel '" + o.kernelText() + "' could not be read");
			ConvPlan p = ConvPlan.of(ImageSource.of(imp, o.channels(), rank).shape(), lastKernel, o.bias(), o.spec());
			StringBuilder field = new StringBuilder();
			StringBuilder jump = new StringBuilder();
			StringBuilder pad = new StringBuilder();
			for (Axis a : Axis.of(rank)) {
				AxisGeometry g = p.axis(a);
				String sep = a == Axis.X ? "" : " x ";
				field.append(sep).append(g.effectiveKernel());
				jump.append(sep).append(g.stride());
				pad.append(a == Axis.X ? "" : ",").append(g.padLo()).append(',').append(g.padHi());
			}
			return "Output " + p.outputShape() + (rank == 3 ? " per frame" : " per position") + "; receptive field " + field + ", jump "
				+ jump + ", padding " + (rank == 3 ? "" : "(l,r,t,b) ") + pad;
		}
		catch (IllegalArgumentException ex) {
			return "\u26a0 " + convkit.io.Texts.message(ex.getMessage());
		}
	}
}
