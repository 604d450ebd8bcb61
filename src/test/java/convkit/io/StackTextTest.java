package convkit.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.engine.Execution;
import convkit.engine.LayerStack;
import convkit.engine.Shape;
import convkit.engine.Tensor;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The layer-stack text that runs: keys per kind, rank, file names, PyTorch tuples, and refusals that name the layer. */
class StackTextTest {

	@TempDir
	Path dir;

	@Test
	void theRankComesFromTheWeightsElseFromPerAxisValuesElseTwo() throws IOException {
		npy("w4.npy", new int[] { 2, 1, 3, 3 });
		npy("w5.npy", new int[] { 2, 1, 1, 3, 3 });
		assertEquals(2, parse("conv w=w4.npy; relu").rank());
		assertEquals(3, parse("conv w=w5.npy; maxpool k=2").rank());
		assertEquals(3, parse("maxpool k=2,2,1").rank());
		assertEquals(2, parse("maxpool k=2; relu").rank());
		assertRefused("layer 2 (maxpool): k=2,2,1 is 3-D, but the layers before make a 2-D stack; every layer of a stack has the same rank",
			"conv w=w4.npy; maxpool k=2,2,1");
	}

	@Test
	void fileNamesResolveAgainstTheFolderGivenAndMayHoldSpacesInBrackets() throws IOException {
		npy("my weights.npy", new int[] { 1, 1, 1, 1 }, 2f);
		LayerStack s = parse("conv w=[my weights.npy]");
		Tensor out = s.prepare(Shape.of(1, 2, 2)).run(Tensor.of(1, 2, 2, new float[] { 1, 2, 3, 4 }), Execution.defaults());
		assertEquals(8f, out.get(0, 1, 1));
		Path text = dir.resolve("stack.txt");
		Files.write(text, "# a comment\nconv w=[my weights.npy]\n\nrelu\n".getBytes(StandardCharsets.UTF_8));
		StackText.Parsed p = StackText.fromOption("@" + text);
		assertEquals(2, p.stack().layers().size());
		assertTrue(p.reads().containsKey("layer 1 (conv) w"), p.reads().toString());
	}

	@Test
	void theRecordedTextNamesEveryFileAbsolutelyOnOneLine() throws IOException {
		Path cwd = java.nio.file.Paths.get("").toAbsolutePath();
		assertEquals("conv w=" + cwd.resolve("w.npy") + " b=[" + cwd.resolve("my b.npy") + "] p=(1, 2); bn mean=/m.npy var=" + cwd.resolve("v.npy") + " eps=0.001; maxpool k=2 s=2; relu",
			StackText.recordable("# the block\nconv w=w.npy b=[my b.npy] p=(1, 2)\nbn mean=/m.npy var=v.npy eps=0.001; maxpool k=2 s=2\n\nrelu\n"));
		Path text = dir.resolve("stack.txt");
		assertEquals("@" + text, StackText.recordable(" @" + text));
		assertEquals("@" + cwd.resolve("rel.txt"), StackText.recordable("@rel.txt"));
	}

	@Test
	void pyTorchTuplesAreReadInPyTorchsOrder() {
		LayerStack s = parse("maxpool k=(2, 1) s=(2, 1)");
		assertEquals(Shape.of(1, 4, 6), s.prepare(Shape.of(1, 8, 6)).outputShape());
		assertEquals(Shape.of(1, 8, 3), parse("maxpool k=2,1 s=2,1").prepare(Shape.of(1, 8, 6)).outputShape()); // x,y as ImageJ writes
	}

	@Test
	void whatCannotRunIsRefusedWithTheLayerAndTheWayOut() throws IOException {
		npy("w.npy", new int[] { 2, 1, 3, 3 });
		npy("flat.npy", new int[] { 3, 3 });
		npy("m.npy", new int[] { 2 });
		assertRefused("layer 1 (conv): running a conv layer needs its weights, w=FILE.npy ([C_out, C_in/groups, kH, kW]); k= alone describes its"
			+ " geometry, which the calculator (calc, Conv Calculator) shows", "conv k=3");
		assertRefused("layer 1 (conv): k=5 disagrees with the weights [2, 1, 3, 3], whose kernel is 3 wide and 3 high; drop k= (the weights give it)",
			"conv w=w.npy k=5");
		assertRefused("layer 1 (conv): weights [3, 3] must have 4 dimensions (2-D: [C_out, C_in/groups, kH, kW]) or 5 (3-D, with kD before kH)",
			"conv w=flat.npy");
		assertRefused("layer 2 (avgpool): unknown setting 'd=2'; allowed are k, s, p, ceil, cip", "relu; avgpool k=2 d=2");
		assertRefused("layer 1 (maxpool): p=same is not allowed here: PyTorch pads a maxpool layer the same on both sides, so it takes p=P or one"
			+ " value per axis; per-side and same padding stay in the calculator", "maxpool k=3 p=same");
		assertRefused("layer 1 (avgpool): p=0,1,0,1 is not allowed here: PyTorch pads a avgpool layer the same on both sides, so it takes p=P or one"
			+ " value per axis; per-side and same padding stay in the calculator", "avgpool k=3 p=0,1,0,1");
		assertRefused("layer 3: unknown layer kind 'sofmax'; allowed are conv, convt, maxpool, avgpool, bn, relu, leakyrelu", "relu; relu; sofmax");
		assertRefused("layer 1 (relu): unknown setting 'k=3'; relu takes no settings", "relu k=3");
		assertRefused("layer 1 (maxpool): ceil=2 is not allowed; write ceil=0 or ceil=1", "maxpool k=2 ceil=2");
		assertRefused("layer 1 (conv): value= is the fill of mode=constant; add mode=constant or drop it", "conv w=w.npy value=3");
		assertRefused("layer 1 (bn): batch norm needs var=FILE.npy (one value per channel)", "bn mean=m.npy");
		assertRefused("layer 1 (bn): mean [2, 1, 3, 3] must be one value per channel, a 1-D array", "bn mean=w.npy var=m.npy");
		assertRefused("layer 2 (conv): w file '" + dir.resolve("nope.npy") + "' does not exist", "relu; conv w=nope.npy");
		assertRefused("the layer stack is empty; write layers such as 'conv w=weights.npy p=1; relu; maxpool k=2'", " ; # nothing\n");
	}

	@Test
	void aConstantModeTakesItsFill() throws IOException {
		npy("one.npy", new int[] { 1, 1, 1, 1 }, 1f);
		LayerStack s = parse("conv w=one.npy p=1 mode=constant value=7");
		Tensor out = s.prepare(Shape.of(1, 1, 1)).run(Tensor.of(1, 1, 1, new float[] { 2 }), Execution.defaults());
		assertEquals(7f, out.get(0, 0, 0));
		assertEquals(2f, out.get(0, 1, 1));
	}

	private LayerStack parse(String text) {
		return StackText.parse(text, dir).stack();
	}

	private void assertRefused(String message, String text) {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(text));
		assertEquals(message, e.getMessage());
	}

	private void npy(String name, int[] shape) throws IOException {
		npy(name, shape, 0.5f);
	}

	private void npy(String name, int[] shape, float value) throws IOException {
		int n = 1;
		for (int s : shape) n *= s;
		float[] v = new float[n];
		java.util.Arrays.fill(v, value);
		try (OutputStream out = Files.newOutputStream(dir.resolve(name))) {
			Npy.write(out, shape, v);
		}
	}
}
