package convkit.ij;

import ij.io.OpenDialog;
import ij.io.SaveDialog;
import ij.plugin.frame.Recorder;

import java.io.File;

/**
 * The file dialogs behind the Browse… buttons. ImageJ's {@link OpenDialog} and {@link SaveDialog}
 * record the chosen path under the dialog title's first word, which is the field's own key; the
 * field is recorded when the dialog closes, so the file dialog's own recording is switched off
 * here (otherwise the recorded line gives the key twice and does not replay). A dialog starts in
 * the folder of the file the field already names, else in {@code startFolder} (the image's
 * folder), else where ImageJ last looked.
 */
final class FileChoice {

	private FileChoice() {}

	/** The absolute path of an existing file the user picks, or null when cancelled. */
	static String open(String title, String current, String startFolder) {
		OpenDialog od = new OpenDialog(title, folder(current, startFolder), null);
		return pick(od::getDirectory, od::getFileName);
	}

	/** The absolute path of a file to write, or null when cancelled. */
	static String save(String title, String current, String startFolder) {
		String name = current == null || current.trim().isEmpty() ? "result.tif" : new File(current.trim()).getName();
		File parent = current == null || current.trim().isEmpty() ? null : new File(current.trim()).getAbsoluteFile().getParentFile();
		String dir = parent != null && parent.isDirectory() ? parent.getPath() : startFolder;
		String base = name.replaceFirst("(?i)\\.tiff?$", "");
		SaveDialog sd = dir != null ? new SaveDialog(title, dir, base, ".tif") : new SaveDialog(title, base, ".tif");
		return pick(sd::getDirectory, sd::getFileName);
	}

	private static String pick(java.util.function.Supplier<String> directory, java.util.function.Supplier<String> fileName) {
		boolean recording = Recorder.record;
		Recorder.record = false;
		try {
			String name = fileName.get();
			String dir = directory.get();
			return name == null || dir == null ? null : new File(dir, name).getAbsolutePath();
		}
		finally {
			Recorder.record = recording;
		}
	}

	/**
	 * "{@code label}:", {@code field} (named {@code label} lower-cased, reported to {@code gd}'s
	 * listener as its own fields are) and a Browse… button that puts in the field what
	 * {@code choose} returns for its current text (null: a cancelled file dialog, nothing changes).
	 */
	static java.awt.Panel withBrowse(ij.gui.GenericDialog gd, String label, java.awt.TextComponent field,
		java.util.function.UnaryOperator<String> choose)
	{
		field.setName(label.toLowerCase(java.util.Locale.ROOT));
		field.addTextListener(gd);
		java.awt.Button browse = new java.awt.Button("Browse\u2026");
		browse.addActionListener(e -> {
			String chosen = choose.apply(field.getText());
			if (chosen != null) field.setText(chosen);
		});
		java.awt.Panel side = new java.awt.Panel(new java.awt.BorderLayout());
		side.add(browse, java.awt.BorderLayout.NORTH);
		java.awt.Panel p = new java.awt.Panel(new java.awt.BorderLayout(6, 0));
		p.add(new java.awt.Label(label + ":"), java.awt.BorderLayout.WEST);
		p.add(field, java.awt.BorderLayout.CENTER);
		p.add(side, java.awt.BorderLayout.EAST);
		return p;
	}

	/** The folder {@code imp} was opened from, or null (a file dialog then starts where ImageJ last looked). */
	static String imageFolder(ij.ImagePlus imp) {
		ij.io.FileInfo fi = imp.getOriginalFileInfo();
		return fi != null && fi.directory != null && !fi.directory.isEmpty() ? fi.directory : null;
	}

	/** The folder of the file {@code current} names, else {@code startFolder} (may be null). */
	static String folder(String current, String startFolder) {
		if (current != null && !current.trim().isEmpty()) {
			File parent = new File(current.trim()).getAbsoluteFile().getParentFile();
			if (new File(current.trim()).isFile() && parent != null) return parent.getPath();
		}
		return startFolder;
	}
}
