package convkit.cli;

import convkit.engine.AxisGeometry;
import convkit.engine.AxisStep;
import convkit.engine.ConvPlan;
import convkit.engine.PyTorchEquivalent;
import convkit.geometry.AxisTrace;
import convkit.geometry.FieldMap;
import convkit.geometry.Fraction;
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
			double start = FieldMap.identity().then(g, 0).start().doubleValue();
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
		sb.append(String.format(Locale.ROOT, "%-5s %-28s %-4s %6s %6s %6s %6s %6s %6s %6s %8s %7s %7s  %s%n", "layer", "spec", "axis",
			"in", "k_eff", "pad_lo", "pad_hi", "out", "rf", "jump", "start", "halo_lo", "halo_hi", "padding_in_field"));
		for (ReceptiveField.Row r : rows) {
			for (AxisTrace t : r.axes()) {
				AxisStep g = t.geometry();
				sb.append(String.format(Locale.ROOT, "%-5d %-28s %-4s %6d %6d %6d %6d %6d %6s %6s %8s %7s %7s  %s%n", r.index(),
					r.layer().toString(), g.axis().label(), g.inputSize(), g.effectiveKernel(), g.padLo(), g.padHi(), g.outputSize(),
					t.field(), t.jump(), number(t.start()), t.hasHalo() ? Integer.toString(t.haloBefore()) : "-",
					t.hasHalo() ? Integer.toString(t.haloAfter()) : "-", t.reachesPadding() ? "yes" : "no"));
			}
		}
		return sb.toString();
	}

	/**
	 * The exact-tiling rule for the last row: which input block an output tile reads, where tiles
	 * start, and what the halo is beyond the image.
	 */
	static String tiling(List<ReceptiveField.Row> rows) {
		String nl = System.lineSeparator();
		ReceptiveField.Row last = rows.get(rows.size() - 1);
		if (!last.x().hasHalo()) {
			return "exact tiles: not given past a transposed layer (its output pixels are not windows over the input)" + nl;
		}
		StringBuilder sb = new StringBuilder("exact tiles: output pixels [a, b) of layer " + last.index() + " read input pixels");
		StringBuilder jumps = new StringBuilder();
		for (AxisTrace t : last.axes()) {
			String x = t.geometry().axis().label();
			sb.append(String.format(Locale.ROOT, "%n  %s: [%s*%d - %d, (b-1)*%d + %d]", x, "a", t.jump().intValue(), t.haloBefore(),
				t.jump().intValue(), t.haloAfter()));
			jumps.append(jumps.length() == 0 ? "" : ", ").append(x).append(' ').append(t.jump());
		}
		sb.append(nl).append("  cut the output into tiles [a, b); each tile's input starts at a multiple of the jump (").append(jumps)
			.append(") less halo_lo and ends halo_hi past (b-1)*jump; beyond the image the halo is the padding (circular: the other side"
				+ " of the image)").append(nl);
		boolean laterPadding = false;
		for (int i = 1; i < rows.size(); i++) {
			for (AxisTrace t : rows.get(i).axes()) laterPadding |= t.geometry().padLo() > 0 || t.geometry().padHi() > 0;
		}
		sb.append(laterPadding
			? "  layers after the first pad too: interior tiles are exact as they are; a tile at the image border is exact when each layer"
				+ " pads at the border, layer by layer, as the whole run does" + nl
			: "  tiles convolved with no padding then equal the whole image bit for bit (method=direct or separable; FFT to rounding)" + nl);
		return sb.toString();
	}

	/**
	 * "output pixel (3, 5) of layer 4 depends on input x 0..9, y 4..17": the exact field of one
	 * output pixel of {@code last}, given as {@code X,Y} or {@code X,Y,Z}; refused outside the output.
	 */
	static String reach(ReceptiveField.Row last, String pixel) {
		String[] p = pixel.trim().split("\\s*,\\s*", -1);
		List<AxisTrace> axes = last.axes();
		if (p.length != axes.size()) {
			throw new IllegalArgumentException("pixel=" + pixel + " has " + p.length + " values; this " + axes.size() + "-D stack takes "
				+ (axes.size() == 3 ? "X,Y,Z" : "X,Y"));
		}
		StringBuilder where = new StringBuilder();
		StringBuilder reads = new StringBuilder();
		boolean none = false;
		for (int a = 0; a < axes.size(); a++) {
			AxisTrace t = axes.get(a);
			int o;
			try {
				o = Integer.parseInt(p[a]);
			}
			catch (NumberFormatException e) {
				throw new IllegalArgumentException("pixel=" + pixel + " is not whole numbers X,Y" + (axes.size() == 3 ? ",Z" : ""));
			}
			int n = t.geometry().outputSize();
			if (o < 0 || o >= n) {
				throw new IllegalArgumentException("pixel " + t.geometry().axis().label() + "=" + o + " is outside the output of layer "
					+ last.index() + " (0.." + (n - 1) + ")");
			}
			int[] r = t.reach(o);
			none |= r == null;
			where.append(a == 0 ? "" : ", ").append(o);
			reads.append(a == 0 ? "" : ", ").append(t.geometry().axis().label()).append(' ').append(r == null ? "-" : r[0] + ".." + r[1]);
		}
		return "output pixel (" + where + ") of layer " + last.index() + (none ? " depends on no input pixel (only a bias reaches it)"
			: " depends on input " + reads + " (where its gradient is non-zero)");
	}

	/** A start: 2.0 or 1.50 on the half-pixel grid, else the exact fraction (3/4). */
	private static String number(Fraction f) {
		if (f.denominator() > 2) return f.toString();
		double v = f.doubleValue();
		return v == Math.rint(v) ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2f", v);
	}
}
