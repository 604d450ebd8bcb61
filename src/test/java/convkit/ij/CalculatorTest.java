package convkit.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.geometry.ReceptiveField;
import convkit.io.LayerStackText;
import convkit.testing.ConformanceCase;
import ij.measure.ResultsTable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The calculator as users reach it: layer text in, table and call(...) values out. */
class CalculatorTest {

	private static String calc(String layers, String size, int layer, String q) {
		return MacroCalls.calc(layers, size, Integer.toString(layer), q);
	}

	@Test
	void everySharedStackWrittenAsLayerText() {
		Map<String, List<ConformanceCase>> stacks = new LinkedHashMap<>();
		for (ConformanceCase r : ConformanceCase.load("conformance", "receptive_field.tsv")) {
			stacks.computeIfAbsent(r.row.get("stack"), s -> new ArrayList<>()).add(r);
		}
		for (Map.Entry<String, List<ConformanceCase>> e : stacks.entrySet()) {
			StringBuilder text = new StringBuilder();
			for (ConformanceCase r : e.getValue()) {
				String kind = r.row.get("kind");
				text.append(text.length() == 0 ? "" : "; ").append(kind);
				if (!kind.equals("relu")) {
					text.append(" k=").append(r.i("k")).append(" s=").append(r.i("stride")).append(" d=").append(r.i("dilation"))
						.append(" p=").append(r.i("pad_lo")).append(',').append(r.i("pad_hi")).append(',').append(r.i("pad_lo"))
						.append(',').append(r.i("pad_hi"));
				}
			}
			ResultsTable rt = CalculatorTable.of(ReceptiveField.trace(LayerStackText.parse(text.toString()), 224, 224));
			for (int i = 0; i < e.getValue().size(); i++) {
				ConformanceCase r = e.getValue().get(i);
				String where = e.getKey() + " layer " + (i + 1) + ": " + text;
				assertEquals(r.i("rf"), (int) rt.getValue("RF X", i), where);
				assertEquals(r.i("rf"), (int) rt.getValue("RF Y", i), where);
				assertEquals(r.i("jump"), (int) rt.getValue("Jump Y", i), where);
				assertEquals(Double.parseDouble(r.row.get("start")), rt.getValue("Start X", i), 0.0, where);
				assertEquals(r.i("out_for_224"), (int) rt.getValue("Out X", i), where);
				assertEquals(Integer.toString(r.i("rf")), calc(text.toString(), "224", i + 1, "rf.y"), where);
			}
		}
	}

	@Test
	void textbookTwoThreeByThreeLayers() {
		assertEquals("3", calc("conv k=3; conv k=3", "32", 1, "rf.x"));
		assertEquals("5", calc("conv k=3; conv k=3", "32", 2, "rf.x"));
		assertEquals("28", calc("conv k=3; conv k=3", "32", 2, "out.y"));
	}

	@Test
	void evenKernelsAsymmetricPaddingSameAtStrideTwoAndPooling() {
		// conv k=4,2 p=1,2,0,1 on 10x9: x: out = 10+3-3-1+1 = 10, rf 4, start = 1.5 - 1 = 0.5;
		//                              y: out = 9+1-1-1+1 = 9,  rf 2, start = 0.5 - 0 = 0.5
		String s = "conv k=4,2 p=1,2,0,1; conv k=3 s=2 p=same; maxpool k=2; avgpool k=3 s=1 p=1";
		assertEquals("10", calc(s, "10,9", 1, "out.x"));
		assertEquals("9", calc(s, "10,9", 1, "out.y"));
		assertEquals("0.5", calc(s, "10,9", 1, "start.x"));
		assertEquals("2", calc(s, "10,9", 1, "rf.y"));
		// layer 2, same at stride 2 (TensorFlow's rule): x: n=10, out 5, total = 4·2+3-10 = 1, lo 0, hi 1;
		// rf = 4 + 2 = 6, start = 0.5 + (1 - 0)·1 = 1.5, jump 2
		assertEquals("5", calc(s, "10,9", 2, "out.x"));
		assertEquals("0", calc(s, "10,9", 2, "pad_lo.x"));
		assertEquals("1", calc(s, "10,9", 2, "pad_hi.x"));
		assertEquals("6", calc(s, "10,9", 2, "rf.x"));
		assertEquals("1.5", calc(s, "10,9", 2, "start.x"));
		//   y: n=9, out 5, total = 4·2+3-9 = 2, lo 1, hi 1; rf = 2 + 2 = 4, start = 0.5 + (1-1)·1 = 0.5
		assertEquals("1", calc(s, "10,9", 2, "pad_lo.y"));
		assertEquals("0.5", calc(s, "10,9", 2, "start.y"));
		// layer 3, maxpool k=2 (stride defaults to 2): x: out floor(5/2) = 2, rf = 6 + 1·2 = 8,
		// start = 1.5 + 0.5·2 = 2.5, jump 4
		assertEquals("2", calc(s, "10,9", 3, "out.x"));
		assertEquals("8", calc(s, "10,9", 3, "rf.x"));
		assertEquals("2.5", calc(s, "10,9", 3, "start.x"));
		assertEquals("4", calc(s, "10,9", 3, "jump.x"));
		// layer 4, avgpool k=3 s=1 p=1: rf = 8 + 2·4 = 16, start = 2.5 + (1-1)·4 = 2.5; the field
		// of output pixel 0 starts at 2.5 - 7.5 = -5: it reaches the padding
		assertEquals("16", calc(s, "10,9", 4, "rf.x"));
		assertEquals("yes", calc(s, "10,9", 4, "padding.x"));
		assertEquals("no", calc("conv k=3", "10", 1, "padding.x"));
	}

	@Test
	void errorsNameTheLayerAndToken() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> calc("conv k=3; conv k=0", "9", 1, "rf.x"));
		assertTrue(e.getMessage().contains("layer 2: 'k=0' \u2014 kernel size must be at least 1"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> calc("conv k=3", "9", 2, "rf.x"));
		assertTrue(e.getMessage().contains("layer 2 does not exist"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> calc("conv k=3", "9", 1, "rf"));
		assertTrue(e.getMessage().contains("must end in .x, .y or .z"), e.getMessage());
	}
}
