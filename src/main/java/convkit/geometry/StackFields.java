package convkit.geometry;

import convkit.engine.AxisStep;
import convkit.engine.LayerStack;
import convkit.engine.StackLayer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The receptive fields of a layer stack that runs: after each layer, per axis (x, y[, z]), the
 * chain of steps from the stack's input ({@link AxisChain}: field, jump and start, exact fractions
 * behind a transposed layer, and each output pixel's exact field), composed from each layer's
 * steps as the calculator composes them.
 * <p>
 * Example: {@code StackFields.of(stack.prepare(shape)).get(0)[0].map().field()} is the first layer's field along x.
 */
public final class StackFields {

	private StackFields() {}

	/** After each layer, first first: the chain of every axis. */
	public static List<AxisChain[]> of(LayerStack.Prepared prepared) {
		List<AxisChain[]> out = new ArrayList<>();
		AxisChain[] chains = null;
		for (StackLayer.Prepared step : prepared.steps()) {
			AxisStep[] g = step.axisSteps();
			AxisChain[] next = new AxisChain[g.length];
			for (int a = 0; a < g.length; a++) next[a] = (chains == null ? AxisChain.empty() : chains[a]).then(g[a]);
			chains = next;
			out.add(next.clone());
		}
		return Collections.unmodifiableList(out);
	}
}
