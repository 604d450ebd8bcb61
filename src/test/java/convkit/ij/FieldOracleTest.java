package convkit.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.engine.ActivationLayer;
import convkit.engine.Axis;
import convkit.engine.BatchNormLayer;
import convkit.engine.ConvLayer;
import convkit.engine.ConvSpec;
import convkit.engine.Execution;
import convkit.engine.Kernel;
import convkit.engine.LayerStack;
import convkit.engine.PoolLayer;
import convkit.engine.PoolSpec;
import convkit.engine.StackLayer;
import convkit.engine.TransposedConvLayer;
import convkit.engine.TransposedSpec;
import convkit.geometry.AxisTrace;
import convkit.geometry.Layer;
import convkit.geometry.LayerKind;
import convkit.geometry.OutputGeometry;
import convkit.geometry.ReceptiveField;
import convkit.image.GeometryProperties;
import convkit.image.ImageLayerStack;
import convkit.io.LayerStackText;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.FloatProcessor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The receptive fields against an independent oracle (src/test/resources/field-oracle, made by
 * tools/make_field_oracle.py): for random stacks of every kind — transposed layers, pools with
 * ceil mode and dilation, batch norm, activations — PyTorch autograd gives, for output pixels of
 * the last layer, the bounding box of the non-zero gradient with respect to the input (every
 * weight 1, zero padding). The calculator ({@link AxisTrace#reach}) and the Receptive Field
 * Overlay (on the geometry a real Conv Stack output carries) give exactly that box for every one.
 */
class FieldOracleTest {

	@Test
	void theCalculatorAndTheOverlayGiveAutogradsFieldForEveryPixel() throws IOException {
		List<String[]> cases = cases();
		assertTrue(cases.size() >= 400, cases.size() + " cases");
		int none = 0;
		int transposed = 0;
		for (String[] c : cases) {
			String what = c[0] + ": " + c[3] + " on " + c[2] + ", pixel " + c[4];
			int rank = Integer.parseInt(c[1]);
			int[] size = ints(c[2]);
			int[] pixel = ints(c[4]);
			List<Layer> layers = LayerStackText.parse(c[3]);
			List<ReceptiveField.Row> rows = ReceptiveField.trace(layers, size);
			StringBuilder calc = new StringBuilder();
			for (Axis a : Axis.of(rank)) {
				int[] r = rows.get(rows.size() - 1).axis(a).reach(pixel[a.ordinal()]);
				if (r == null) {
					calc.setLength(0);
					calc.append("none");
					break;
				}
				calc.append(calc.length() == 0 ? "" : ",").append(r[0]).append("..").append(r[1]);
			}
			assertEquals(c[5], calc.toString(), "calculator, " + what);
			OutputGeometry g = GeometryProperties.read(run(layers, rank, size)).orElseThrow(AssertionError::new);
			ReceptiveFieldOverlay.Field f = ReceptiveFieldOverlay.field(g, pixel[0], pixel[1], rank == 3 ? pixel[2] : 0);
			String overlay = !f.reaches ? "none" : f.fromX + ".." + f.toX + "," + f.fromY + ".." + f.toY + (rank == 3 ? "," + f.fromZ + ".." + f.toZ : "");
			assertEquals(c[5], overlay, "overlay, " + what);
			none += c[5].equals("none") ? 1 : 0;
			transposed += c[3].contains("convt") ? 1 : 0;
		}
		assertTrue(none > 5 && transposed > 100, none + " pixels no input reaches, " + transposed + " behind transposed layers");
	}

	/** The stack run on a one-channel image of {@code size} with every weight 1: its output image, as Conv Stack makes it. */
	private static ImagePlus run(List<Layer> layers, int rank, int[] size) {
		List<StackLayer> run = new ArrayList<>();
		for (Layer l : layers) run.add(runnable(l, rank));
		ImageStack st = new ImageStack(size[0], size[1]);
		for (int z = 0; z < (rank == 3 ? size[2] : 1); z++) st.addSlice(new FloatProcessor(size[0], size[1]));
		ImagePlus in = new ImagePlus("in", st);
		return ImageLayerStack.process(in, LayerStack.of(rank, run), false, Execution.defaults().withThreads(1)).last();
	}

	/** The layer the calculator describes, as one that runs, one channel, weights 1. */
	private static StackLayer runnable(Layer l, int rank) {
		int[] k = new int[rank];
		int[] s = new int[rank];
		int[] d = new int[rank];
		int[] p = new int[rank];
		int[] op = new int[rank];
		for (Axis a : Axis.of(rank)) {
			k[a.ordinal()] = l.kernel(a);
			s[a.ordinal()] = l.stride(a);
			d[a.ordinal()] = l.dilation(a);
			p[a.ordinal()] = l.padding().lo(a);
			op[a.ordinal()] = l.outputPadding(a);
		}
		int[] shape = new int[rank + 2];
		Arrays.fill(shape, 1);
		for (int a = 0; a < rank; a++) shape[rank + 1 - a] = k[a];
		int n = 1;
		for (int v : shape) n *= v;
		float[] ones = new float[n];
		Arrays.fill(ones, 1);
		switch (l.kind()) {
			case CONV:
				return ConvLayer.of(Kernel.of(ones, shape), null, ConvSpec.builder(rank).stride(s).dilation(d).padding(l.padding()).build());
			case CONVT:
				return TransposedConvLayer.of(Kernel.of(ones, shape), null, TransposedSpec.of(rank, s, p, op, d, 1));
			case MAXPOOL:
				return PoolLayer.of(PoolSpec.max(rank, k, s, p, d, l.ceil()));
			case AVGPOOL:
				return PoolLayer.of(PoolSpec.avg(rank, k, s, p, l.ceil(), true));
			case BN:
				return BatchNormLayer.of(rank, new float[] { 0 }, new float[] { 1 }, null, null, 1e-5);
			case LEAKYRELU:
				return ActivationLayer.leaky(0.1f);
			default:
				assertEquals(LayerKind.RELU, l.kind());
				return ActivationLayer.relu();
		}
	}

	private static int[] ints(String text) {
		String[] p = text.split(",");
		int[] v = new int[p.length];
		for (int i = 0; i < p.length; i++) v[i] = Integer.parseInt(p[i].trim());
		return v;
	}

	private static List<String[]> cases() throws IOException {
		List<String[]> out = new ArrayList<>();
		try (InputStream in = FieldOracleTest.class.getResourceAsStream("/field-oracle/cases.tsv")) {
			String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
			for (int i = 1; i < lines.length; i++) {
				if (!lines[i].trim().isEmpty() && !lines[i].startsWith("#")) out.add(lines[i].split("\t"));
			}
		}
		return out;
	}
}
