package convkit.cli;

import convkit.engine.AxisGeometry;
import convkit.engine.ConvPlan;
import convkit.engine.PyTorchEquivalent;
import convkit.geometry.AxisTrace;
import convkit.geometry.FieldMap;
import convkit.geometry.ReceptiveField;

import java.util.List;
import java.util.Locale;

/** Plain-text tables of a convolution's geometry and of a layer stack's trace. */
final class GeometryText {

	private GeometryText() {}

	/** The size and receptive-field report of one convolution, axis by axis, and the PyTorch layer it equals. */
	static String conv(ConvPlan plan, String kernelShape) {
		String nl = System.lineSeparator();
		StringBuilder sb = new StringBuilder();
		sb.append(String.format(Locale.ROOT, "input %s  kernel %s  groups %d  ->  output %s%n", plan.inputShape(), kernelShape,
			plan.groups(), plan.outputShape()));
		sb.append(String.format(Locale.ROOT, "%-4s %6s %4s %6s %4s %4s %6s %6s %6s %6s %5s %6s%n", "axis", "in", "k", "k_eff", "s",
			"d", "pad_lo", "pad_hi", "out", "rf", "jump", "start"));
		for (AxisGeometry g : plan.axes()) {
			double start = FieldMap.identity().then(g, 0).start();
			sb.append(String.format(Locale.ROOT, "%-4s %6d %4d %6d %4d %4d %6d %6d %6d %6d %5d %6.1f%n", g.axis().label(),
				g.inputSize(), g.kernel(), g.effectiveKernel(), g.stride(), g.dilation(), g.padLo(), g.padHi(), g.outputSize(),
				g.effectiveKernel(), g.stride(), start));
		}
		for (AxisGeometry g : plan.axes()) sb.append(g.axis().label()).append(": ").append(g.formula()).append(nl);
		for (String line : PyTorchEquivalent.lines(plan)) sb.append("PyTorch: ").append(line).append(nl);
		return sb.toString();
	}

	/** One row per layer and axis: sizes, padding, receptive field, jump, start, and whether the field reaches the padding. */
	static String trace(List<ReceptiveField.Row> rows) {
		StringBuilder sb = new StringBuilder();
		sb.append(String.format(Locale.ROOT, "%-5s %-28s %-4s %6s %6s %6s %6s %6s %6s %6s %8s  %s%n", "layer", "spec", "axis", "in",
			"k_eff", "pad_lo", "pad_hi", "out", "rf", "jump", "start", "padding_in_field"));
		for (ReceptiveField.Row r : rows) {
			for (AxisTrace t : r.axes()) {
				AxisGeometry g = t.geometry();
				sb.append(String.format(Locale.ROOT, "%-5d %-28s %-4s %6d %6d %6d %6d %6d %6d %6d %8s  %s%n", r.index(),
					r.layer().toString(), g.axis().label(), g.inputSize(), g.effectiveKernel(), g.padLo(), g.padHi(), g.outputSize(),
					t.field(), t.jump(), number(t.start()), t.reachesPadding() ? "yes" : "no"));
			}
		}
		return sb.toString();
	}

	private static String number(double v) {
		return v == Math.rint(v) ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2f", v);
	}
}
