package convkit.geometry;

import convkit.engine.AxisGeometry;
import convkit.engine.Padding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import convkit.testing.ConformanceCase;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** same_padding.tsv (by the engine's rule and the reference's own) and receptive_field.tsv, matched exactly. */
class GeometryTablesTest {

	@Test
	void samePaddingMatchesEveryRow() {
		List<ConformanceCase> rows = ConformanceCase.load("conformance", "same_padding.tsv");
		assertEquals(270, rows.size());
		for (ConformanceCase r : rows) {
			int n = r.i("n");
			int k = r.i("k");
			int s = r.i("stride");
			int d = r.i("dilation");
			String where = "n=" + n + " k=" + k + " s=" + s + " d=" + d;
			int[] pad = Padding.samePadding(n, k, s, d);
			assertArrayEquals(pad, convkit.testing.Reference.samePadding(n, k, s, d), where + " (the reference's own rule)");
			assertArrayEquals(new int[] { r.i("pad_lo"), r.i("pad_hi") }, pad, where);
			assertEquals(r.i("out"), AxisGeometry.outputSize(n, k, s, d, pad[0], pad[1]), where);
			assertEquals(r.i("out"), (n + s - 1) / s, where + " (same keeps ceil(n/s))");
		}
	}

	@Test
	void receptiveFieldMatchesEveryStack() {
		Map<String, List<ConformanceCase>> stacks = new LinkedHashMap<>();
		for (ConformanceCase r : ConformanceCase.load("conformance", "receptive_field.tsv")) {
			stacks.computeIfAbsent(r.row.get("stack"), s -> new ArrayList<>()).add(r);
		}
		assertEquals(4, stacks.size());
		for (Map.Entry<String, List<ConformanceCase>> e : stacks.entrySet()) {
			List<Layer> layers = new ArrayList<>();
			for (ConformanceCase r : e.getValue()) {
				LayerKind kind = LayerKind.fromLabel(r.row.get("kind"));
				int k = r.i("k");
				int s = r.i("stride");
				int d = r.i("dilation");
				layers.add(kind == LayerKind.RELU ? Layer.relu()
					: Layer.of(kind, k, k, s, s, d, d, Padding.of(r.i("pad_lo"), r.i("pad_hi"), r.i("pad_lo"), r.i("pad_hi"))));
			}
			List<ReceptiveField.Row> trace = ReceptiveField.trace(layers, 224, 224);
			for (int i = 0; i < trace.size(); i++) {
				ConformanceCase r = e.getValue().get(i);
				String where = e.getKey() + " layer " + (i + 1);
				for (AxisTrace t : new AxisTrace[] { trace.get(i).x(), trace.get(i).y() }) {
					assertEquals(r.i("rf"), t.field().intValue(), where + " rf");
					assertEquals(r.i("jump"), t.jump().intValue(), where + " jump");
					assertEquals(Double.parseDouble(r.row.get("start")), t.start().doubleValue(), 0.0, where + " start");
					assertEquals(r.i("out_for_224"), t.geometry().outputSize(), where + " out");
				}
			}
		}
	}
}
