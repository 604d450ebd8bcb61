package convkit.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.io.NdArray;
import convkit.testing.ConformanceCase;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The PyTorch conformance cases (shared set and the project's extra set) through the engine. */
class ConformanceTest {

	static Stream<ConformanceCase> cases() {
		return ConformanceCase.all("cases.tsv").stream();
	}

	static Stream<ConformanceCase> errors() {
		return ConformanceCase.all("errors.tsv").stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void matchesPyTorchWithEveryAlgorithm(ConformanceCase c) {
		Tensor in = c.input();
		float[] before = in.toArray();
		ConvPlan plan = ConvPlan.of(in.channels(), in.height(), in.width(), c.weight(), c.bias(), c.spec());
		NdArray expected = c.array("expected");
		for (Method m : Method.values()) {
			try {
				Conv2d.algorithmFor(plan, m);
			}
			catch (IllegalArgumentException notForThisPlan) {
				continue;
			}
			Tensor out = Conv2d.run(plan, in, Execution.defaults().withMethod(m));
			assertArrayEquals(expected.shape(), new int[] { out.channels(), out.height(), out.width() }, "shape");
			double err = ConformanceCase.relativeError(out.toArray(), expected.toArray());
			assertTrue(err <= 1e-4, c.name() + " [" + m.label() + "]: relative error " + err);
			assertArrayEquals(before, in.toArray(), "input unchanged");
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void oneThreadGivesTheSameNumbers(ConformanceCase c) {
		Tensor in = c.input();
		ConvPlan plan = ConvPlan.of(in.channels(), in.height(), in.width(), c.weight(), c.bias(), c.spec());
		float[] many = Conv2d.run(plan, in, Execution.defaults().withThreads(3)).toArray();
		float[] one = Conv2d.run(plan, in, Execution.defaults().withThreads(1)).toArray();
		assertArrayEquals(one, many);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("errors")
	void refusesWithAMessage(ConformanceCase c) {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
			ConvSpec spec = c.spec();
			int ci = c.i("c_in");
			int g = Math.max(1, c.i("groups"));
			int co = c.i("c_out");
			int kh = c.i("k_h");
			int kw = c.i("k_w");
			Kernel k = Kernel.of(new float[co * Math.max(1, ci / g) * kh * kw], co, Math.max(1, ci / g), kh, kw);
			ConvPlan.of(ci, c.i("height"), c.i("width"), k, null, spec);
		});
		String m = e.getMessage();
		String keyword = keyword(c.name());
		assertTrue(m.toLowerCase().contains(keyword), c.name() + ": message '" + m + "' should mention '" + keyword + "'");
	}

	/** What each error case's message must name. */
	private static String keyword(String name) {
		if (name.contains("symmetric")) return "symmetric padding";
		if (name.contains("reflect")) return "reflect padding";
		if (name.contains("circular")) return "circular padding";
		if (name.contains("output_empty") || name.contains("dilation_too_big")) return "output size";
		if (name.contains("cout")) return "output channels";
		if (name.contains("groups")) return "divisible by groups";
		if (name.contains("stride")) return "stride";
		if (name.contains("dilation")) return "dilation";
		if (name.contains("padding")) return "padding must not be negative";
		throw new IllegalArgumentException(name);
	}
}
