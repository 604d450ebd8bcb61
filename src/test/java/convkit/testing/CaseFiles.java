package convkit.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Copies a conformance case's .npy resources into a folder, for tests that pass file paths. */
public final class CaseFiles {

	private CaseFiles() {}

	/** Copies {@code NAME.input/weight/bias/expected.npy} (those that exist) of {@code c} into {@code dir}. */
	public static void copy(ConformanceCase c, Path dir) throws IOException {
		for (String part : new String[] { "input", "weight", "bias", "expected" }) {
			String file = c.name() + "." + part + ".npy";
			try (InputStream in = CaseFiles.class.getResourceAsStream("/" + c.folder + "/" + file)) {
				if (in != null) Files.copy(in, dir.resolve(file));
			}
		}
	}

	/** The command-line arguments check_cli.py and check_cli3d.py use for a case (without input/output). */
	public static String[] convArguments(ConformanceCase c, Path dir) {
		java.util.List<String> a = new java.util.ArrayList<>();
		boolean z = c.rank() == 3;
		a.add("kernel=[" + dir.resolve(c.name() + ".weight.npy") + "]");
		a.add("stride=" + c.row.get("stride_x") + "," + c.row.get("stride_y") + (z ? "," + c.row.get("stride_z") : ""));
		String padding = c.row.get("padding");
		a.add("padding=" + ("same".equals(padding) || "same_lower".equals(padding) ? padding : c.row.get("pad_left") + "," + c.row.get("pad_right") + ","
			+ c.row.get("pad_top") + "," + c.row.get("pad_bottom") + (z ? "," + c.row.get("pad_front") + "," + c.row.get("pad_back") : "")));
		a.add("dilation=" + c.row.get("dilation_x") + "," + c.row.get("dilation_y") + (z ? "," + c.row.get("dilation_z") : ""));
		a.add("groups=" + c.row.get("groups"));
		a.add("padding_mode=" + c.row.get("padding_mode"));
		if ("constant".equals(c.row.get("padding_mode"))) a.add("value=" + c.row.get("value"));
		if (c.hasBias()) a.add("bias=[" + dir.resolve(c.name() + ".bias.npy") + "]");
		return a.toArray(new String[0]);
	}
}
