package convkit.ijtest;

import ij.IJ;
import ij.WindowManager;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Base64;
import java.util.List;

/**
 * Runs macros one after another in this (headless) ImageJ, each with its own stdout and stderr:
 * {@code MacroCases CASES.tsv}, one {@code name<TAB>macro} per line (macro lines joined by
 * {@code \n} escapes). Prints one line per case: {@code CASE name millis base64(stdout) base64(stderr)}.
 */
public final class MacroCases {

	private MacroCases() {}

	public static void main(String[] args) throws Exception {
		PrintStream realOut = System.out;
		PrintStream realErr = System.err;
		List<String> lines = Files.readAllLines(Paths.get(args[0]), StandardCharsets.UTF_8);
		for (String line : lines) {
			int tab = line.indexOf('\t');
			String name = line.substring(0, tab);
			String macro = line.substring(tab + 1).replace("\\n", "\n");
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			ByteArrayOutputStream err = new ByteArrayOutputStream();
			System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
			System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
			long t0 = System.nanoTime();
			try {
				IJ.runMacro(macro);
			}
			catch (Throwable t) {
				t.printStackTrace();
			}
			long millis = (System.nanoTime() - t0) / 1_000_000;
			System.setOut(realOut);
			System.setErr(realErr);
			int[] open = WindowManager.getIDList();
			if (open != null) {
				for (int id : open) {
					if (WindowManager.getImage(id) != null) WindowManager.getImage(id).close();
				}
			}
			Base64.Encoder b = Base64.getEncoder();
			realOut.println("CASE\t" + name + "\t" + millis + "\t" + b.encodeToString(out.toByteArray()) + "\t"
				+ b.encodeToString(err.toByteArray()));
		}
		System.exit(0);
	}
}
