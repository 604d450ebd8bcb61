package convkit.ijtest;

import ij.ImageListener;
import ij.ImagePlus;
import ij.gui.GenericDialog;

import java.awt.Button;
import java.awt.Component;
import java.awt.Container;
import java.awt.Dialog;
import java.awt.Label;
import java.awt.Window;
import java.lang.reflect.Field;

/**
 * Runs a macro in a real ImageJ 1 whose plugins folder holds the plugin jar ({@code -Dplugins.dir}):
 * {@code batch MACRO} runs {@code ij.ImageJ -batch MACRO}; {@code gui MACRO} starts ImageJ without
 * showing its main window, runs the macro with images in real windows, and at the end prints
 * {@code IMAGES OPEN: title|title|...}; {@code gui MACRO1 MACRO2 ...} runs several in one ImageJ,
 * each after a line {@link #CASE}{@code n}, closing every image after each. Both print {@code IMAGE CREATED: title} for every image
 * window opened and {@code MACRO ERROR: message} for a "Macro Error" dialog, which they close so
 * the run can end on a display nobody watches (Xvfb).
 */
public final class BatchLauncher {

	private BatchLauncher() {}

	public static void main(String[] args) {
		ImagePlus.addImageListener(new ImageListener() {

			@Override
			public void imageOpened(ImagePlus imp) {
				System.out.println("IMAGE CREATED: " + imp.getTitle());
			}

			@Override
			public void imageClosed(ImagePlus imp) {}

			@Override
			public void imageUpdated(ImagePlus imp) {}
		});
		BatchLauncher.watchErrorDialogs();
		if (args[0].equals("gui")) {
			new ij.ImageJ(ij.ImageJ.NO_SHOW);
			for (int m = 1; m < args.length; m++) { // several macros: one after another, each starting with no image open
				if (args.length > 2) System.out.println(CASE + m);
				ij.IJ.runMacroFile(args[m]);
				StringBuilder open = new StringBuilder();
				int[] ids = ij.WindowManager.getIDList();
				if (ids != null) {
					for (int id : ids) open.append(open.length() == 0 ? "" : "|").append(ij.WindowManager.getImage(id).getTitle());
				}
				System.out.println("IMAGES OPEN: " + open);
				System.out.flush();
				closeAll();
			}
		}
		else {
			ij.ImageJ.main(args.length > 2 ? new String[] { "-batch", args[1], args[2] } : new String[] { "-batch", args[1] });
		}
		System.out.flush();
		System.exit(0);
	}

	/** The line that starts each macro's output when several are run: this text and the macro's number (1, 2, ...). */
	public static final String CASE = "=== MACRO ";

	private static void closeAll() {
		int[] ids = ij.WindowManager.getIDList();
		if (ids == null) return;
		for (int id : ids) {
			ImagePlus imp = ij.WindowManager.getImage(id);
			if (imp != null) {
				imp.changes = false;
				imp.close();
			}
		}
	}

	/** For a macro in {@code gui} mode (where print goes to the Log window): {@code call('convkit.ijtest.BatchLauncher.say', line)} prints to stdout. */
	public static String say(String line) {
		System.out.println(line);
		System.out.flush();
		return line;
	}

	/** Forever: prints and closes every dialog that appears (run on a daemon thread). */
	/** Starts a daemon thread that closes ImageJ's error dialogs as they appear, printing each ({@link #dismissErrorDialogs}). */
	static void watchErrorDialogs() {
		Thread watcher = new Thread(BatchLauncher::dismissErrorDialogs, "dialog-watcher");
		watcher.setDaemon(true);
		watcher.start();
	}

	static void dismissErrorDialogs() {
		while (true) {
			for (Window w : Window.getWindows()) {
				if (w instanceof Dialog && w.isShowing()) {
					Dialog d = (Dialog) w;
					System.out.println((d.getTitle().contains("Error") ? "MACRO ERROR: " : "DIALOG " + d.getTitle() + ": ")
						+ text(d).trim().replace('\n', ' '));
					System.out.flush();
					if (d instanceof GenericDialog) ((GenericDialog) d).dispose();
					clickFirstButton(d);
					d.dispose();
				}
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException e) {
				return;
			}
		}
	}

	private static void clickFirstButton(Container c) {
		for (Component k : c.getComponents()) {
			if (k instanceof Button) {
				((Button) k).dispatchEvent(new java.awt.event.ActionEvent(k, java.awt.event.ActionEvent.ACTION_PERFORMED,
					((Button) k).getLabel()));
				return;
			}
			if (k instanceof Container) clickFirstButton((Container) k);
		}
	}

	private static String text(Container c) {
		StringBuilder sb = new StringBuilder();
		for (Component k : c.getComponents()) {
			if (k instanceof Label) sb.append(((Label) k).getText()).append(' ');
			else if (k.getClass().getSimpleName().equals("MultiLineLabel")) {
				try {
					Field f = k.getClass().getDeclaredField("lines");
					f.setAccessible(true);
					sb.append(String.join(" ", (String[]) f.get(k))).append(' ');
				}
				catch (ReflectiveOperationException | RuntimeException e) {
					sb.append("(unreadable message) ");
				}
			}
			else if (k instanceof Container) sb.append(text((Container) k));
		}
		return sb.toString();
	}
}
