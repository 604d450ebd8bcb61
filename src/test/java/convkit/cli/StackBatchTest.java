package convkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.io.NdArray;
import convkit.io.Npy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code batch ... layers=}: a folder run through a layer stack — a {@code .npy} stays {@code .npy},
 * a TIFF stays a TIFF, both equal to PyTorch's result; a file the stack cannot take is logged with
 * the layer and the others go on; a bad stack, or a stack beside a convolution's option, is refused
 * in one line before anything is written.
 */
class StackBatchTest {

	@TempDir
	Path dir;

	private Path cases() throws IOException, URISyntaxException {
		Path from = Paths.get(StackBatchTest.class.getResource("/conformance-stack").toURI());
		Path to = Files.createDirectories(dir.resolve("cases"));
		try (Stream<Path> s = Files.list(from)) {
			for (Path p : s.collect(Collectors.toList())) Files.copy(p, to.resolve(p.getFileName()));
		}
		return to;
	}

	@Test
	void everyFileRunsThroughTheStackAndOneTheStackCannotTakeIsLogged() throws Exception {
		Path cases = cases();
		Path in = Files.createDirectories(dir.resolve("in"));
		Files.copy(cases.resolve("vgg_block_2d.input.npy"), in.resolve("a.npy"));
		MainTest.Result conv = MainTest.run("stack", "input=" + in.resolve("a.npy"), "output=" + in.resolve("b.tif"), "layers=[relu]");
		assertEquals(0, conv.status, conv.err); // a TIFF hyperstack of relu(input)
		float[] two = new float[2 * 32 * 28];
		try (OutputStream os = Files.newOutputStream(in.resolve("c.npy"))) {
			Npy.write(os, new int[] { 2, 32, 28 }, two);
		}
		Path out = dir.resolve("out");
		MainTest.Result r = MainTest.run("batch", "input=" + in, "output=" + out, "pattern=*.{npy,tif}",
			"layers=@" + cases.resolve("vgg_block_2d.layers.txt"));
		assertEquals(1, r.status, r.out + r.err);
		assertTrue(r.err.contains("convkit: c.npy: layer 1 (conv): "), r.err);
		assertEquals(1, r.err.trim().split("\\R").length, r.err);
		NdArray expected = Npy.read(cases.resolve("vgg_block_2d.expected.npy"));
		NdArray got = Npy.read(out.resolve("a.npy"));
		assertEquals(expected.shapeString(), got.shapeString());
		float[] e = expected.toArray();
		float[] g = got.toArray();
		for (int i = 0; i < e.length; i++) assertEquals(e[i], g[i], 1e-4 * 10, "a.npy element " + i);
		ij.ImagePlus tif = new ij.io.Opener().openImage(out.resolve("b.tif").toString());
		assertEquals(8, tif.getNChannels());
		assertEquals(14, tif.getWidth());
		assertTrue(tif.getProp("ConvKit.chain.x") != null);
		assertFalse(Files.exists(out.resolve("c.npy")), "nothing of the file that failed");
		String log = new String(Files.readAllBytes(out.resolve("convkit-batch-log.csv")), StandardCharsets.UTF_8);
		assertTrue(log.contains("c.npy,failed,") && log.contains("a.npy,ok,"), log);
	}

	@Test
	void aBadStackOrAConvolutionsOptionBesideItIsRefusedInOneLineBeforeAnythingIsWritten() throws Exception {
		Path cases = cases();
		Path in = Files.createDirectories(dir.resolve("in"));
		Files.copy(cases.resolve("vgg_block_2d.input.npy"), in.resolve("a.npy"));
		Path out = dir.resolve("out");
		String[][] bad = {
			{ "convkit: layer \\d+: unknown layer kind .*", "layers=@" + cases.resolve("e_unknown.layers.txt") },
			{ "convkit: layer 1 \\(conv\\): w file '.*nope.npy' does not exist", "layers=[conv w=" + cases.resolve("nope.npy") + "]" },
			{ "convkit: option 'stride' is a single convolution's; with layers= every layer takes its own settings.*", "layers=[relu]",
				"stride=2" } };
		for (String[] b : bad) {
			java.util.List<String> args = new java.util.ArrayList<>(java.util.Arrays.asList("batch", "input=" + in, "output=" + out, "pattern=*.npy"));
			args.addAll(java.util.Arrays.asList(b).subList(1, b.length));
			MainTest.Result r = MainTest.run(args.toArray(new String[0]));
			assertEquals(2, r.status, b[1] + ": " + r.out + r.err);
			assertEquals(1, r.err.trim().split("\\R").length, r.err);
			assertTrue(r.err.trim().matches(b[0]), r.err);
			assertFalse(Files.exists(out), b[1] + ": the output folder was made");
		}
	}
}
