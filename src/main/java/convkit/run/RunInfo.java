package convkit.run;

import convkit.engine.Axis;
import convkit.engine.AxisGeometry;
import convkit.engine.ConvPlan;
import convkit.engine.PyTorchEquivalent;

/** The Info text of an output (Image › Show Info, the TIFF's description): where it came from and every setting. */
final class RunInfo {

	private RunInfo() {}

	/** The heading of the geometry properties' list that ends an output's Info. */
	static final String PROPERTIES_HEADING = "Geometry properties (read by the Receptive Field Overlay):";

	static String text(ConvJob job, PositionSource source, ConvPlan plan, String method, OutputPixels pixels,
		convkit.geometry.OutputGeometry geometry)
	{
		StringBuilder sb = new StringBuilder();
		sb.append("ConvKit ").append(job.commandName()).append('\n');
		sb.append("source: ").append(source.name()).append('\n');
		int[] o = source.offset();
		sb.append("region: x=").append(o[0]).append(" y=").append(o[1]);
		if (plan.rank() == 3) sb.append(" z=").append(o[2]);
		sb.append(" width=").append(plan.inputWidth()).append(" height=").append(plan.inputHeight());
		if (plan.rank() == 3) sb.append(" depth=").append(plan.inputDepth());
		sb.append('\n');
		sb.append("options: ").append(job.options()).append('\n');
		sb.append("kernel shape: ").append(job.kernel().shapeString()).append('\n');
		sb.append("input: ").append(plan.inputShape()).append("  output: ").append(plan.outputShape()).append('\n');
		sb.append("padding (").append(plan.rank() == 3 ? "l,r,t,b,f,k" : "l,r,t,b").append("): ");
		StringBuilder p = new StringBuilder();
		for (AxisGeometry g : plan.axes()) p.append(p.length() == 0 ? "" : ",").append(g.padLo()).append(',').append(g.padHi());
		sb.append(p).append('\n');
		for (Axis a : Axis.of(plan.rank())) sb.append(a.label()).append(": ").append(plan.axis(a).formula()).append('\n');
		sb.append("method: ").append(method).append('\n');
		sb.append("pixel type: ").append(pixels.describe());
		if (!pixels.isFloat()) sb.append(", from the 32-bit result (output_type=same, input ").append(source.pixelType()).append(')');
		sb.append('\n');
		if (plan.mode() == convkit.engine.PaddingMode.CONSTANT) {
			sb.append("fill value: ").append(convkit.engine.ConvSpec.valueText(plan.fillValue())).append('\n');
		}
		for (String line : PyTorchEquivalent.lines(plan)) sb.append("PyTorch: ").append(line).append('\n');
		// ImageJ's Show Info lists an image's properties before its Info unless HideInfo is set
		// (OutputGeometry.toProperties sets it): the summary above comes first, the properties here
		// (but the source's ID, a number of one ImageJ session)
		sb.append('\n').append(PROPERTIES_HEADING).append('\n');
		for (java.util.Map.Entry<String, String> e : geometry.toProperties().entrySet()) {
			if (e.getKey().startsWith(convkit.geometry.OutputGeometry.PREFIX) && !e.getKey().endsWith(".sourceId")) sb.append(e.getKey()).append(" = ").append(e.getValue()).append('\n');
		}
		return sb.toString();
	}
}
