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
import java.awt.TextArea;
import java.awt.Window;
import java.awt.event.ActionEvent;
import java.awt.event.ItemEvent;
import java.awt.event.TextEvent;
import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Drives the Conv Stack dialog as a user does, with the macro Recorder on: types the stack text
 * (or, for an argument {@code @FILE}, picks FILE with Browse…), ticks "Keep every layer's output"
 * when asked, takes a screenshot of the dialog and of the result, presses OK, then replays the
 * recorded line on the same image and compares every image it makes. Prints {@code STATUS=} (the
 * live lines, joined by {@code |}), {@code OK_ENABLED=}, {@code RECORDED=}, {@code TITLES=} (the
 * images made, joined by {@code |}) and {@code REPLAY_SAME=}.
 * Arguments: screenshot folder, input image, stack text or {@code @FILE}, keep ({@code true}/{@code false}), screenshot name.
 */
public final class StackDialogDriver {

	private StackDialogDriver() {}

	/** Whether the user pressed Cancel (OK was off). */
	private static volatile boolean cancelled;

	public static void main(String[] args) throws Exception {
		File shots = new File(args[0]);
		shots.mkdirs();
		new ImageJ(ImageJ.NO_SHOW);
		Prefs.useJFileChooser = true; // a chooser the test can answer
		Recorder recorder = new Recorder(false);
		ImagePlus imp = IJ.openImage(args[1]);
		imp.show();
		IJ.wait(500);
		int[] before = WindowManager.getIDList();
		Thread user = new Thread(() -> {
			try {
				fillAndConfirm(args[2], Boolean.parseBoolean(args[3]), new File(shots, args[4]));
			}
			catch (Exception e) {
				System.out.println("USER FAILED " + e);
			}
		}, "user");
		user.start();
		IJ.doCommand("Conv Stack...");
		user.join(120000);
		if (cancelled) {
			IJ.wait(500);
			System.out.println("IMAGES=" + WindowManager.getImageCount());
			System.exit(0);
		}
		String line = DialogDriver.recorded(recorder, "Conv Stack", 30);
		System.out.println("RECORDED=" + line);
		List<ImagePlus> first = made(before);
		StringBuilder titles = new StringBuilder();
		for (ImagePlus m : first) titles.append(titles.length() == 0 ? "" : "|").append(m.getTitle());
		System.out.println("TITLES=" + titles);
		if (!first.isEmpty()) {
			DialogDriver.shoot(first.get(first.size() - 1).getWindow(), new File(shots, args[4].replace(".png", "_output.png")));
		}
		if (line == null) {
			System.out.println("NOTHING RECORDED: " + recorder.getText().replace('\n', '|'));
			System.exit(0);
		}
		BatchLauncher.watchErrorDialogs();
		int[] beforeReplay = WindowManager.getIDList();
		WindowManager.setCurrentWindow(imp.getWindow());
		IJ.runMacro(line);
		List<ImagePlus> second = made(beforeReplay);
		boolean same = !first.isEmpty() && first.size() == second.size();
		for (int k = 0; same && k < first.size(); k++) {
			ImagePlus a = first.get(k);
			ImagePlus b = second.get(k);
			same = a.getStackSize() == b.getStackSize() && a.getNChannels() == b.getNChannels() && a.getWidth() == b.getWidth();
			for (int i = 1; same && i <= a.getStackSize(); i++) {
				same = Arrays.equals((float[]) a.getStack().getPixels(i), (float[]) b.getStack().getPixels(i));
			}
		}
		System.out.println("REPLAY_SAME=" + same);
		System.out.flush();
		System.exit(0);
	}

	/** The images opened since {@code before}, in the order they were made. */
	private static List<ImagePlus> made(int[] before) {
		IJ.wait(500);
		List<ImagePlus> out = new ArrayList<>();
		int[] now = WindowManager.getIDList();
		if (now == null) return out;
		for (int id : now) {
			boolean old = false;
			for (int b : before) old |= b == id;
			if (!old) out.add(WindowManager.getImage(id));
		}
		return out;
	}

	private static void fillAndConfirm(String text, boolean keep, File shot) throws Exception {
		GenericDialog gd = null;
		for (int i = 0; i < 200 && gd == null; i++) {
			for (Window w : Window.getWindows()) {
				if (w instanceof GenericDialog && w.isShowing() && "Conv Stack".equals(((GenericDialog) w).getTitle())) gd = (GenericDialog) w;
			}
			IJ.wait(100);
		}
		if (gd == null) throw new IllegalStateException("no dialog");
		GenericDialog dialog = gd;
		TextArea layers = (TextArea) DialogDriver.named(dialog, "layers");
		if (text.startsWith("@")) {
			Button browse = BrowseDialogDriver.browseButtons(dialog)[0];
			System.out.println("BROWSE_FOLDER=" + BrowseDialogDriver.choose(browse, new File(text.substring(1))));
		}
		else {
			DialogDriver.onEventThread(() -> {
				layers.setText(text);
				dialog.textValueChanged(new TextEvent(layers, TextEvent.TEXT_VALUE_CHANGED));
			});
		}
		if (keep) {
			Checkbox box = (Checkbox) dialog.getCheckboxes().get(0);
			DialogDriver.onEventThread(() -> {
				box.setState(true);
				dialog.itemStateChanged(new ItemEvent(box, ItemEvent.ITEM_STATE_CHANGED, box, ItemEvent.SELECTED));
			});
		}
		IJ.wait(500);
		System.out.println("AREA=" + layers.getText().replace('\n', '|'));
		System.out.println("STATUS=" + ((java.awt.TextComponent) DialogDriver.named(dialog, "status")).getText().replace('\n', '|'));
		DialogDriver.shoot(dialog, shot);
		Button ok = dialog.getButtons()[0];
		System.out.println("OK_ENABLED=" + ok.isEnabled());
		cancelled = !ok.isEnabled(); // a user cannot press a switched-off OK: Cancel instead
		Button press = cancelled ? dialog.getButtons()[1] : ok;
		DialogDriver.onEventThread(() -> dialog.actionPerformed(new ActionEvent(press, ActionEvent.ACTION_PERFORMED, press.getLabel())));
	}
}
