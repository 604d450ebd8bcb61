package convkit.ijtest;

import ij.IJ;
import ij.ImageJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.plugin.frame.Recorder;

import java.awt.Button;
import java.awt.Checkbox;
import java.awt.Choice;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.TextField;
import java.awt.Window;
import java.awt.event.ActionEvent;
import java.awt.event.ItemEvent;
import java.awt.event.TextEvent;
import java.awt.image.BufferedImage;
import java.io.File;
import java.util.Arrays;
import java.util.Vector;

import javax.imageio.ImageIO;

/**
 * Drives the Conv2D or Conv3D dialog as a user would, with the macro Recorder on: opens the
 * input, runs Plugins > ConvKit > Conv2D... (or Conv3D...), types the settings, takes screenshots
 * (dialog, report, images), presses OK, then replays the recorded line on the same input and
 * compares the two results voxel by voxel. Prints {@code RECORDED=line},
 * {@code REPLAY_SAME=true|false}, {@code STATUS=dialog's live line}.
 * Arguments: screenshot folder, input image, the field values (kernel, bias, stride, padding,
 * padding_mode, dilation), and optionally the command, {@code Conv2D} (default) or {@code Conv3D};
 * Conv3D's screenshots are named {@code dialog3d.png} and so on.
 */
public final class DialogDriver {

	private DialogDriver() {}

	public static void main(String[] args) throws Exception {
		File shots = new File(args[0]);
		shots.mkdirs();
		new ImageJ(ImageJ.NO_SHOW);
		Recorder recorder = new Recorder(false);
		ImagePlus imp = IJ.openImage(args[1]);
		imp.show();
		IJ.wait(500);
		String[] fields = Arrays.copyOfRange(args, 2, 8);
		String command = args.length > 8 ? args[8] : "Conv2D";
		String suffix = command.equals("Conv2D") ? "" : "3d";
		Thread user = new Thread(() -> fillAndConfirm(command, fields, shots, suffix), "user");
		user.start();
		IJ.doCommand(command + "..."); // as the menu does it: a new thread, recorded
		user.join(30000);
		ImagePlus first = null;
		for (int i = 0; i < 300 && first == null; i++) {
			IJ.wait(100);
			first = WindowManager.getImage(imp.getShortTitle() + "-conv");
		}
		IJ.wait(1000);
		shoot(first.getWindow(), new File(shots, "output" + suffix + ".png"));
		shoot(imp.getWindow(), new File(shots, "input" + suffix + ".png"));
		shoot(WindowManager.getWindow(command + " Report"), new File(shots, "report" + suffix + ".png"));
		String text = recorder.getText();
		String line = null;
		for (String l : text.split("\n")) {
			if (l.startsWith("run(\"" + command + "...\"")) line = l;
		}
		BatchLauncher.watchErrorDialogs();
		System.out.println("RECORDED=" + line);
		System.out.println("RECORDER TEXT: " + text.replace('\n', '|'));
		WindowManager.setCurrentWindow(imp.getWindow());
		IJ.runMacro(line);
		ImagePlus second = WindowManager.getCurrentImage();
		boolean same = second != first && second.getStackSize() == first.getStackSize();
		for (int i = 1; same && i <= first.getStackSize(); i++) {
			same = Arrays.equals((float[]) first.getStack().getPixels(i), (float[]) second.getStack().getPixels(i));
		}
		System.out.println("REPLAY_SAME=" + same);
		System.out.println("TITLES=" + first.getTitle() + "|" + second.getTitle());
		// a second layer on the first result: the report's composed field grows beyond this layer's
		WindowManager.setCurrentWindow(first.getWindow());
		IJ.runMacro("run(\"" + command + "...\", \"kernel=[" + (command.equals("Conv2D") ? "box(3)" : "box3d(3)") + "] stride=2\");");
		IJ.wait(1000);
		shoot(WindowManager.getWindow(command + " Report"), new File(shots, "report" + suffix + ".png"));
		ij.measure.ResultsTable rt = ij.measure.ResultsTable.getResultsTable(command + " Report");
		System.out.println("REPORT_ROWS=" + rt.size());
		System.out.println("REPORT_LAST_FIELD=" + rt.getValue("Receptive field", rt.size() - 1) + "|"
			+ rt.getValue("Field in source", rt.size() - 1) + "|" + rt.getStringValue("Source", rt.size() - 1));
		System.out.flush();
		System.exit(0);
	}

	private static void fillAndConfirm(String command, String[] values, File shots, String suffix) {
		GenericDialog gd = null;
		for (int i = 0; i < 200 && gd == null; i++) {
			for (Window w : Window.getWindows()) {
				if (w instanceof GenericDialog && w.isShowing() && command.equals(((GenericDialog) w).getTitle())) {
					gd = (GenericDialog) w;
				}
			}
			IJ.wait(100);
		}
		if (gd == null) {
			System.out.println("NO DIALOG");
			return;
		}
		GenericDialog dialog = gd;
		// typed on the event thread, as a user's keys are: the dialog reads its fields in order with
		// one shared index, so a listener call from this thread racing the event thread's own (from
		// setText) would read one field's text as another's
		onEventThread(() -> {
			Vector<?> strings = dialog.getStringFields();
			// kernel and bias are ConvKit's own components (found by name); then stride, padding,
			// value (left at 0), dilation are ImageJ's string fields 0..3, padding_mode its first choice
			int[] stringIndex = { -2, -3, 0, 1, -1, 3 };
			for (int f = 0; f < 6; f++) {
				if (stringIndex[f] == -1) {
					Choice mode = (Choice) dialog.getChoices().get(0);
					mode.select(values[f]);
					dialog.itemStateChanged(new ItemEvent(mode, ItemEvent.ITEM_STATE_CHANGED, values[f], ItemEvent.SELECTED));
					continue;
				}
				java.awt.TextComponent tf = stringIndex[f] == -2 ? (java.awt.TextComponent) named(dialog, "kernel")
					: stringIndex[f] == -3 ? (java.awt.TextComponent) named(dialog, "bias") : (TextField) strings.get(stringIndex[f]);
				tf.setText(values[f]);
				dialog.textValueChanged(new TextEvent(tf, TextEvent.TEXT_VALUE_CHANGED));
			}
			((Checkbox) dialog.getCheckboxes().get(0)).setState(false);
		});
		IJ.wait(800);
		System.out.println("STATUS=" + ((java.awt.TextComponent) named(gd, "status")).getText().replace('\n', ' '));
		for (Object c : gd.getChoices()) System.out.println("CHOICE " + ((Choice) c).getSelectedItem());
		shoot(gd, new File(shots, "dialog" + suffix + ".png"));
		Button ok = gd.getButtons()[0];
		onEventThread(() -> dialog.actionPerformed(new ActionEvent(ok, ActionEvent.ACTION_PERFORMED, ok.getLabel())));
	}

	/**
	 * The last line {@code recorder} holds for {@code command} (e.g. {@code Conv Stack}), waiting up
	 * to {@code seconds} for it: ImageJ records a command when its plugin has returned; null if none.
	 */
	static String recorded(Recorder recorder, String command, int seconds) {
		String line = null;
		for (int i = 0; i < 10 * seconds && line == null; i++) {
			for (String l : recorder.getText().split("\n")) {
				if (l.startsWith("run(\"" + command + "...\"")) line = l;
			}
			if (line == null) IJ.wait(100);
		}
		return line;
	}

	/** The component named {@code name} anywhere in {@code c}, or null. */
	static java.awt.Component named(java.awt.Container c, String name) {
		for (java.awt.Component k : c.getComponents()) {
			if (name.equals(k.getName())) return k;
			if (k instanceof java.awt.Container) {
				java.awt.Component found = named((java.awt.Container) k, name);
				if (found != null) return found;
			}
		}
		return null;
	}

	static void onEventThread(Runnable r) {
		try {
			java.awt.EventQueue.invokeAndWait(r);
		}
		catch (InterruptedException | java.lang.reflect.InvocationTargetException e) {
			throw new IllegalStateException(e);
		}
	}

	/** A screenshot of a window's area of the (virtual) screen. */
	static void shoot(Window w, File file) {
		if (w == null) {
			System.out.println("NO WINDOW for " + file.getName());
			return;
		}
		try {
			w.toFront();
			IJ.wait(400);
			// a dialog is centred after it is shown: wait until it stays where it is
			java.awt.Point at = w.getLocationOnScreen();
			for (int i = 0; i < 20; i++) {
				IJ.wait(150);
				java.awt.Point now = w.getLocationOnScreen();
				if (now.equals(at)) break;
				at = now;
			}
			Rectangle r = new Rectangle(at, w.getSize());
			BufferedImage img = new Robot().createScreenCapture(r);
			ImageIO.write(img, "png", file);
		}
		catch (Exception e) {
			System.out.println("SCREENSHOT FAILED " + file.getName() + ": " + e);
		}
	}
}
