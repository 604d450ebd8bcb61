package convkit.ij;

import convkit.engine.Axis;
import convkit.engine.AxisGeometry;
import convkit.engine.ConvPlan;
import convkit.engine.ConvSpec;
import convkit.engine.Kernel;
import convkit.engine.PaddingMode;
import convkit.files.FileSinks;
import convkit.image.ImageKernels;
import convkit.image.ImageSource;
import convkit.options.ChannelMapping;
import convkit.options.ConvOptions;
import convkit.options.Conversion;
import convkit.options.OptionString;
import convkit.options.OutputType;
import convkit.run.ConvRunner;
import ij.ImagePlus;
import ij.gui.DialogListener;
import ij.gui.GenericDialog;
import ij.plugin.frame.Recorder;

import java.awt.AWTEvent;
import java.awt.BorderLayout;
import java.awt.Label;
import java.awt.Panel;
import java.awt.TextArea;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Conv2D and Conv3D dialog. Its labels give exactly the macro keys (a GenericDialog key is
 * the label's first word, lower-cased), choices come from enums, and lines under the fields show,
 * as they change, the output size and receptive field per axis or why the settings are invalid
 * (wrapped, never cut). The kernel is a text area of several lines with a Browse… button for a
 * kernel file; paths to files are recorded absolute, so the recorded line replays from anywhere.
 */
final class ConvDialog implements DialogListener {

	private final ImagePlus imp;
	private final int rank;
	private TextArea status;
	private TextArea kernelArea;
	private java.awt.TextField biasField;
	/** The output file of a virtual stack (null for other images: their result is a new image). */
	private java.awt.TextField outputField;
	private volatile String output;
	private volatile ConvOptions latest;
	private volatile String latestError;
	private String lastKernelText;
	private Kernel lastKernel;
	private java.awt.Checkbox previewBox;
	private Label previewStatus;
	private DialogPreview preview;

	ConvDialog(ImagePlus imp, int rank) {
		this.imp = imp;
		this.rank = rank;
	}

	/** Shows the dialog; the options, or null when cancelled. Fields are recorded by ImageJ. */
	ConvOptions show(ConvOptions defaults) {
		String axes = rank == 3 ? " (x,y,z):" : " (x,y):";
		GenericDialog gd = new GenericDialog("Conv" + rank + "D");
		gd.addPanel(kernelPanel(gd, defaults.kernelText()));
		gd.addPanel(biasPanel(gd, defaults.biasText() == null ? "" : defaults.biasText()));
		if (imp.getStack().isVirtual()) gd.addPanel(outputPanel(gd));
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
				+ "gaussian3d(sx,sy,sz) or text.  Stride, dilation: N, X,Y,Z or PyTorch's (D, H, W).  Padding: P, PX,PY,PZ,\n"
				+ "L,R,T,B,F,K (left, right, top, bottom, front, back), same, same_lower or valid. Frames are convolved one by one."
			: "Kernel: a .npy/.csv/.txt file, an open image's title, a preset (identity, box(n), gaussian(sigma),\n"
				+ "sobel_x, sobel_y, prewitt_x, prewitt_y, laplacian, sharpen, random(n, seed)) or text: 1 2 1; 2 4 2; 1 2 1\n"
				+ "Stride, dilation: N, X,Y or PyTorch's (H, W).  Padding: P, PX,PY, L,R,T,B, (H, W), same, same_lower or valid.");
		String first = describe(defaults);
		status = LiveCheck.statusLine(gd, first);
		gd.addPanel(previewPanel());
		latest = defaults;
		latestError = first.startsWith("\u26a0") ? first.substring(2) : null;
		gd.addDialogListener(this);
		gd.addHelp(DialogHelp.conv(rank));
		LiveCheck.okOffWhileInvalid(gd, () -> latestError == null);
		preview = new DialogPreview(imp, rank, line -> java.awt.EventQueue.invokeLater(() -> previewStatus.setText(line)));
		try {
			gd.showDialog();
		}
		finally {
			preview.close();
		}
		if (gd.wasCanceled()) return null;
		// ImageJ records the fields when it calls the listener a last time (event null) after OK, on
		// its own thread; reading them here again would record every key twice. The listener has
		// already read the same values, so they are used as they are.
		if (latestError != null) throw new IllegalArgumentException(latestError);
		return latest;
	}

	/**
	 * "Preview": a checkbox of ConvKit's own (not recorded) that shows the result for the current
	 * position in a preview window, recomputed as the settings change.
	 */
	private Panel previewPanel() {
		previewBox = new java.awt.Checkbox("Preview (current " + (rank == 3 ? "frame" : "plane") + ")", false);
		previewBox.setName("preview");
		previewStatus = new Label(" ".repeat(90), Label.LEFT); // wide enough for its longest line
		previewBox.addItemListener(e -> {
			if (previewBox.getState() && latestError == null) preview.update(latest);
			else if (!previewBox.getState()) {
				preview.hide();
				previewStatus.setText("");
			}
		});
		Panel p = new Panel(new BorderLayout(6, 0));
		p.add(previewBox, BorderLayout.WEST);
		p.add(previewStatus, BorderLayout.CENTER);
		return p;
	}

	/** "Kernel:", a text area of a few lines (typed kernels, paths, presets) and Browse… for a file. */
	private Panel kernelPanel(GenericDialog gd, String text) {
		kernelArea = new TextArea(text, 3, 44, TextArea.SCROLLBARS_VERTICAL_ONLY);
		return withBrowse(gd, "Kernel", kernelArea);
	}

	/** "Bias:" and its field (a file, or numbers), with Browse… for a file. */
	private Panel biasPanel(GenericDialog gd, String text) {
		biasField = new java.awt.TextField(text, 44);
		return withBrowse(gd, "Bias", biasField);
	}

	/**
	 * "Output:" for a virtual stack: the TIFF the result is written to plane by plane (a virtual
	 * stack is not read into memory, so neither is its result), with Browse… to choose it.
	 */
	private Panel outputPanel(GenericDialog gd) {
		String title = imp.getTitle().replaceFirst("(?i)\\.tiff?$", "");
		String dir = imp.getOriginalFileInfo() != null && imp.getOriginalFileInfo().directory != null
			? imp.getOriginalFileInfo().directory : System.getProperty("user.home");
		outputField = new java.awt.TextField(new File(dir, title + "-conv.tif").getAbsolutePath(), 44);
		return withBrowse(gd, "Output", outputField);
	}

	/** The output file chosen for a virtual stack, after {@link #show}; null for other images. */
	String output() {
		return output;
	}

	/** "{@code name}:", {@code field} and Browse… for a file to read (a file to write for "Output"). */
	private Panel withBrowse(GenericDialog gd, String name, java.awt.TextComponent field) {
		String startFolder = FileChoice.imageFolder(imp);
		return FileChoice.withBrowse(gd, name, field, current -> name.equals("Output") ? FileChoice.save("Output file (.tif)", current, startFolder)
			: FileChoice.open(name + " file (.npy, .csv, .txt)", current, startFolder));
	}

	/** The kernel as one line: rows of typed numbers joined by {@code ;}, nested lists by spaces. */
	static String oneLine(String text) {
		String t = text.replace("\r", "").trim();
		if (!t.contains("\n")) return t;
		return t.replaceAll("\\s*\n\\s*", t.contains("[") ? " " : "; ").replaceAll(";\\s*;", ";");
	}

	/** {@code text} made absolute when it names an existing file relative to the working folder (how it is read). */
	static String absoluteIfFile(String text) {
		String t = text.trim();
		if (t.isEmpty()) return t;
		try {
			Path p = Paths.get(t);
			return !p.isAbsolute() && Files.isRegularFile(p) ? p.toAbsolutePath().normalize().toString() : t;
		}
		catch (InvalidPathException notAPath) {
			return t;
		}
	}

	@Override
	public boolean dialogItemChanged(GenericDialog gd, AWTEvent e) {
		ConvOptions o;
		try {
			o = read(gd, e == null);
		}
		catch (IllegalArgumentException ex) {
			latestError = convkit.io.Texts.message(ex.getMessage());
			status.setText("\u26a0 " + latestError);
			return false;
		}
		latest = o;
		String text = describe(o);
		status.setText(text);
		boolean valid = !text.startsWith("\u26a0");
		latestError = valid ? null : text.substring(2);
		if (previewBox != null && previewBox.getState() && e != null) {
			if (valid) preview.update(o);
			else previewStatus.setText("Preview not updated: the settings are invalid");
		}
		return valid;
	}

	/**
	 * Reads the fields in order (which is what ImageJ records) into options; {@code last}: the
	 * read after OK, when ImageJ records the fields — the kernel area and the bias field, not
	 * fields of ImageJ's own, are recorded here, first, as the {@code kernel} and {@code bias} keys.
	 */
	private ConvOptions read(GenericDialog gd, boolean last) {
		Map<String, String> m = new LinkedHashMap<>();
		String kernel = absoluteIfFile(oneLine(kernelArea.getText()));
		if (last && Recorder.record) Recorder.recordOption(ConvOptions.KERNEL, kernel);
		m.put(ConvOptions.KERNEL, kernel);
		String bias = absoluteIfFile(biasField.getText());
		if (last && Recorder.record && !bias.isEmpty()) Recorder.recordOption(ConvOptions.BIAS, bias);
		m.put(ConvOptions.BIAS, bias);
		if (outputField != null) {
			String out = outputField.getText().trim();
			if (out.isEmpty()) throw new IllegalArgumentException("a virtual stack's result is written to a file: choose the output file");
			FileSinks.checkOutput(Paths.get(out));
			if (last && Recorder.record) Recorder.recordOption(ConvMacroOptions.OUTPUT, out);
			output = out;
		}
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
		ConvOptions options = ConvOptions.from(OptionString.of(m), rank);
		if (output != null) { // the output file is none of the files the run reads, said as the settings are typed
			convkit.run.OutputPolicy.checkWrites(ImageSource.of(imp, options.channels(), rank).file(), options.files(),
				java.util.Optional.of(Paths.get(output)));
		}
		return options;
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
			ImageSource source = ImageSource.of(imp, o.channels(), rank);
			ConvRunner.checkSlices(source, lastKernel, o.spec());
			ConvPlan p;
			try {
				p = ConvPlan.of(source.shape(), lastKernel, o.bias(), o.spec());
			}
			catch (IllegalArgumentException refusal) {
				throw ConvRunner.withStackHint(refusal, source, lastKernel, o.spec());
			}
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
				+ jump + ", padding " + (rank == 3 ? "" : "(l,r,t,b) ") + pad + (outputField != null
					? "; a virtual stack: read and written to the output file plane by plane" : "");
		}
		catch (IllegalArgumentException ex) {
			return "\u26a0 " + convkit.io.Texts.message(ex.getMessage());
		}
	}
}
