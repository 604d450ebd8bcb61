package convkit.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.engine.ActivationLayer;
import convkit.engine.Axis;
import convkit.engine.ConvLayer;
import convkit.engine.ConvSpec;
import convkit.engine.Kernel;
import convkit.engine.LayerStack;
import convkit.engine.Padding;
import convkit.engine.PoolLayer;
import convkit.engine.PoolSpec;
import convkit.engine.Shape;
import convkit.engine.StackLayer;
import convkit.engine.TransposedConvLayer;
import convkit.engine.TransposedSpec;
import convkit.testing.Seeds;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The fields of a stack that runs ({@link StackFields}) are the calculator's for the same
 * geometry: random stacks of convolutions, transposed convolutions, pools (ceil mode too) and
 * activations, 2-D and 3-D, traced both ways — sizes, field, jump and start (exact fractions) and
 * a random output pixel's reach equal after every layer; a transposed layer worked out by hand.
 */
class StackFieldsTest {

	@Test
	void fieldsOfARunningStackAreTheCalculatorsForTheSameLayers() {
		int compared = 0;
		for (int t = 0; t < Seeds.tries(300); t++) {
			Random r = new Random(Seeds.of("stackfields", t));
			int rank = 2 + r.nextInt(2);
			List<StackLayer> run = new ArrayList<>();
			List<Layer> calc = new ArrayList<>();
			int inChannels = 1 + r.nextInt(2);
			int channels = inChannels;
			for (int i = 0, n = 1 + r.nextInt(5); i < n; i++) {
				int[] k = new int[rank], s = new int[rank], d = new int[rank], p = new int[rank];
				int kind = r.nextInt(5);
				for (int a = 0; a < rank; a++) {
					k[a] = 1 + r.nextInt(4);
					s[a] = 1 + r.nextInt(2);
					d[a] = kind == 2 ? 1 : 1 + r.nextInt(2);
					p[a] = r.nextInt(k[a] / 2 + 1);
				}
				Padding pad = rank == 2 ? Padding.of(p[0], p[1]) : Padding.of(p[0], p[1], p[2]);
				if (kind == 0) {
					int out = 1 + r.nextInt(2);
					int[] shape = new int[rank + 2];
					shape[0] = out;
					shape[1] = channels;
					for (int a = 0; a < rank; a++) shape[rank + 1 - a] = k[a]; // weights: [.., (kD,) kH, kW], k in x, y, z order
					int values = 1;
					for (int v : shape) values *= v;
					run.add(ConvLayer.of(Kernel.of(new float[values], shape), null, ConvSpec.builder(rank).stride(s).dilation(d).padding(pad).build()));
					calc.add(Layer.of(LayerKind.CONV, k, s, d, pad));
					channels = out;
				}
				else if (kind == 1 || kind == 2) {
					boolean max = kind == 1;
					boolean ceil = r.nextBoolean();
					run.add(PoolLayer.of(max ? PoolSpec.max(rank, k, s, p, d, ceil) : PoolSpec.avg(rank, k, s, p, ceil, true)));
					calc.add(Layer.of(max ? LayerKind.MAXPOOL : LayerKind.AVGPOOL, k, s, d, pad, new int[] { 0 }, ceil));
				}
				else if (kind == 3) {
					run.add(ActivationLayer.relu());
					calc.add(Layer.relu());
				}
				else {
					int out = 1 + r.nextInt(2);
					int[] op = new int[rank];
					for (int a = 0; a < rank; a++) op[a] = r.nextInt(Math.max(s[a], d[a]));
					int[] shape = new int[rank + 2];
					shape[0] = channels;
					shape[1] = out;
					for (int a = 0; a < rank; a++) shape[rank + 1 - a] = k[a];
					int values = 1;
					for (int v : shape) values *= v;
					run.add(TransposedConvLayer.of(Kernel.of(new float[values], shape), null, TransposedSpec.of(rank, s, p, op, d, 1)));
					calc.add(Layer.of(LayerKind.CONVT, k, s, d, pad, op, false));
					channels = out;
				}
			}
			int[] size = new int[rank];
			for (int a = 0; a < rank; a++) size[a] = 20 + r.nextInt(30);
			Shape input = rank == 2 ? Shape.of(inChannels, size[1], size[0]) : Shape.of(inChannels, size[2], size[1], size[0]);
			List<ReceptiveField.Row> rows;
			LayerStack.Prepared prepared;
			try {
				rows = ReceptiveField.trace(calc, size);
				prepared = LayerStack.of(rank, run).prepare(input);
			}
			catch (IllegalArgumentException tooSmall) {
				continue;
			}
			List<AxisChain[]> fields = StackFields.of(prepared);
			String what = "try " + t + " (" + Seeds.replay("stackfields", t) + "): " + calc;
			for (int i = 0; i < rows.size(); i++) {
				for (Axis a : Axis.of(rank)) {
					AxisTrace want = rows.get(i).axis(a);
					AxisChain got = fields.get(i)[a.ordinal()];
					String where = what + " layer " + (i + 1) + " " + a;
					assertEquals(want.geometry().outputSize(), prepared.shapeAfter(i).size(a), where + " size");
					assertEquals(want.field(), got.map().field(), where + " field");
					assertEquals(want.jump(), got.map().jump(), where + " jump");
					assertEquals(want.start(), got.map().start(), where + " start");
					int o = r.nextInt(want.geometry().outputSize());
					assertArrayEquals(want.reach(o), got.reach(o), where + " reach of " + o);
				}
			}
			compared++;
		}
		assertTrue(compared > Seeds.tries(300) / 3, compared + " compared");
	}

	@Test
	void aTransposedLayerDividesTheJumpAndReachesOnlyTheInputsItsTapsConnect() {
		Kernel w = Kernel.of(new float[9], 1, 1, 3, 3);
		LayerStack s = LayerStack.of(2, java.util.Arrays.asList(ActivationLayer.relu(),
			TransposedConvLayer.of(w, null, TransposedSpec.of(2, new int[] { 2 }, new int[] { 1 }, new int[] { 1 }, new int[] { 1 }, 1)),
			PoolLayer.of(PoolSpec.max(2, new int[] { 2 }, null, new int[] { 0 }, new int[] { 1 }, false))));
		List<AxisChain[]> f = StackFields.of(s.prepare(Shape.of(1, 8, 8)));
		assertEquals("field 1, jump 1, start 0", f.get(0)[0].map().toString());
		// convt k3 s2 p1: field 1 + 2·1/2 = 2, jump 1/2, start 0 + (1 − 1)/2 = 0
		assertEquals("field 2, jump 1/2, start 0", f.get(1)[0].map().toString());
		// output 1 is reached from (1 + 1 − t)/2 for t = 0, 2: inputs 1 and 0; output 2 only from t = 1: input 1
		assertArrayEquals(new int[] { 0, 1 }, f.get(1)[0].reach(1));
		assertArrayEquals(new int[] { 1, 1 }, f.get(1)[0].reach(2));
		// maxpool 2: field 2 + 1·1/2 = 5/2, jump 1, start 0 + (1/2)·(1/2) = 1/4
		assertEquals("field 5/2, jump 1, start 1/4", f.get(2)[0].map().toString());
		assertArrayEquals(new int[] { 0, 1 }, f.get(2)[0].reach(0));
	}
}
