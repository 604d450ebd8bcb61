package convkit.geometry;

import convkit.engine.AxisGeometry;
import convkit.engine.LayerStack;
import convkit.engine.StackLayer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The receptive fields of a layer stack that runs: after each layer, per axis (x, y[, z]), the
 * field, jump and start of its output pixels in the stack's input, composed from each layer's
 * window as the calculator composes them. A transposed layer's output pixels are not windows over
 * its input, so from the first transposed layer on there is no field here (empty).
 * <p>
 * Example: {@code StackFields.of(stack.prepare(shape)).get(0).get()[0].field()} is the first layer's field along x.
 */
public final class StackFields {

	private StackFields() {}

	/** After each layer, first first: the field map of every axis, or empty from the first transposed layer on. */
	public static List<Optional<FieldMap[]>> of(LayerStack.Prepared prepared) {
		List<Optional<FieldMap[]>> out = new ArrayList<>();
		FieldMap[] maps = null;
		boolean open = true;
		for (StackLayer.Prepared step : prepared.steps()) {
			Optional<AxisGeometry[]> window = open ? step.window() : Optional.empty();
			if (!window.isPresent()) {
				open = false;
				out.add(Optional.empty());
				continue;
			}
			AxisGeometry[] g = window.get();
			FieldMap[] next = new FieldMap[g.length];
			for (int a = 0; a < g.length; a++) next[a] = (maps == null ? FieldMap.identity() : maps[a]).then(g[a], 0);
			maps = next;
			out.add(Optional.of(next.clone()));
		}
		return Collections.unmodifiableList(out);
	}
}
