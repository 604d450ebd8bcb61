package convkit.ij;

import convkit.engine.Axis;
import convkit.engine.LayerStack;
import convkit.geometry.AxisChain;
import convkit.geometry.FieldMap;
import convkit.geometry.StackFields;
import convkit.image.ImageConvolution;
import convkit.image.ImageSource;
import convkit.io.StackText;
import convkit.options.ChannelMapping;
import convkit.run.StackRun;
import ij.ImagePlus;
import ij.gui.DialogListener;
import ij.gui.GenericDialog;
import ij.plugin.frame.Recorder;

import java.awt.AWTEvent;
import java.awt.BorderLayout;
import java.awt.Button;
import java.awt.Label;
import java.awt.Panel;
import java.awt.TextArea;
import java.util.List;
import java.util.Locale;

/**
 * The Conv Stack dialog: the stack text in an area of several lines (one layer a line) with a
 * Browse… for a stack file ({@code @FILE}), "Keep every layer's output" (for a virtual stack, the
 * Output file its result is written to plane by plane instead), and under them, as they
 * change, every layer's output size, receptive field and jump on the active image — or the one
 * line that says which layer cannot run and why (OK is off then). The text is recorded on one
 * line with absolute file names ({@link StackText#recordable}), so the recorded line replays from
 * any folder.
 */
final class StackDialog implements DialogListener {

	/** What the user chose: the text as typed, and the options (the parsed stack, keep, the output file of a virtual stack). */
	static final class Choice {
		final String text;
		final StackOptions options;

		Choice(String text, StackOptions options) {
			this.text = text;
			this.options = options;
		}
	}

	private final ImagePlus imp;
	private TextArea layersArea;
	/** The output file of a virtual stack (null for other images: their result is a new image). */
	private java.awt.TextField outputField;
	private TextArea status;
	private volatile String latestError;
	private volatile Choice latest;
	private String parsedText;
	private StackText.Parsed parsed;
	private IllegalArgumentException parseError;

	StackDialog(ImagePlus imp) {
		this.imp = imp;
	}

	/** Shows the dialog with {@code text} and {@code keep}; the choice, or null when cancelled. */
	Choice show(String text, boolean keep) {
		GenericDialog gd = new GenericDialog("Conv Stack");
		gd.addPanel(layersPanel(gd, text));
		if (imp.getStack().isVirtual()) gd.addPanel(outputPanel(gd)); // its result goes to a file: no images to keep
		else gd.addCheckbox("Keep every layer's output (one image per layer)", keep);
		gd.addMessage("One layer a line: conv w=W.npy [b=B.npy] s p d g mode;  convt w= s p op d g;  maxpool k s p d ceil;\n"
			+ "avgpool k s p ceil cip;  bn mean= var= [w= b=] eps;  relu;  leakyrelu slope.   Per axis: x,y(,z) or PyTorch's (H, W).\n"
			+ "Browse\u2026 picks a stack file (@FILE: the names in it are relative to its folder).");
		status = new TextArea("", 9, 84, TextArea.SCROLLBARS_VERTICAL_ONLY);
		status.setEditable(false);
		status.setName("status");
		status.setFont(new java.awt.Font(java.awt.Font.MONOSPACED, java.awt.Font.PLAIN, 12)); // the columns line up
		Panel p = new Panel(new BorderLayout());
		p.add(status, BorderLayout.CENTER);
		gd.addPanel(p);
		describe(text, keep && outputField == null, outputField == null ? null : outputField.getText().trim());
		gd.addDialogListener(this);
		gd.addHelp(DialogHelp.simple("Conv Stack &mdash; PyTorch's nn.Sequential on the image", "Runs the layers one after the other on"
			+ " every plane (2-D stack) or frame (3-D stack, slices are depth) of the image; the image's channels are the input"
			+ " channels. Layers: <tt>conv</tt> (Conv2d/3d, weights <tt>[C_out, C_in/g, (kD,) kH, kW]</tt> from a .npy file),"
			+ " <tt>convt</tt> (ConvTranspose2d/3d, weights <tt>[C_in, C_out/g, ...]</tt>), <tt>maxpool</tt>, <tt>avgpool</tt>,"
			+ " <tt>bn</tt> (BatchNorm in eval mode), <tt>relu</tt>, <tt>leakyrelu</tt>. The lines under the fields give every"
			+ " layer's output size and receptive field (exact fractions past a transposed layer). Keep every layer's output makes one"
			+ " image per layer, titled with the layer; a virtual stack's result goes to the Output file instead, plane by plane."
			+ " Every result carries its geometry: the Receptive Field Overlay shows where a pixel of it looks in the image."
			+ " Macro: <tt>run(\"Conv Stack...\", \"layers=[conv w=[/path/w.npy] p=1; relu; maxpool k=2] keep\");</tt>"
			+ " tools/torch_to_stack.py turns a PyTorch nn.Sequential into a stack file."));
		LiveCheck.okOffWhileInvalid(gd, () -> latestError == null);
		gd.showDialog();
		if (gd.wasCanceled()) return null;
		// the listener has read (and ImageJ recorded) the fields a last time after OK, with a null event
		if (latestError != null) throw new IllegalArgumentException(latestError);
		return latest;
	}

	/** "Layers:", the text area, and Browse… for a stack file, which puts {@code @/absolute/path} in the area. */
	private Panel layersPanel(GenericDialog gd, String text) {
		layersArea = new TextArea(text, 6, 60, TextArea.SCROLLBARS_VERTICAL_ONLY);
		return FileChoice.withBrowse(gd, "Layers", layersArea, current -> {
			String c = current.trim();
			String path = FileChoice.open("Layers file (.txt)", c.startsWith("@") ? c.substring(1) : null, FileChoice.imageFolder(imp));
			return path == null ? null : "@" + path;
		});
	}

	/**
	 * "Output:" for a virtual stack: the TIFF the last layer's output is written to plane by plane
	 * (a virtual stack is not read into memory, so neither is its result), with Browse… to choose it.
	 */
	private Panel outputPanel(GenericDialog gd) {
		String folder = FileChoice.imageFolder(imp);
		String dir = folder != null ? folder : System.getProperty("user.home");
		outputField = new java.awt.TextField(new java.io.File(dir, convkit.run.OutputPolicy.stem(imp.getTitle()) + "-stack.tif").getAbsolutePath(), 44);
		return FileChoice.withBrowse(gd, "Output", outputField, current -> FileChoice.save("Output file (.tif)", current, folder));
	}

	@Override
	public boolean dialogItemChanged(GenericDialog gd, AWTEvent e) {
		String text = layersArea.getText();
		String output = outputField == null ? null : outputField.getText().trim();
		if (e == null && Recorder.record && readable(text)) { // after OK: ImageJ records the fields now, the layers first
			Recorder.recordOption(StackText.OPTION, StackText.recordable(text));
			if (output != null && !output.isEmpty()) Recorder.recordOption(StackOptions.OUTPUT, output);
		}
		boolean keep = outputField == null && gd.getNextBoolean();
		return describe(text, keep, output);
	}

	/** Shows what the stack gives on the image, or why it cannot run; whether it can. */
	private boolean describe(String text, boolean keep, String output) {
		try {
			StackText.Parsed p = parse(text);
			LayerStack stack = p.stack();
			ImageSource source = ImageSource.of(imp, ChannelMapping.AUTO, stack.rank());
			StackOptions options;
			StackRun run;
			if (output != null) { // a virtual stack: to a file, plane by plane
				if (output.isEmpty()) throw new IllegalArgumentException("a virtual stack's result is written to a file: choose the output file");
				java.nio.file.Path out = java.nio.file.Paths.get(output);
				convkit.files.FileSinks.checkOutput(out);
				convkit.run.OutputPolicy.checkWrites(source.file(), p.reads(), java.util.Optional.of(out));
				options = new StackOptions(p, false, output);
				run = StackRun.of(stack, source.shape(), false);
			}
			else {
				options = new StackOptions(p, keep, null);
				run = StackRun.prepare(stack, source.shape(), source.positions(), keep, ImageConvolution.IMAGEJ_MEMORY);
			}
			status.setText(layersText(run, source.positions()) + (output != null ? "\nwritten to the output file plane by plane (a virtual stack)"
				: ""));
			latest = new Choice(text, options);
			latestError = null;
			return true;
		}
		catch (IllegalArgumentException ex) {
			latestError = convkit.io.Texts.message(ex.getMessage());
			status.setText("\u26a0 " + latestError);
			return false;
		}
	}

	/** The text parsed, read again only when it changed (the weights are files). */
	private StackText.Parsed parse(String text) {
		if (!text.equals(parsedText)) {
			parsedText = text;
			parsed = null;
			parseError = null;
			try {
				parsed = StackText.fromOption(text.trim().startsWith("@") ? text.trim() : text);
			}
			catch (IllegalArgumentException e) {
				parseError = e;
			}
		}
		if (parseError != null) throw parseError;
		return parsed;
	}

	/** Whether {@code text} parses (why not is shown by {@link #describe}). */
	private boolean readable(String text) {
		try {
			parse(text);
			return true;
		}
		catch (IllegalArgumentException shownInTheStatus) {
			return false;
		}
	}

	/** Every layer's output shape, receptive field and jump; the first line says what runs on what. */
	static String layersText(StackRun run, int positions) {
		LayerStack stack = run.stack();
		LayerStack.Prepared prepared = run.prepared();
		List<AxisChain[]> fields = StackFields.of(prepared);
		StringBuilder sb = new StringBuilder();
		sb.append(String.format(Locale.ROOT, "%d-D stack on %s%s -> %s", stack.rank(), prepared.inputShape(), positions > 1
			? " x " + positions + (stack.rank() == 3 ? " frames" : " planes") : "", prepared.outputShape()));
		for (int i = 0; i < prepared.steps().size(); i++) {
			sb.append(String.format(Locale.ROOT, "%n%-20s -> %-18s ", stack.name(i), prepared.shapeAfter(i)));
			StringBuilder field = new StringBuilder();
			StringBuilder jump = new StringBuilder();
			for (Axis a : Axis.of(stack.rank())) {
				String sep = a == Axis.X ? "" : " x ";
				FieldMap m = fields.get(i)[a.ordinal()].map();
				field.append(sep).append(m.field());
				jump.append(sep).append(m.jump());
			}
			sb.append("field ").append(field).append(", jump ").append(jump);
		}
		return sb.toString();
	}
}
