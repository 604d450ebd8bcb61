package convkit.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The PyTorch layer that computes what a plan computes, written in PyTorch's own order
 * ({@code (…, D, H, W)}, where ConvKit writes x, y, z), for every report:
 * <pre>
 * nn.Conv2d(3, 2, kernel_size=(3, 5), stride=(1, 2), padding=(1, 2), dilation=(3, 1), groups=1, bias=True, padding_mode='reflect')
 * </pre>
 * When the padding differs between the two sides of an axis, an {@code F.pad(...)} line comes
 * first and the layer pads nothing; so too for {@code constant} with a value other than 0
 * ({@code F.pad(..., value=v)}); {@code symmetric}, which PyTorch lacks, is numpy's
 * {@code np.pad(..., mode='symmetric')}.
 */
public final class PyTorchEquivalent {

	private PyTorchEquivalent() {}

	/** One or two lines: the padding step, if one is needed, then the layer. */
	public static List<String> lines(ConvPlan plan) {
		int rank = plan.rank();
		List<AxisGeometry> torchOrder = new ArrayList<>(plan.axes());
		Collections.reverse(torchOrder); // (D,) H, W
		boolean symmetricSides = true;
		for (AxisGeometry g : torchOrder) symmetricSides &= g.padLo() == g.padHi();
		boolean anyPadding = false;
		for (AxisGeometry g : torchOrder) anyPadding |= g.padLo() + g.padHi() > 0;
		PaddingMode mode = plan.mode();
		boolean filled = mode == PaddingMode.CONSTANT && plan.fillValue() != 0;
		boolean separatePad = anyPadding && (!symmetricSides || mode == PaddingMode.SYMMETRIC || filled);
		List<String> out = new ArrayList<>();
		if (separatePad) out.add(padLine(plan, mode));
		StringBuilder sb = new StringBuilder("nn.Conv").append(rank).append("d(").append(plan.inChannels()).append(", ")
			.append(plan.outChannels());
		sb.append(", kernel_size=").append(tuple(torchOrder, "kernel"));
		sb.append(", stride=").append(tuple(torchOrder, "stride"));
		sb.append(", padding=").append(separatePad ? "0" : tuple(torchOrder, "padding"));
		sb.append(", dilation=").append(tuple(torchOrder, "dilation"));
		sb.append(", groups=").append(plan.groups());
		sb.append(", bias=").append(plan.hasBias() ? "True" : "False");
		boolean zeros = separatePad || !anyPadding || mode == PaddingMode.CONSTANT;
		sb.append(", padding_mode='").append(zeros ? "zeros" : mode.label()).append("')");
		if (plan.spec().flip()) sb.append("  # with the weights rotated 180° (flip)");
		out.add(sb.toString());
		return Collections.unmodifiableList(out);
	}

	private static String padLine(ConvPlan plan, PaddingMode mode) {
		List<AxisGeometry> axes = plan.axes(); // F.pad takes the last axis first: (left, right, top, bottom[, front, back])
		if (mode == PaddingMode.SYMMETRIC) {
			StringBuilder sb = new StringBuilder("x = np.pad(x, ((0, 0), (0, 0)");
			for (int i = axes.size() - 1; i >= 0; i--) sb.append(", (").append(axes.get(i).padLo()).append(", ").append(axes.get(i).padHi()).append(')');
			return sb.append("), mode='symmetric')  # PyTorch has no symmetric mode").toString();
		}
		StringBuilder sb = new StringBuilder("x = F.pad(x, (");
		for (int i = 0; i < axes.size(); i++) {
			sb.append(i == 0 ? "" : ", ").append(axes.get(i).padLo()).append(", ").append(axes.get(i).padHi());
		}
		sb.append(')');
		if (mode == PaddingMode.CONSTANT) {
			if (plan.fillValue() != 0) sb.append(", value=").append(ConvSpec.valueText(plan.fillValue()));
		}
		else if (mode != PaddingMode.ZEROS) sb.append(", mode='").append(mode.label()).append('\'');
		return sb.append(')').toString();
	}

	private static String tuple(List<AxisGeometry> axes, String what) {
		StringBuilder sb = new StringBuilder("(");
		for (int i = 0; i < axes.size(); i++) {
			AxisGeometry g = axes.get(i);
			int v = what.equals("kernel") ? g.kernel() : what.equals("stride") ? g.stride() : what.equals("dilation") ? g.dilation()
				: g.padLo();
			sb.append(i == 0 ? "" : ", ").append(v);
		}
		return sb.append(')').toString();
	}
}
