package convkit.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import convkit.engine.AxisGeometry;
import convkit.engine.AxisStep;
import convkit.engine.Padding;
import convkit.engine.Tiles;
import convkit.testing.Seeds;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The halo the calculator reports ({@link AxisTrace#haloBefore()}, {@link AxisTrace#haloAfter()})
 * is the input block an output tile reads: for random stacks of convolutions and pools, walking an
 * output range back through each layer ({@link Tiles#firstInput}, {@link Tiles#lastInput}) gives
 * {@code [a·jump − halo_lo, (b−1)·jump + halo_hi]}.
 */
class TileHaloTest {

	@Test
	void theHaloIsTheInputBlockATileReads() {
		for (int i = 0; i < Seeds.tries(500); i++) {
			Random r = new Random(Seeds.of("halo", i));
			List<Layer> layers = new ArrayList<>();
			int count = 1 + r.nextInt(4);
			for (int l = 0; l < count; l++) {
				int k = 1 + r.nextInt(6);
				int s = 1 + r.nextInt(3);
				int d = 1 + r.nextInt(2);
				int lo = r.nextInt(4);
				int hi = r.nextInt(4);
				boolean pool = r.nextInt(4) == 0;
				Padding p = pool ? Padding.of(0) : r.nextBoolean() ? Padding.of(lo, hi, hi, lo) : r.nextBoolean() ? Padding.same() : Padding.sameLower();
				layers.add(Layer.of(pool ? LayerKind.MAXPOOL : LayerKind.CONV, k, k, s, s, pool ? 1 : d, pool ? 1 : d, p));
			}
			int w = 40 + r.nextInt(200);
			List<ReceptiveField.Row> rows;
			try {
				rows = ReceptiveField.trace(layers, w, 30 + r.nextInt(100));
			}
			catch (IllegalArgumentException tooSmall) {
				continue;
			}
			ReceptiveField.Row last = rows.get(rows.size() - 1);
			for (AxisTrace t : last.axes()) {
				int out = t.geometry().outputSize();
				int a = r.nextInt(out);
				int b = a + 1 + r.nextInt(out - a);
				int lo = a;
				int hi = b - 1;
				for (int l = rows.size() - 1; l >= 0; l--) {
					AxisStep s = rows.get(l).axis(t.geometry().axis()).geometry();
					AxisGeometry g = AxisGeometry.of(s.axis(), s.inputSize(), s.kernel(), s.stride(), s.dilation(), s.padLo(), s.padHi());
					lo = Tiles.firstInput(g, lo);
					hi = Tiles.lastInput(g, hi + 1);
				}
				String what = Seeds.replay("halo", i) + " " + layers + " " + t.geometry().axis().label() + " [" + a + ", " + b + ")";
				assertEquals(lo, a * t.jump().intValue() - t.haloBefore(), what);
				assertEquals(hi, (b - 1) * t.jump().intValue() + t.haloAfter(), what);
			}
		}
	}
}
