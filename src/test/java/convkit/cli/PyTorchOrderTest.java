package convkit.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.io.NdArray;
import convkit.io.Npy;
import convkit.testing.Tolerance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * PyTorch's layers pasted as PyTorch writes them: tuples in PyTorch's order and inputs with a
 * batch axis, against outputs PyTorch computed ({@code tools/make_pytorch_order_cases.py}); the
 * same layer written in ImageJ's order gives the same file.
 */
class PyTorchOrderTest {

	@TempDir
	Path dir;

	static Stream<Arguments> cases() throws IOException {
		List<Arguments> rows = new ArrayList<>();
		try (InputStream in = PyTorchOrderTest.class.getResourceAsStream("/pytorch-order/cases.tsv")) {
			for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
				if (!line.isEmpty() && !line.startsWith("#")) rows.add(Arguments.of((Object) line.split("\t")));
			}
		}
		return rows.stream();
	}

	private Path resource(String name) throws IOException {
		Path p = dir.resolve(name);
		if (!Files.exists(p)) {
			try (InputStream in = PyTorchOrderTest.class.getResourceAsStream("/pytorch-order/" + name)) {
				Files.copy(in, p);
			}
		}
		return p;
	}

	private NdArray run(String[] c, String options, String outName) throws IOException {
		List<String> args = new ArrayList<>(Arrays.asList(c[1], "input=" + resource(c[0] + ".x.npy"), "kernel=" + resource(c[0] + ".w.npy"),
			"bias=" + resource(c[0] + ".b.npy"), "output=" + dir.resolve(outName)));
		args.addAll(Arrays.asList(options.split("\\|")));
		MainTest.Result r = MainTest.run(args.toArray(new String[0]));
		assertEquals(0, r.status, String.join(" ", args) + ": " + r.err);
		return Npy.read(dir.resolve(outName));
	}

	@ParameterizedTest
	@MethodSource("cases")
	void tuplesAndBatchesGivePyTorchsShapeAndValues(String[] c) throws IOException {
		NdArray expected = Npy.read(resource(c[0] + ".expected.npy"));
		NdArray got = run(c, c[2], c[0] + ".tuples.npy");
		assertArrayEquals(expected.shape(), got.shape(), c[0] + ": the batch axis is kept, the sizes are PyTorch's");
		Tolerance.assertClose(expected.toArray(), got.toArray(), 1e-4, c[0]);
		NdArray imagej = run(c, c[3], c[0] + ".imagej.npy");
		assertArrayEquals(got.toArray(), imagej.toArray(), c[0] + ": the same layer in ImageJ's order");
	}

	@Test
	void aMalformedTupleIsRefusedWithTheRule() throws IOException {
		String[] c = { "tuples2d", "conv" };
		String[][] bad = {
			{ "stride=(2, 1", "stride '(2, 1' is not a closed tuple; write PyTorch order in parentheses, stride=(H, W)" },
			{ "stride=(2, 1, 1)", "stride '(2, 1, 1)' has 3 values; a 2-D layer takes stride=(N,) or stride=(H, W) in PyTorch order" },
			{ "dilation=(a, 1)", "dilation '(a, 1)' is not a tuple of whole numbers" },
			{ "padding=(1, 2, 3)", "padding '(1, 2, 3)' has 3 values; a 2-D layer takes padding=(P,), padding=(H, W)" },
			{ "stride=2,1)", "stride '2,1)' is not a closed tuple" } };
		for (String[] b : bad) {
			MainTest.Result r = MainTest.run(c[1], "input=" + resource("tuples2d.x.npy"), "kernel=" + resource("tuples2d.w.npy"),
				"output=" + dir.resolve("never.npy"), b[0]);
			assertEquals(2, r.status, b[0]);
			assertTrue(r.err.startsWith("convkit: " + b[1]), b[0] + ": " + r.err);
			assertFalse(Files.exists(dir.resolve("never.npy")), b[0]);
		}
		MainTest.Result r3 = MainTest.run("conv3d", "input=" + resource("tuples3d.x.npy"), "kernel=" + resource("tuples3d.w.npy"),
			"padding=(1, 2, 3, 4)");
		assertEquals(2, r3.status);
		assertTrue(r3.err.contains("a 3-D layer takes padding=(P,), padding=(D, H, W) in PyTorch order or F.pad order (left, right,"
			+ " top, bottom, front, back)"), r3.err);
	}

	@Test
	void aShapeNeitherCommandReadsIsRefusedNamingTheShapesItReads() throws IOException {
		Path six = dir.resolve("six.npy");
		try (java.io.OutputStream os = Files.newOutputStream(six)) {
			Npy.write(os, new int[] { 1, 1, 2, 3, 4, 5 }, new float[120]);
		}
		MainTest.Result r = MainTest.run("conv", "input=" + six, "kernel=box(3)");
		assertEquals(2, r.status);
		assertTrue(r.err.contains("has shape [1, 1, 2, 3, 4, 5]; conv reads [H, W], [C, H, W] and a batch [N, C, H, W]"), r.err);
		MainTest.Result r3 = MainTest.run("conv3d", "input=" + six, "kernel=[box3d(3)]");
		assertTrue(r3.err.contains("conv3d reads [D, H, W], [C, D, H, W] and a batch [N, C, D, H, W]"), r3.err);
	}

	@Test
	void theCalculatorReadsTuplesInPyTorchsOrderToo() {
		MainTest.Result tuple = MainTest.run("calc", "layers=[conv k=(3, 5) s=(2, 1) p=(1, 2); maxpool k=(2, 2)]", "size=64,48");
		MainTest.Result plain = MainTest.run("calc", "layers=[conv k=5,3 s=1,2 p=2,1; maxpool k=2,2]", "size=64,48");
		assertEquals(0, tuple.status, tuple.err);
		assertEquals(plain.out, tuple.out);
		assertTrue(tuple.out.contains("x        64"), tuple.out);
	}
}
