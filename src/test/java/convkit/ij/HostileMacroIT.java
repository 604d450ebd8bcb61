package convkit.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.ijtest.ImageJRunner;
import convkit.ijtest.MacroCases;
import convkit.io.Npy;
import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.FloatProcessor;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The macro calls against a hostile user, in a truly headless ImageJ: each case's macro must stop
 * at the bad call with one "Macro Error:" line on stderr naming the problem — no stack trace in
 * the output or the Log, no statement after it run, nothing written, every input file unchanged,
 * within a time bound.
 */
class HostileMacroIT {

	private static final long BOUND_MILLIS = 20_000;

	@TempDir
	Path dir;

	@Test
	void everyBadCallStopsTheMacroWithOneLineAndChangesNothing() throws Exception {
		ImageJRunner imagej = new ImageJRunner(dir.resolve("ij"));
		Path data = Files.createDirectories(dir.resolve("data"));
		float[] v = new float[12 * 10];
		for (int i = 0; i < v.length; i++) v[i] = i % 7;
		new FileSaver(new ImagePlus("x", new FloatProcessor(12, 10, v))).saveAsTiff(data.resolve("x.tif").toString());
		try (OutputStream o = Files.newOutputStream(data.resolve("x.npy"))) {
			Npy.write(o, new int[] { 1, 10, 12 }, v);
		}
		try (OutputStream o = Files.newOutputStream(data.resolve("v.npy"))) {
			Npy.write(o, new int[] { 1, 2, 10, 6 }, v);
		}
		byte[] tif = Files.readAllBytes(data.resolve("x.tif"));
		Files.write(data.resolve("half.tif"), Arrays.copyOf(tif, tif.length / 2));
		String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 40000, 40000), }";
		header += " ".repeat(117 - header.length()) + "\n";
		try (OutputStream o = Files.newOutputStream(data.resolve("liar.npy"))) {
			o.write(new byte[] { (byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) header.length(), 0 });
			o.write(header.getBytes(StandardCharsets.ISO_8859_1));
			o.write(new byte[64]);
		}
		Files.createSymbolicLink(data.resolve("link.npy"), data.resolve("x.npy"));
		String d = data.toString();
		String image = "newImage('in', '32-bit ramp', 24, 20, 1); ";
		String nested = "[".repeat(5000) + "1" + "]".repeat(5000);

		Map<String, String[]> cases = new LinkedHashMap<>(); // name -> macro, what the message says
		add(cases, "convolveFile onto its input", "call('convkit.ij.MacroCalls.convolveFile', '" + d + "/x.npy', '" + d
			+ "/x.npy', 'kernel=[box(3)]');", "is the input file");
		add(cases, "convolveFile onto its input spelled with ./", "call('convkit.ij.MacroCalls.convolveFile', '" + d + "/x.tif', '"
			+ d + "/./x.tif', 'kernel=[box(3)]');", "is the input file");
		add(cases, "convolveFile onto a link to its input", "call('convkit.ij.MacroCalls.convolveFile', '" + d + "/x.npy', '" + d
			+ "/link.npy', 'kernel=[box(3)]');", "is the input file");
		add(cases, "convolveFile3d onto its input", "call('convkit.ij.MacroCalls.convolveFile3d', '" + d + "/v.npy', '" + d
			+ "/v.npy', 'kernel=[box3d(3)]');", "is the input file");
		add(cases, "convolveFile from a lying npy", "call('convkit.ij.MacroCalls.convolveFile', '" + d + "/liar.npy', '" + d
			+ "/o.npy', 'kernel=[box(3)]');", "the header promises");
		add(cases, "convolveFile from a cut-short tif", "call('convkit.ij.MacroCalls.convolveFile', '" + d + "/half.tif', '" + d
			+ "/o.tif', 'kernel=[box(3)]');", "cut short");
		add(cases, "convolveFile from a folder", "call('convkit.ij.MacroCalls.convolveFile', '" + d + "', '" + d
			+ "/o.tif', 'kernel=[box(3)]');", "is a folder");
		add(cases, "convolveFile to a 5,000-character name", "call('convkit.ij.MacroCalls.convolveFile', '" + d + "/x.npy', '" + d
			+ "/" + "n".repeat(5000) + ".png', 'kernel=[box(3)]');", "characters)");
		add(cases, "conv2d with 5,000 nested brackets", image + "call('convkit.ij.MacroCalls.conv2d', 'kernel=" + nested + "');",
			"more than 6 deep");
		add(cases, "conv2d with a huge dilation and same", image
			+ "call('convkit.ij.MacroCalls.conv2d', 'kernel=[box(3)] padding=same dilation=1073741824');", "more than 2147483647");
		add(cases, "conv2d with padding at the int limit", image
			+ "call('convkit.ij.MacroCalls.conv2d', 'kernel=[box(3)] padding=2147483647,0');", "more than 2147483647");
		add(cases, "conv2d normalizing to infinity", image
			+ "call('convkit.ij.MacroCalls.conv2d', 'kernel=[1e30 -1e30 1e-30] normalize');", "infinite");
		add(cases, "conv2d without an image", "call('convkit.ij.MacroCalls.conv2d', 'kernel=[box(3)]');", "no current image");
		add(cases, "conv3d with a kernel deeper than the stack", image
			+ "call('convkit.ij.MacroCalls.conv3d', 'kernel=[box3d(3)]');", "z");
		add(cases, "outputSize overflowing", "s = call('convkit.ij.MacroCalls.outputSize', '100', '3', '1', '2147483647',"
			+ " '2147483647', '1');", "more than 2147483647");
		add(cases, "calc with forty stride-2 layers", "s = call('convkit.ij.MacroCalls.calc', '"
			+ String.join("; ", java.util.Collections.nCopies(40, "conv k=3 s=2 p=1")) + "', '224', '40', 'rf.x');",
			"more than 2147483647");
		add(cases, "animation with a huge padding", "call('convkit.ij.MacroCalls.animation', 'width=7 height=4 kernel=3"
			+ " padding=2000000000');", "more than 2147483647");
		add(cases, "effective field of a huge stack", "call('convkit.ij.MacroCalls.effectiveField', 'layers=[conv k=255 d=100000;"
			+ " conv k=255 d=100000]');", "drawn up to 4096 x 4096");
		add(cases, "Ext.conv2d with an unknown padding mode", image + "call('convkit.ij.ConvKitExtensions.register');"
			+ " Ext.conv2d('kernel=box(3) padding_mode=mirror');", "padding_mode 'mirror'");
		add(cases, "Ext.receptiveField with a dilation at the int limit", "call('convkit.ij.ConvKitExtensions.register');"
			+ " Ext.receptiveField('conv k=3 d=2147483647', 'x', rf, jump, start);", "effective kernel");

		Path tsv = dir.resolve("cases.tsv");
		List<String> lines = new ArrayList<>();
		for (Map.Entry<String, String[]> c : cases.entrySet()) {
			lines.add(c.getKey() + "\tsetBatchMode(true);\\n" + c.getValue()[0] + "\\nprint('AFTER THE BAD CALL');");
		}
		Files.write(tsv, lines, StandardCharsets.UTF_8);
		Map<String, String> before = hashes(data);
		String stdout = imagej.headlessJava(MacroCases.class.getName(), tsv.toString());
		List<String[]> results = stdout.lines().filter(l -> l.startsWith("CASE\t")).map(l -> l.split("\t", -1))
			.collect(Collectors.toList());
		assertEquals(cases.size(), results.size(), stdout);
		for (String[] r : results) {
			String name = r[1];
			long millis = Long.parseLong(r[2]);
			String out = new String(Base64.getDecoder().decode(r[3]), StandardCharsets.UTF_8);
			String err = new String(Base64.getDecoder().decode(r[4]), StandardCharsets.UTF_8);
			String says = cases.get(name)[1];
			String all = name + "\nstdout: " + out + "\nstderr: " + err;
			System.out.println(name + ": " + millis + " ms: " + err.trim());
			assertTrue(millis < BOUND_MILLIS, name + " took " + millis + " ms");
			List<String> errLines = err.lines().collect(Collectors.toList());
			assertEquals(1, errLines.size(), all);
			assertTrue(errLines.get(0).startsWith("Macro Error: ConvKit "), all);
			assertTrue(errLines.get(0).contains(says), "'" + says + "' not said: " + all);
			assertTrue(errLines.get(0).length() < 1200, all);
			assertFalse(out.contains("AFTER THE BAD CALL"), "the macro went on: " + all);
			assertFalse((out + err).contains("\tat ") || (out + err).contains("Exception"), "a stack trace: " + all);
		}
		assertEquals(before, hashes(data), "files were added, removed or changed");
	}

	private static void add(Map<String, String[]> cases, String name, String macro, String says) {
		cases.put(name, new String[] { macro, says });
	}

	private static Map<String, String> hashes(Path root) throws IOException {
		Map<String, String> m = new TreeMap<>();
		try (Stream<Path> s = Files.list(root)) {
			for (Path p : s.collect(Collectors.toList())) {
				try {
					byte[] h = Files.isSymbolicLink(p) ? Files.readSymbolicLink(p).toString().getBytes(StandardCharsets.UTF_8)
						: MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
					m.put(p.getFileName().toString(), Base64.getEncoder().encodeToString(h));
				}
				catch (java.security.NoSuchAlgorithmException e) {
					throw new AssertionError(e);
				}
			}
		}
		return m;
	}
}
