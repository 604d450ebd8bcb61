package convkit.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.io.NdArray;
import convkit.io.Npy;
import convkit.testing.CaseFiles;
import convkit.testing.ConformanceCase;
import convkit.testing.Tolerance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The command line in-process: every conformance case (conv and conv3d), every error case, calc and help. */
class MainTest {

	@TempDir
	Path dir;

	/** Exit status, stdout and stderr of one run. */
	static final class Result {
		int status;
		String out;
		String err;
	}

	static Result run(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		Result r = new Result();
		r.status = Main.run(args, new PrintStream(out, true), new PrintStream(err, true));
		r.out = new String(out.toByteArray(), StandardCharsets.UTF_8);
		r.err = new String(err.toByteArray(), StandardCharsets.UTF_8);
		return r;
	}

	static Stream<ConformanceCase> cases() {
		return ConformanceCase.everywhere("cases.tsv").stream();
	}

	static Stream<ConformanceCase> errors() {
		return ConformanceCase.everywhere("errors.tsv").stream();
	}

	private String[] conv(ConformanceCase c, Path input, Path output) {
		List<String> a = new ArrayList<>(Arrays.asList(c.rank() == 3 ? "conv3d" : "conv", "input=" + input));
		a.addAll(Arrays.asList(CaseFiles.convArguments(c, dir)));
		a.add("output=" + output);
		return a.toArray(new String[0]);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void everyCaseMatchesThroughTheCommandLine(ConformanceCase c) throws IOException {
		CaseFiles.copy(c, dir);
		Path out = dir.resolve("out.npy");
		Result r = run(conv(c, dir.resolve(c.name() + ".input.npy"), out));
		assertEquals(0, r.status, r.err);
		assertTrue(r.out.contains("o = floor("), r.out);
		NdArray got = Npy.read(out);
		NdArray expected = c.array("expected");
		assertArrayEquals(expected.shape(), got.shape());
		Tolerance.assertClose(c.expected(), Tolerance.roundingFloor(c.reference()), got.toArray(), 1e-4, c.name());
		assertTrue(listing().contains("out.npy") && listing().stream().noneMatch(n -> n.startsWith(".")),
			"output and no temporary file: " + listing());
	}

	static Stream<ConformanceCase> peerCases() {
		return ConformanceCase.load("conformance-peers", "cases.tsv").stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("peerCases")
	void peerCasesMatchThroughTheCommandLineWithEveryMethodThatTakesThem(ConformanceCase c) throws IOException {
		CaseFiles.copy(c, dir);
		convkit.engine.ConvPlan plan = convkit.engine.ConvPlan.of(c.input().shape(), c.weight(), c.bias(), c.spec());
		int ran = 0;
		for (convkit.engine.Method m : convkit.engine.Method.values()) {
			Path out = dir.resolve("out-" + m.label() + ".npy");
			List<String> a = new ArrayList<>(Arrays.asList(conv(c, dir.resolve(c.name() + ".input.npy"), out)));
			a.add("method=" + m.label());
			Result r = run(a.toArray(new String[0]));
			boolean applies = true;
			try {
				convkit.engine.Convolution.prepare(plan, m);
			}
			catch (IllegalArgumentException notForThisPlan) {
				applies = false;
			}
			if (!applies) {
				assertEquals(2, r.status, "method " + m.label() + " refused: " + r.out);
				continue;
			}
			assertEquals(0, r.status, r.err);
			Tolerance.assertClose(c.expected(), Tolerance.roundingFloor(c.reference()), Npy.read(out).toArray(), 1e-4,
				c.name() + " [" + m.label() + "]");
			ran++;
		}
		assertTrue(ran >= 2, c.name() + ": auto and direct at least");
	}

	@Test
	void conv3dTakesConstantFillAndSameLower() throws IOException {
		java.util.Random rnd = new java.util.Random(11);
		convkit.testing.Reference.Case c = new convkit.testing.Reference.Case();
		c.rank = 3;
		c.channels = 1;
		c.depth = 5;
		c.height = 6;
		c.width = 7;
		c.input = new float[5 * 6 * 7];
		for (int i = 0; i < c.input.length; i++) c.input[i] = rnd.nextFloat() * 4 - 2;
		c.outChannels = 1;
		c.kd = 2;
		c.kh = 3;
		c.kw = 4;
		c.weights = new float[24];
		for (int i = 0; i < 24; i++) c.weights[i] = rnd.nextFloat() - 0.5f;
		c.same = true;
		c.sameLower = true;
		c.mode = "constant";
		c.value = 3.25f;
		try (java.io.OutputStream o = Files.newOutputStream(dir.resolve("v.npy"))) {
			Npy.write(o, new int[] { 1, 5, 6, 7 }, c.input);
		}
		try (java.io.OutputStream o = Files.newOutputStream(dir.resolve("k.npy"))) {
			Npy.write(o, new int[] { 2, 3, 4 }, c.weights);
		}
		Result r = run("conv3d", "input=" + dir.resolve("v.npy"), "kernel=[" + dir.resolve("k.npy") + "]", "padding=same_lower",
			"padding_mode=constant", "value=3.25", "output=" + dir.resolve("o.npy"));
		assertEquals(0, r.status, r.err);
		assertTrue(r.out.contains("x = F.pad(x, (2, 1, 1, 1, 1, 0), value=3.25)"), r.out);
		Tolerance.assertClose(convkit.testing.Reference.conv(c), Npy.read(dir.resolve("o.npy")).toArray(), 1e-5, "conv3d constant");
	}

	@Test
	void everyMethodGivesTheSameFileAndAnImpossibleOneIsRefused() throws IOException {
		float[] x = new float[2 * 40 * 50];
		for (int i = 0; i < x.length; i++) x[i] = (i * 37 % 101) / 101f;
		float[] w = new float[3 * 2 * 9 * 9];
		for (int i = 0; i < w.length; i++) w[i] = (i * 53 % 89) / 89f - 0.5f;
		Path in = dir.resolve("x.npy");
		Path kernel = dir.resolve("w.npy");
		try (java.io.OutputStream o = Files.newOutputStream(in)) {
			Npy.write(o, new int[] { 2, 40, 50 }, x);
		}
		try (java.io.OutputStream o = Files.newOutputStream(kernel)) {
			Npy.write(o, new int[] { 3, 2, 9, 9 }, w);
		}
		float[] direct = null;
		for (String method : new String[] { "direct", "fft", "auto" }) {
			Path out = dir.resolve(method + ".npy");
			Result r = run("conv", "input=" + in, "kernel=[" + kernel + "]", "padding=same", "padding_mode=circular",
				"method=" + method, "output=" + out);
			assertEquals(0, r.status, r.err);
			assertTrue(r.out.contains("method: " + (method.equals("auto") ? "" : method)), r.out);
			float[] got = Npy.read(out).toArray();
			if (direct == null) direct = got;
			else assertTrue(ConformanceCase.relativeError(got, direct) <= 1e-5, method);
		}
		Path refused = dir.resolve("refused.npy");
		Result r = run("conv", "input=" + in, "kernel=[" + kernel + "]", "stride=2", "method=fft", "output=" + refused);
		assertEquals(2, r.status, r.out);
		assertTrue(r.err.contains("method=fft needs stride 1") && r.err.contains("use method=auto or direct"), r.err);
		assertFalse(Files.exists(refused));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("errors")
	void everyErrorIsOneLineAndNoFile(ConformanceCase c) throws IOException {
		int ci = c.i("c_in");
		int g = Math.max(1, c.i("groups"));
		int kIn = Math.max(1, ci / g);
		boolean z = c.rank() == 3;
		int[] in = z ? new int[] { ci, c.i("depth"), c.i("height"), c.i("width") } : new int[] { ci, c.i("height"), c.i("width") };
		int[] k = z ? new int[] { c.i("c_out"), kIn, c.i("k_d"), c.i("k_h"), c.i("k_w") } : new int[] { c.i("c_out"), kIn, c.i("k_h"), c.i("k_w") };
		try (java.io.OutputStream o = Files.newOutputStream(dir.resolve(c.name() + ".input.npy"))) {
			Npy.write(o, in, new float[Arrays.stream(in).reduce(1, (a, b) -> a * b)]);
		}
		try (java.io.OutputStream o = Files.newOutputStream(dir.resolve(c.name() + ".weight.npy"))) {
			Npy.write(o, k, new float[Arrays.stream(k).reduce(1, (a, b) -> a * b)]);
		}
		Path out = dir.resolve("out.npy");
		Result r = run(conv(c, dir.resolve(c.name() + ".input.npy"), out));
		assertEquals(2, r.status, c.name());
		assertFalse(Files.exists(out), "no output file");
		assertEquals(1, r.err.split("\n").length, r.err);
		assertTrue(r.err.startsWith("convkit: ") && !r.err.contains("Exception"), r.err);
		assertEquals(2, listing().size(), "only the two inputs: " + listing());
	}

	@Test
	void tiffInTiffOutKeepsChannelsAndCalibrates() throws IOException {
		ij.ImageStack stack = new ij.ImageStack(6, 5);
		for (int ch = 0; ch < 2; ch++) {
			float[] v = new float[30];
			for (int i = 0; i < 30; i++) v[i] = i * (ch + 1);
			stack.addSlice(new ij.process.FloatProcessor(6, 5, v));
		}
		ij.ImagePlus imp = new ij.ImagePlus("two", stack);
		imp.setDimensions(2, 1, 1);
		imp.getCalibration().pixelWidth = 0.5;
		imp.getCalibration().pixelHeight = 0.5;
		imp.getCalibration().setUnit("um");
		Path in = dir.resolve("two.tif");
		new ij.io.FileSaver(imp).saveAsTiffStack(in.toString());
		Path out = dir.resolve("out.tif");
		Result r = run("conv", "input=" + in, "output=" + out, "kernel=[1 1; 1 1]", "stride=2", "padding=0");
		assertEquals(0, r.status, r.err);
		ij.ImagePlus res = new ij.io.Opener().openImage(out.toString());
		assertEquals(2, res.getNChannels());
		assertEquals(3, res.getWidth());
		assertEquals(2, res.getHeight());
		// channel 2 = 2·(i) ; output (0,0) = 2·(0 + 1 + 6 + 7) = 28
		assertEquals(28f, res.getStack().getProcessor(2).getf(0, 0));
		assertEquals(1.0, res.getCalibration().pixelWidth, 1e-12);
		assertEquals(-0.25, res.getCalibration().xOrigin, 1e-12); // (0 - 0.5) / 2
		assertTrue(((String) res.getProperty("Info")).contains("kernel=[1 1; 1 1]"));
		// the geometry ImageJ outputs carry: field 2, jump 2, start 0.5 (k_eff − 1)/2
		assertEquals("2", res.getProp("ConvKit.rf.x"));
		assertEquals("2", res.getProp("ConvKit.jump.x"));
		assertEquals("0.5", res.getProp("ConvKit.start.x"));
		assertEquals("two.tif", res.getProp("ConvKit.source"));
	}

	@Test
	void conv3dReadsAndWritesHyperstacksCalibratedInZ() throws IOException {
		// 2 channels x 4 slices x 2 frames of 5 x 3, value = 1000 c + 100 z + 10 t + x
		ij.ImageStack stack = new ij.ImageStack(5, 3);
		for (int t = 0; t < 2; t++) {
			for (int z = 0; z < 4; z++) {
				for (int ch = 0; ch < 2; ch++) {
					float[] v = new float[15];
					for (int i = 0; i < 15; i++) v[i] = 1000 * ch + 100 * z + 10 * t + i % 5;
					stack.addSlice(new ij.process.FloatProcessor(5, 3, v));
				}
			}
		}
		ij.ImagePlus imp = new ij.ImagePlus("vol", stack);
		imp.setDimensions(2, 4, 2);
		imp.setOpenAsHyperStack(true);
		imp.getCalibration().pixelDepth = 2.0;
		imp.getCalibration().zOrigin = 1.0;
		Path in = dir.resolve("vol.tif");
		new ij.io.FileSaver(imp).saveAsTiffStack(in.toString());
		Path out = dir.resolve("vol-conv.tif");
		// [C_out=1, C_in=2, kD=2, 1, 1]: channel 1 minus channel 0 summed over two slices, stride 2 along z
		Result r = run("conv3d", "input=" + in, "output=" + out, "kernel=[[[[[[-1]], [[-1]]], [[[1]], [[1]]]]]]", "stride=1,1,2");
		assertEquals(0, r.status, r.err);
		assertTrue(r.out.contains("input [2, 4, 3, 5]") && r.out.contains("output [1, 2, 3, 5]"), r.out);
		assertTrue(r.out.contains("nn.Conv3d(2, 1, kernel_size=(2, 1, 1), stride=(2, 1, 1)"), r.out);
		assertTrue(r.out.contains("positions (t): 2"), r.out);
		ij.ImagePlus res = new ij.io.Opener().openImage(out.toString());
		assertEquals(1, res.getNChannels());
		assertEquals(2, res.getNSlices());
		assertEquals(2, res.getNFrames());
		for (int t = 1; t <= 2; t++) {
			for (int z = 1; z <= 2; z++) {
				assertEquals(2000f, res.getStack().getProcessor(res.getStackIndex(1, z, t)).getf(3, 1), "t" + t + " z" + z);
			}
		}
		assertEquals(4.0, res.getCalibration().pixelDepth, 1e-12); // 2 × jump 2
		assertEquals(0.25, res.getCalibration().zOrigin, 1e-12); // (1 − start 0.5) / 2
		assertEquals("2", res.getProp("ConvKit.jump.z"));
	}

	@Test
	void anOutputThatIsTheInputIsRefusedBeforeAnything() throws IOException {
		Path in = dir.resolve("x.npy");
		try (java.io.OutputStream o = Files.newOutputStream(in)) {
			Npy.write(o, new int[] { 4, 4 }, new float[16]);
		}
		byte[] before = Files.readAllBytes(in);
		for (String spelling : new String[] { in.toString(), dir.resolve(".").resolve("x.npy").toString(),
			dir.resolve("sub").resolve("..").resolve("x.npy").toString() }) {
			Files.createDirectories(dir.resolve("sub"));
			Result r = run("conv", "input=" + in, "kernel=box(3)", "output=" + spelling);
			assertEquals(2, r.status, spelling);
			assertTrue(r.err.contains("is the input file"), r.err);
			assertArrayEquals(before, Files.readAllBytes(in));
		}
		Path link = dir.resolve("link.npy");
		Files.createSymbolicLink(link, in);
		Result r = run("conv", "input=" + link, "kernel=box(3)", "output=" + in);
		assertEquals(2, r.status);
		assertTrue(r.err.contains("is the input file"), r.err);
	}

	@Test
	void thePyTorchLayerIsPrintedInPyTorchsOrder() throws IOException {
		try (java.io.OutputStream o = Files.newOutputStream(dir.resolve("in.npy"))) {
			Npy.write(o, new int[] { 3, 20, 30 }, new float[3 * 20 * 30]);
		}
		try (java.io.OutputStream o = Files.newOutputStream(dir.resolve("w.npy"))) {
			Npy.write(o, new int[] { 1, 3, 1, 15 }, new float[45]);
		}
		Result r = run("conv", "input=" + dir.resolve("in.npy"), "kernel=[" + dir.resolve("w.npy") + "]", "stride=2,1", "dilation=1,3",
			"padding=1", "padding_mode=reflect");
		assertEquals(0, r.status, r.err);
		assertTrue(r.out.contains("PyTorch: nn.Conv2d(3, 1, kernel_size=(1, 15), stride=(1, 2), padding=(1, 1), dilation=(3, 1),"
			+ " groups=1, bias=False, padding_mode='reflect')"), r.out);
	}

	@Test
	void constantFillAndSameLowerArePrintedAsPyTorchWouldWriteThem() throws IOException {
		try (java.io.OutputStream o = Files.newOutputStream(dir.resolve("in.npy"))) {
			Npy.write(o, new int[] { 1, 9, 10 }, new float[90]);
		}
		Result r = run("conv", "input=" + dir.resolve("in.npy"), "kernel=[box(3)]", "padding=1", "padding_mode=constant", "value=2.5");
		assertEquals(0, r.status, r.err);
		assertTrue(r.out.contains("PyTorch: x = F.pad(x, (1, 1, 1, 1), value=2.5)"), r.out);
		assertTrue(r.out.contains("padding=0, dilation=(1, 1), groups=1, bias=False, padding_mode='zeros')"), r.out);
		// a 4x2 kernel (x,y = 4,2) at stride 1: same_lower pads 2 left, 1 right, 1 top, 0 bottom
		r = run("conv", "input=" + dir.resolve("in.npy"), "kernel=[1 1 1 1; 1 1 1 1]", "padding=same_lower");
		assertEquals(0, r.status, r.err);
		assertTrue(r.out.contains("PyTorch: x = F.pad(x, (2, 1, 1, 0))"), r.out);
		assertTrue(r.out.contains("[1, 9, 10]"), r.out);
		Result bad = run("conv", "input=" + dir.resolve("in.npy"), "kernel=[box(3)]", "padding=1", "padding_mode=reflect", "value=3");
		assertEquals(2, bad.status);
		assertTrue(bad.err.contains("value=3 is the fill of padding_mode=constant, but padding_mode is reflect"), bad.err);
		bad = run("conv", "input=" + dir.resolve("in.npy"), "kernel=[box(3)]", "padding_mode=constant", "value=NaN");
		assertEquals(2, bad.status);
		assertTrue(bad.err.contains("value 'NaN' is not a finite number"), bad.err);
	}

	/** Copies test resource {@code /npy/NAME} into the temporary folder. */
	private Path npyResource(String name) throws IOException {
		Path p = dir.resolve(name);
		try (java.io.InputStream in = MainTest.class.getResourceAsStream("/npy/" + name)) {
			Files.copy(in, p);
		}
		return p;
	}

	@Test
	void aFortranOrderArrayGivesTheSameResultAsItsCOrderCopy() throws IOException {
		Path f = npyResource("fortran_input.npy");
		Path c = npyResource("fortran_input_c.npy");
		Path fk = npyResource("fortran_kernel_u2.npy");
		Path ck = npyResource("fortran_kernel_u2_c.npy");
		assertEquals(0, run("conv", "input=" + f, "kernel=[" + fk + "]", "padding=same", "output=" + dir.resolve("f.npy")).status);
		assertEquals(0, run("conv", "input=" + c, "kernel=[" + ck + "]", "padding=same", "output=" + dir.resolve("c.npy")).status);
		NdArray a = Npy.read(dir.resolve("f.npy"));
		assertArrayEquals(new int[] { 2, 7, 9 }, a.shape());
		assertArrayEquals(Npy.read(dir.resolve("c.npy")).toArray(), a.toArray());
	}

	@Test
	void outputTypeSameWritesTheInputsDtypeAndRefusesOneItCannotKeep() throws IOException {
		// uint16 [1, 2, 3]: 100 200 300 / 40000 50000 60000, doubled and clamped
		java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
		int[] v = { 100, 200, 300, 40000, 50000, 60000 };
		Npy.writeUnsigned(b, new int[] { 1, 2, 3 }, 16, (from, dst, n) -> System.arraycopy(v, from, dst, 0, n));
		Files.write(dir.resolve("u16.npy"), b.toByteArray());
		Result r = run("conv", "input=" + dir.resolve("u16.npy"), "kernel=[2]", "output_type=same", "output=" + dir.resolve("o.npy"));
		assertEquals(0, r.status, r.err);
		NdArray o = Npy.read(dir.resolve("o.npy"));
		assertEquals("uint16", o.dtype());
		assertArrayEquals(new float[] { 200, 400, 600, 65535, 65535, 65535 }, o.toArray());
		r = run("conv", "input=" + dir.resolve("u16.npy"), "kernel=[2]", "output_type=same", "convert=rescale",
			"output=" + dir.resolve("r.npy"));
		assertEquals(0, r.status, r.err);
		// 200..120000 onto 0..65535: 400 -> 109.4 -> 109
		assertEquals(109f, Npy.read(dir.resolve("r.npy")).toArray()[1]);
		r = run("conv", "input=" + dir.resolve("u16.npy"), "kernel=[2]", "output=" + dir.resolve("f.npy"));
		assertEquals("float32", Npy.read(dir.resolve("f.npy")).dtype(), "output_type=float by default");
		b.reset();
		b.write(npyHeaderInt32());
		Files.write(dir.resolve("i32.npy"), b.toByteArray());
		Result bad = run("conv", "input=" + dir.resolve("i32.npy"), "kernel=[2]", "output_type=same", "output=" + dir.resolve("x.npy"));
		assertEquals(2, bad.status);
		assertTrue(bad.err.contains("holds int32 values; use output_type=float"), bad.err);
		assertFalse(Files.exists(dir.resolve("x.npy")));
	}

	/** A .npy file of one int32 value 7, shape (1, 1). */
	private static byte[] npyHeaderInt32() throws IOException {
		String dict = "{'descr': '<i4', 'fortran_order': False, 'shape': (1, 1), }";
		StringBuilder h = new StringBuilder(dict);
		while ((10 + h.length() + 1) % 64 != 0) h.append(' ');
		h.append('\n');
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		out.write(new byte[] { (byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) h.length(), 0 });
		out.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
		out.write(new byte[] { 7, 0, 0, 0 });
		return out.toByteArray();
	}

	@Test
	void aSixteenBitTiffGivesASixteenBitTiffWithOutputTypeSame() throws IOException {
		ij.process.ShortProcessor sp = new ij.process.ShortProcessor(3, 1, new short[] { 10, 20, (short) 40000 }, null);
		Path in = dir.resolve("u16.tif");
		assertTrue(new ij.io.FileSaver(new ij.ImagePlus("u16", sp)).saveAsTiff(in.toString()));
		Result r = run("conv", "input=" + in, "kernel=[1 -2]", "output_type=same", "convert=abs", "output=" + dir.resolve("o.tif"));
		assertEquals(0, r.status, r.err);
		ij.ImagePlus o = new ij.io.Opener().openImage(dir.resolve("o.tif").toString());
		assertEquals(16, o.getBitDepth());
		// 10 - 40 = -30, 20 - 80000 = -79980: abs, then clamped
		assertArrayEquals(new short[] { 30, (short) 65535 }, (short[]) o.getProcessor().getPixels());
		assertTrue(((String) o.getProperty("Info")).contains("pixel type: 16-bit (convert=abs), from the 32-bit result"));
	}

	@Test
	void calcPrintsEachLayer() {
		Result r = run("calc", "layers=[conv k=3 s=1 p=1; maxpool k=2 s=2; conv k=3 d=2 p=2]", "size=224,224");
		assertEquals(0, r.status, r.err);
		List<String> xRows = Arrays.stream(r.out.split("\n")).filter(l -> l.matches("^[0-9].* x .*")).collect(Collectors.toList());
		assertEquals(3, xRows.size(), r.out);
		String[] last = xRows.get(2).trim().split("\\s+");
		// layer 3: in 112, rf = 4 + (5-1)·2 = 12, jump 2
		assertEquals("112", last[last.length - 11]);
		assertEquals("12", last[last.length - 6]);
		// halo: a tile of layer 3's output [a, b) reads input [2a - 5, 2(b-1) + 6]
		assertEquals("5", last[last.length - 3]);
		assertEquals("6", last[last.length - 2]);
		assertTrue(r.out.contains("x: [a*2 - 5, (b-1)*2 + 6]") && r.out.contains("a tile at the image border is exact when each layer pads"),
			r.out);
		Result lower = run("calc", "layers=[conv k=4 p=same_lower; conv k=4 p=same]", "size=10");
		assertEquals(0, lower.status, lower.err);
		assertTrue(lower.out.matches("(?s).*1 +conv k=4 s=1 p=same_lower +x +10 +4 +2 +1 +10 +4 +1 +-0\\.50 .*"), lower.out);
		assertTrue(lower.out.matches("(?s).*2 +conv k=4 s=1 p=same +x +10 +4 +1 +2 +10 +7 +1 +0\\.0 .*"), lower.out);
		Result bad = run("calc", "layers=[conv k=3; conv k=0]", "size=32");
		assertEquals(2, bad.status);
		assertEquals("convkit: layer 2: 'k=0' \u2014 kernel size must be at least 1", bad.err.trim());
	}

	@Test
	void pastedRecordedOptionsRepeatAndHelp() throws IOException {
		try (java.io.OutputStream o = Files.newOutputStream(dir.resolve("in.npy"))) {
			Npy.write(o, new int[] { 8, 8 }, new float[64]);
		}
		Result r = run("conv", "input=" + dir.resolve("in.npy"), "kernel=[box(3)] stride=2 padding=same padding_mode=reflect",
			"repeat=3", "threads=1");
		assertEquals(0, r.status, r.err);
		assertTrue(r.out.matches("(?s).*timing: median_ms=[0-9.]+ min_ms=[0-9.]+ runs=3.*"), r.out);
		assertTrue(r.out.contains("[1, 4, 4]"), r.out);
		assertEquals(0, run("--help").status);
		Result unknown = run("conv", "input=x.npy", "kernel=box", "strid=2");
		assertEquals(2, unknown.status);
		assertTrue(unknown.err.contains("unknown option 'strid'"), unknown.err);
		Result png = run("conv", "input=" + dir.resolve("in.npy"), "kernel=box", "output=" + dir.resolve("o.png"));
		assertEquals(2, png.status);
		assertTrue(png.err.contains(".tif, .tiff or .npy"), png.err);
		Result missing = run("conv", "input=" + dir.resolve("nope.npy"), "kernel=box", "output=" + dir.resolve("o.npy"));
		assertEquals(2, missing.status);
		assertTrue(missing.err.contains("does not exist"), missing.err);
	}

	private List<String> listing() throws IOException {
		try (Stream<Path> s = Files.list(dir)) {
			return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
		}
	}
}
