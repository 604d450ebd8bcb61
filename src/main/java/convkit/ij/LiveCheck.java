package convkit.ij;

import convkit.io.Texts;
import ij.gui.DialogListener;
import ij.gui.GenericDialog;

import java.awt.AWTEvent;
import java.awt.BorderLayout;
import java.awt.Button;
import java.awt.Panel;
import java.awt.TextArea;
import java.util.function.Function;

/**
 * The live check every ConvKit dialog has: a line under the fields that says, as they change,
 * what the settings give or why they are invalid (wrapped, never cut), and OK switched off while
 * they are invalid — from the moment the dialog opens. {@code read} reads the dialog's fields in
 * order (as ImageJ records them) into the options; {@code check} returns what the options give, or
 * throws {@link IllegalArgumentException} with the reason.
 */
final class LiveCheck implements DialogListener {

	private final Function<GenericDialog, String> read;
	private final Function<String, String> check;
	private TextArea status;
	private volatile String options;
	private volatile String error;

	private LiveCheck(Function<GenericDialog, String> read, Function<String, String> check) {
		this.read = read;
		this.check = check;
	}

	/**
	 * Adds the status line to {@code gd} (after its fields), checks {@code initial} and shows the
	 * dialog; the options read after OK, or null when cancelled.
	 */
	static String show(GenericDialog gd, String initial, Function<GenericDialog, String> read, Function<String, String> check) {
		LiveCheck live = new LiveCheck(read, check);
		live.status = statusLine(gd, "");
		live.options = initial;
		live.describe(initial);
		gd.addDialogListener(live);
		okOffWhileInvalid(gd, () -> live.error == null);
		gd.showDialog();
		if (gd.wasCanceled()) return null;
		if (live.error != null) throw new IllegalArgumentException(live.error);
		return live.options;
	}

	/** Adds the status line, named {@code status}, under {@code gd}'s fields, showing {@code text}: three lines, wrapped. */
	static TextArea statusLine(GenericDialog gd, String text) {
		TextArea status = new TextArea(text, 3, 72, TextArea.SCROLLBARS_NONE); // wraps long reasons
		status.setEditable(false);
		status.setName("status");
		Panel p = new Panel(new BorderLayout());
		p.add(status, BorderLayout.CENTER);
		gd.addPanel(p);
		return status;
	}

	/**
	 * Keeps {@code gd}'s OK off when it opens with settings that are not {@code valid} (ImageJ
	 * switches it as the listener answers afterwards).
	 */
	static void okOffWhileInvalid(GenericDialog gd, java.util.function.BooleanSupplier valid) {
		gd.addWindowListener(new java.awt.event.WindowAdapter() {
			@Override
			public void windowOpened(java.awt.event.WindowEvent e) {
				Button[] b = gd.getButtons();
				if (b != null && b.length > 0 && b[0] != null) b[0].setEnabled(valid.getAsBoolean());
			}
		});
	}

	@Override
	public boolean dialogItemChanged(GenericDialog gd, AWTEvent e) {
		String o = read.apply(gd);
		options = o;
		return describe(o);
	}

	private boolean describe(String o) {
		try {
			status.setText(check.apply(o));
			error = null;
			return true;
		}
		catch (IllegalArgumentException ex) {
			error = Texts.message(ex.getMessage());
			status.setText("\u26a0 " + error);
			return false;
		}
	}
}
