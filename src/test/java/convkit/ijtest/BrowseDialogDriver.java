package convkit.ijtest;

import ij.IJ;
import ij.ImageJ;
import ij.ImagePlus;
import ij.Prefs;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.plugin.frame.Recorder;

import java.awt.Button;
import java.awt.Checkbox;
import java.awt.Component;
import java.awt.Container;
import java.awt.TextField;
import java.awt.Window;
import java.awt.event.ActionEvent;
import java.awt.event.ItemEvent;
import java.awt.event.TextEvent;
import java.io.File;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;

import javax.swing.JFileChooser;

/**
 * Drives the Conv2D or Conv3D dialog as a first-hour user does, with the macro Recorder on:
 * picks the kernel and the bias with Browse… (the file chooser answered as a user would), ticks
 * Preview, changes the stride and unticks Preview, presses OK, then replays the recorded line.
 * Prints {@code RECORDED=}, {@code KERNEL_KEYS=} and {@code BIAS_KEYS=} (how often each key is in
 * the line), {@code BROWSE_FOLDER=} (where the chooser opened), {@code PREVIEW_SIZE=} (the preview
 * window's width x height x channels, or none), {@code PREVIEW_AFTER_STRIDE=}, {@code PREVIEW_CLOSED=},
 * {@code IMAGES_BEFORE_OK=} (titles open then), {@code REPLAY_SAME=}.
 * Arguments: screenshot folder, input image, kernel file, bias file, command ({@code Conv2D} or {@code Conv3D}).
 */
public final class BrowseDialogDriver {

	private BrowseDialogDriver() {}

	public static void main(String[] args) throws Exception {
		File shots = new File(args[0]);
		shots.mkdirs();
		new ImageJ(ImageJ.NO_SHOW);
		Prefs.useJFileChooser = true; // a chooser the test can answer (the AWT one is native); after ImageJ has read its prefs
		Recorder recorder = new Recorder(false);
		ImagePlus imp = IJ.openImage(args[1]);
		imp.show();
		IJ.wait(500);
		String command = args[4];
		Thread user = new Thread(() -> {
			try {
				fillAndConfirm(command, new File(args[2]), new File(args[3]), shots);
			}
			catch (Exception e) {
				System.out.println("USER FAILED " + e);
			}
		}, "user");
		user.start();
		IJ.doCommand(command + "...");
		user.join(120000);
		ImagePlus first = null;
		for (int i = 0; i < 300 && first == null; i++) {
			IJ.wait(100);
			first = WindowManager.getImage(imp.getShortTitle() + "-conv");
		}
		String line = DialogDriver.recorded(recorder, command, 10);
		System.out.println("RECORDED=" + line);
		System.out.println("KERNEL_KEYS=" + (count(line, " kernel=") + count(line, "\"kernel=")));
		System.out.println("BIAS_KEYS=" + count(line, " bias="));
		if (line == null) {
			System.out.println("NOTHING RECORDED: " + recorder.getText().replace('\n', '|'));
			System.exit(0);
		}
		BatchLauncher.watchErrorDialogs();
		WindowManager.setCurrentWindow(imp.getWindow());
		IJ.runMacro(line);
		ImagePlus second = WindowManager.getCurrentImage();
		boolean same = first != null && second != first && second.getStackSize() == first.getStackSize() && second.getBitDepth() == 32;
		for (int i = 1; same && i <= first.getStackSize(); i++) {
			same = Arrays.equals((float[]) first.getStack().getPixels(i), (float[]) second.getStack().getPixels(i));
		}
		System.out.println("REPLAY_SAME=" + same);
		System.out.flush();
		System.exit(0);
	}

	private static int count(String line, String key) {
		if (line == null) return 0;
		int n = 0;
		for (int i = line.indexOf(key); i >= 0; i = line.indexOf(key, i + 1)) n++;
		return n;
	}

	private static void fillAndConfirm(String command, File kernel, File bias, File shots) throws Exception {
		GenericDialog gd = null;
		for (int i = 0; i < 200 && gd == null; i++) {
			for (Window w : Window.getWindows()) {
				if (w instanceof GenericDialog && w.isShowing() && command.equals(((GenericDialog) w).getTitle())) gd = (GenericDialog) w;
			}
			IJ.wait(100);
		}
		if (gd == null) throw new IllegalStateException("no dialog");
		GenericDialog dialog = gd;
		Button[] browse = browseButtons(dialog);
		System.out.println("BROWSE_FOLDER=" + choose(browse[0], kernel));
		choose(browse[1], bias);
		IJ.wait(500);
		System.out.println("STATUS=" + ((java.awt.TextComponent) DialogDriver.named(dialog, "status")).getText().replace('\n', ' '));
		// Preview on: a window with the current position's result
		Checkbox preview = (Checkbox) DialogDriver.named(dialog, "preview");
		DialogDriver.onEventThread(() -> {
			preview.setState(true);
			for (java.awt.event.ItemListener l : preview.getItemListeners()) {
				l.itemStateChanged(new ItemEvent(preview, ItemEvent.ITEM_STATE_CHANGED, preview, ItemEvent.SELECTED));
			}
		});
		String title = command + " preview";
		ImagePlus shown = waitFor(title, null);
		System.out.println("PREVIEW_SIZE=" + size(shown));
		DialogDriver.shoot(dialog, new File(shots, "dialog_preview" + (command.equals("Conv2D") ? "" : "3d") + ".png"));
		// a new stride: the preview follows
		TextField stride = (TextField) dialog.getStringFields().get(0);
		DialogDriver.onEventThread(() -> {
			stride.setText("2");
			dialog.textValueChanged(new TextEvent(stride, TextEvent.TEXT_VALUE_CHANGED));
		});
		String before = size(shown);
		ImagePlus after = shown;
		for (int i = 0; i < 100 && before.equals(size(after)); i++) {
			IJ.wait(100);
			after = WindowManager.getImage(title);
		}
		System.out.println("PREVIEW_AFTER_STRIDE=" + size(after));
		DialogDriver.onEventThread(() -> {
			preview.setState(false);
			for (java.awt.event.ItemListener l : preview.getItemListeners()) {
				l.itemStateChanged(new ItemEvent(preview, ItemEvent.ITEM_STATE_CHANGED, preview, ItemEvent.DESELECTED));
			}
		});
		boolean closed = false;
		for (int i = 0; i < 50 && !closed; i++) {
			IJ.wait(100);
			closed = WindowManager.getImage(title) == null;
		}
		System.out.println("PREVIEW_CLOSED=" + closed);
		StringBuilder open = new StringBuilder();
		for (int id : WindowManager.getIDList()) open.append(open.length() == 0 ? "" : "|").append(WindowManager.getImage(id).getTitle());
		System.out.println("IMAGES_BEFORE_OK=" + open);
		Button ok = dialog.getButtons()[0];
		System.out.println("OK_ENABLED=" + ok.isEnabled());
		DialogDriver.onEventThread(() -> dialog.actionPerformed(new ActionEvent(ok, ActionEvent.ACTION_PERFORMED, ok.getLabel())));
	}

	private static ImagePlus waitFor(String title, ImagePlus not) {
		for (int i = 0; i < 150; i++) {
			ImagePlus imp = WindowManager.getImage(title);
			if (imp != null && imp != not) return imp;
			IJ.wait(100);
		}
		return null;
	}

	private static String size(ImagePlus imp) {
		return imp == null ? "none" : imp.getWidth() + "x" + imp.getHeight() + "x" + imp.getNSlices() + "x" + imp.getNChannels();
	}

	/** The dialog's Browse… buttons in order (kernel, bias). */
	static Button[] browseButtons(Container c) {
		java.util.List<Button> found = new java.util.ArrayList<>();
		collect(c, found);
		return found.toArray(new Button[0]);
	}

	private static void collect(Container c, java.util.List<Button> found) {
		for (Component k : c.getComponents()) {
			if (k instanceof Button && ((Button) k).getLabel().startsWith("Browse")) found.add((Button) k);
			else if (k instanceof Container) collect((Container) k, found);
		}
	}

	/** Presses {@code browse}, answers the file chooser with {@code file}; returns the folder it opened in. */
	static String choose(Button browse, File file) throws Exception {
		AtomicReference<String> folder = new AtomicReference<>("none");
		Thread answer = new Thread(() -> {
			for (int i = 0; i < 600; i++) { // the first JFileChooser can take seconds to appear
				IJ.wait(100);
				for (Window w : Window.getWindows()) {
					JFileChooser fc = w.isShowing() ? chooser(w) : null;
					if (fc == null) continue;
					folder.set(fc.getCurrentDirectory().getAbsolutePath());
					DialogDriver.onEventThread(() -> {
						fc.setSelectedFile(file);
						fc.approveSelection();
					});
					return;
				}
			}
		}, "chooser");
		answer.start();
		java.awt.EventQueue.invokeLater(() -> {
			for (java.awt.event.ActionListener l : browse.getActionListeners()) {
				l.actionPerformed(new ActionEvent(browse, ActionEvent.ACTION_PERFORMED, browse.getLabel()));
			}
		});
		answer.join(65000);
		IJ.wait(300);
		return folder.get();
	}

	private static JFileChooser chooser(Container c) {
		for (Component k : c.getComponents()) {
			if (k instanceof JFileChooser) return (JFileChooser) k;
			if (k instanceof Container) {
				JFileChooser f = chooser((Container) k);
				if (f != null) return f;
			}
		}
		return null;
	}
}
