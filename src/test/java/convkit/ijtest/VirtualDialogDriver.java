package convkit.ijtest;

import ij.IJ;
import ij.ImageJ;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.plugin.frame.Recorder;

import java.awt.Button;
import java.awt.Window;
import java.awt.event.ActionEvent;
import java.awt.event.TextEvent;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Arrays;

/**
 * Drives the Conv2D dialog on a virtual stack, with the macro Recorder on: opens the stack with
 * File › Import › TIFF Virtual Stack, types the kernel and the output file, presses OK, prints the
 * recorded line ({@code RECORDED=}), how many images are open afterwards ({@code IMAGES=}: no
 * result image), whether the output file was written, and whether replaying the recorded line
 * writes the same bytes ({@code REPLAY_SAME=}). Arguments: screenshot folder, stack, kernel, output file.
 */
public final class VirtualDialogDriver {

	private VirtualDialogDriver() {}

	public static void main(String[] args) throws Exception {
		File shots = new File(args[0]);
		shots.mkdirs();
		new ImageJ(ImageJ.NO_SHOW);
		Recorder recorder = new Recorder(false);
		IJ.run("TIFF Virtual Stack...", "open=[" + args[1] + "]");
		IJ.wait(500);
		System.out.println("VIRTUAL=" + WindowManager.getCurrentImage().getStack().isVirtual());
		Thread user = new Thread(() -> fillAndConfirm(args[2], args[3], shots), "user");
		user.start();
		IJ.doCommand("Conv2D...");
		user.join(30000);
		File out = new File(args[3]);
		for (int i = 0; i < 300 && !out.isFile(); i++) IJ.wait(100);
		IJ.wait(500);
		System.out.println("IMAGES=" + WindowManager.getImageCount());
		System.out.println("WRITTEN=" + out.isFile());
		String line = null;
		for (String l : recorder.getText().split("\n")) {
			if (l.startsWith("run(\"Conv2D...\"")) line = l;
		}
		System.out.println("RECORDED=" + line);
		byte[] first = Files.readAllBytes(out.toPath());
		Files.delete(out.toPath());
		IJ.runMacro(line);
		System.out.println("REPLAY_SAME=" + Arrays.equals(first, Files.readAllBytes(Paths.get(args[3]))));
		System.out.flush();
		System.exit(0);
	}

	private static void fillAndConfirm(String kernel, String output, File shots) {
		GenericDialog gd = null;
		for (int i = 0; i < 200 && gd == null; i++) {
			for (Window w : Window.getWindows()) {
				if (w instanceof GenericDialog && w.isShowing() && "Conv2D".equals(((GenericDialog) w).getTitle())) gd = (GenericDialog) w;
			}
			IJ.wait(100);
		}
		if (gd == null) {
			System.out.println("NO DIALOG");
			return;
		}
		GenericDialog dialog = gd;
		DialogDriver.onEventThread(() -> {
			for (String[] f : new String[][] { { "kernel", kernel }, { "output", output } }) {
				java.awt.TextComponent tf = (java.awt.TextComponent) DialogDriver.named(dialog, f[0]);
				tf.setText(f[1]);
				dialog.textValueChanged(new TextEvent(tf, TextEvent.TEXT_VALUE_CHANGED));
			}
		});
		IJ.wait(800);
		System.out.println("STATUS=" + ((java.awt.TextComponent) DialogDriver.named(gd, "status")).getText().replace('\n', ' '));
		DialogDriver.shoot(gd, new File(shots, "dialog_virtual.png"));
		Button ok = gd.getButtons()[0];
		DialogDriver.onEventThread(() -> dialog.actionPerformed(new ActionEvent(ok, ActionEvent.ACTION_PERFORMED, ok.getLabel())));
	}
}
