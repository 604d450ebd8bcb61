package convkit.ijtest;

import ij.IJ;
import ij.ImageJ;
import ij.gui.GenericDialog;

import java.awt.Button;
import java.awt.Window;

/**
 * Opens a ConvKit dialog on a new image whose settings cannot fit it and reports what a user
 * sees: {@code OK_ENABLED=} and {@code STATUS=} the dialog's line; then cancels.
 * Arguments: the command ({@code Conv2D...}, {@code Conv Calculator...}, ...), the dialog's title,
 * the {@code newImage} arguments (or {@code none}).
 */
public final class OkStateDriver {

	private OkStateDriver() {}

	public static void main(String[] args) throws Exception {
		new ImageJ(ImageJ.NO_SHOW);
		if (!args[2].equals("none")) IJ.runMacro("newImage(\"in\", " + args[2] + ");");
		if (args.length > 3) ij.Prefs.set("convkit.test", args[3]);
		Thread user = new Thread(() -> {
			GenericDialog gd = null;
			for (int i = 0; i < 200 && gd == null; i++) {
				for (Window w : Window.getWindows()) {
					if (w instanceof GenericDialog && w.isShowing() && args[1].equals(((GenericDialog) w).getTitle())) gd = (GenericDialog) w;
				}
				IJ.wait(100);
			}
			if (gd == null) {
				System.out.println("NO DIALOG");
				System.exit(1);
			}
			IJ.wait(500);
			GenericDialog dialog = gd;
			if (args.length > 3) { // a typo typed into the first text field: the line says why at once
				java.awt.TextField f = (java.awt.TextField) dialog.getStringFields().get(0);
				DialogDriver.onEventThread(() -> {
					f.setText(args[3]);
					dialog.textValueChanged(new java.awt.event.TextEvent(f, java.awt.event.TextEvent.TEXT_VALUE_CHANGED));
				});
				IJ.wait(300);
			}
			Button ok = dialog.getButtons()[0];
			System.out.println("OK_ENABLED=" + ok.isEnabled());
			System.out.println("STATUS=" + ((java.awt.TextComponent) DialogDriver.named(dialog, "status")).getText().replace('\n', ' '));
			System.out.flush();
			System.exit(0);
		}, "user");
		user.start();
		IJ.doCommand(args[0]);
		user.join(60000);
		System.exit(2);
	}
}
