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
 * Browse… for a stack file ({@code @FILE}), "Keep every layer's output", and under them, as they
 * change, every layer's output size, receptive field and jump on the active image — or the one
 * line that says which layer cannot run and why (OK is off then). The text is recorded on one
 * line with absolute file names ({@link StackText#recordable}), so the recorded line replays from
 * any folder.
 */
final class StackDialog implements DialogListener {

	/** What the user chose: the text as typed, the parsed stack, and whether every layer's output is kept. */
	static final class Choice {
		final String text;
		final StackText.Parsed parsed;
		final boolean keep;

		Choice(String text, StackText.Parsed parsed, boolean keep) {
			this.text = text;
			this.parsed = parsed;
			this.keep = keep;
		}
	}

	private final ImagePlus imp;
	private TextArea layersArea;
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
		gd.addCheckbox("Keep every layer's output (one image per layer)", keep);
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
		describe(text, keep);
		gd.addDialogListener(this);
		gd.addHelp(DialogHelp.simple("Conv Stack &mdash; PyTorch's nn.Sequential on the image", "Runs the layers one after the other on"
			+ " every plane (2-D stack) or frame (3-D stack, slices are depth) of the image; the image's channels are the input"
			+ " channels. Layers: <tt>conv</tt> (Conv2d/3d, weights <tt>[C_out, C_in/g, (kD,) kH, kW]</tt> from a .npy file),"
			+ " <tt>convt</tt> (ConvTranspose2d/3d, weights <tt>[C_in, C_out/g, ...]</tt>), <tt>maxpool</tt>, <tt>avgpool</tt>,"
			+ " <tt>bn</tt> (BatchNorm in eval mode), <tt>relu</tt>, <tt>leakyrelu</tt>. The lines under the fields give every"
			+ " layer's output size and receptive field. Keep every layer's output makes one image per layer, titled with the layer."
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
		layersArea.setName(StackText.OPTION);
		layersArea.addTextListener(gd);
		Button browse = new Button("Browse\u2026");
		browse.addActionListener(e -> {
			String current = layersArea.getText().trim();
			String path = FileChoice.open("Layers file (.txt)", current.startsWith("@") ? current.substring(1) : null, imageFolder());
			if (path != null) layersArea.setText("@" + path);
		});
		Panel side = new Panel(new BorderLayout());
		side.add(browse, BorderLayout.NORTH);
		Panel p = new Panel(new BorderLayout(6, 0));
		p.add(new Label("Layers:"), BorderLayout.WEST);
		p.add(layersArea, BorderLayout.CENTER);
		p.add(side, BorderLayout.EAST);
		return p;
	}

	private String imageFolder() {
		ij.io.FileInfo fi = imp.getOriginalFileInfo();
		return fi != null && fi.directory != null && !fi.directory.isEmpty() ? fi.directory : null;
	}

	@Override
	public boolean dialogItemChanged(GenericDialog gd, AWTEvent e) {
		String text = layersArea.getText();
		if (e == null && Recorder.record && readable(text)) { // after OK: ImageJ records the fields now, the layers first
			Recorder.recordOption(StackText.OPTION, StackText.recordable(text));
		}
		boolean keep = gd.getNextBoolean();
		return describe(text, keep);
	}

	/** Shows what the stack gives on the image, or why it cannot run; whether it can. */
	private boolean describe(String text, boolean keep) {
		try {
			StackText.Parsed p = parse(text);
			LayerStack stack = p.stack();
			ImageSource source = ImageSource.of(imp, ChannelMapping.AUTO, stack.rank());
			StackRun run = StackRun.prepare(stack, source.shape(), source.positions(), keep, ImageConvolution.IMAGEJ_MEMORY);
			status.setText(layersText(run, source.positions()));
			latest = new Choice(text, p, keep);
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
