package convkit.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.io.NdArray;
import convkit.testing.ConformanceCase;
import convkit.testing.Reference;
import convkit.testing.Tolerance;

import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The PyTorch conformance cases — 2-D and 3-D, the shared sets and the project's own (padding=same
 * at stride 1 and 2, odd and even kernels, dilation; large-valued cases where the bias matters) —
 * through the engine with every algorithm that takes them, compared per element:
 * {@code |got − expected| ≤ 1e-4 · max(1, |expected_i|)}, plus the float32 rounding floor of the
 * element's own sum ({@link Tolerance#roundingFloor}), which PyTorch's float32 expectation carries
 * too. The independent {@link convkit.testing.Reference} is held to the same rule, so the oracle
 * of the property tests is checked against PyTorch as well. The error cases are refused with a
 * message that names the problem.
 */
class ConformanceTest {

	static Stream<ConformanceCase> cases() {
		return ConformanceCase.everywhere("cases.tsv").stream();
	}

	static Stream<ConformanceCase> errors() {
		return ConformanceCase.everywhere("errors.tsv").stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void matchesPyTorchWithEveryAlgorithm(ConformanceCase c) {
		Tensor in = c.input();
		float[] before = in.toArray();
		ConvPlan plan = ConvPlan.of(in.shape(), c.weight(), c.bias(), c.spec());
		NdArray expected = c.array("expected");
		double[] floor = Tolerance.roundingFloor(c.reference());
		double[] reference = Reference.conv(c.reference());
		float[] asFloat = new float[reference.length];
		for (int i = 0; i < reference.length; i++) asFloat[i] = (float) reference[i];
		Tolerance.assertClose(c.expected(), floor, asFloat, 1e-4, c.name() + " [the reference itself]");
		int ran = 0;
		for (Method m : Method.values()) {
			Convolution conv;
			try {
				conv = Convolution.prepare(plan, m);
			}
			catch (IllegalArgumentException notForThisPlan) {
				continue;
			}
			for (int threads : new int[] { 1, 3 }) {
				Tensor out = conv.run(in, Execution.defaults().withThreads(threads));
				assertArrayEquals(expected.shape(), dims(out), c.name() + " shape");
				Tolerance.assertClose(c.expected(), floor, out.toArray(), 1e-4, c.name() + " [" + m.label() + ", " + threads + " threads]");
			}
			ran++;
		}
		assertTrue(ran >= 2, c.name() + ": auto and direct at least");
		assertArrayEquals(before, in.toArray(), "input unchanged");
	}

	private static int[] dims(Tensor t) {
		return t.shape().rank() == 3 ? new int[] { t.channels(), t.depth(), t.height(), t.width() }
			: new int[] { t.channels(), t.height(), t.width() };
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("errors")
	void refusesWithAMessage(ConformanceCase c) {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
			ConvSpec spec = c.spec();
			int ci = c.i("c_in");
			int g = Math.max(1, c.i("groups"));
			int co = c.i("c_out");
			int[] k = c.rank() == 3 ? new int[] { co, Math.max(1, ci / g), c.i("k_d"), c.i("k_h"), c.i("k_w") }
				: new int[] { co, Math.max(1, ci / g), c.i("k_h"), c.i("k_w") };
			int n = 1;
			for (int v : k) n *= v;
			ConvPlan.of(c.inputShape(), Kernel.of(new float[n], k), null, spec);
		});
		String m = e.getMessage().toLowerCase(Locale.ROOT);
		String keyword = keyword(c.name());
		assertTrue(m.contains(keyword), c.name() + ": message '" + e.getMessage() + "' should mention '" + keyword + "'");
	}

	/** What each error case's message must name. */
	private static String keyword(String name) {
		if (name.contains("value")) return "finite number";
		if (name.contains("symmetric")) return "symmetric padding";
		if (name.contains("reflect")) return "reflect padding";
		if (name.contains("circular")) return "circular padding";
		if (name.contains("output_empty") || name.contains("dilation_too_big") || name.contains("too_deep")
			|| name.contains("deeper_than")) return "output size";
		if (name.contains("cout")) return "output channels";
		if (name.contains("groups")) return "divisible by groups";
		if (name.contains("stride")) return "stride";
		if (name.contains("dilation")) return "dilation";
		if (name.contains("padding")) return "padding must not be negative";
		throw new IllegalArgumentException(name);
	}
}
