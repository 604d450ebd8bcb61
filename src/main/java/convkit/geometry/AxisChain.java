package convkit.geometry;

import convkit.engine.Axis;
import convkit.engine.AxisGeometry;
import convkit.engine.AxisStep;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;

/**
 * The layers from the first image to an output along one axis, as {@link AxisStep}s: what an
 * output pixel's field is made of. {@link #reach} gives the first and last image pixel an output
 * pixel depends on — exactly the pixels its layers' taps connect (behind a transposed layer only
 * those its kernel reaches; at a border only those inside the image), so the gradient of that
 * output pixel with respect to the image is non-zero there and nowhere outside. {@link #map}
 * summarises the chain as field, jump and start. Immutable; written to and read from one line of
 * text for the {@code ConvKit.chain.*} properties.
 * <p>
 * Example: {@code AxisChain.empty().then(step1).then(step2).reach(0)}.
 */
public final class AxisChain {

	private static final AxisChain EMPTY = new AxisChain(Collections.emptyList());

	private final List<AxisStep> steps;

	private AxisChain(List<AxisStep> steps) {
		this.steps = steps;
	}

	/** No layer: an image itself. */
	public static AxisChain empty() {
		return EMPTY;
	}

	/** This chain followed by {@code step}, whose input must be this chain's output (or a region of it). */
	public AxisChain then(AxisStep step) {
		if (!steps.isEmpty()) {
			int before = steps.get(steps.size() - 1).outputSize();
			if (step.offset() + step.inputSize() > before) {
				throw new IllegalArgumentException("a layer reads " + step.offset() + ".." + (step.offset() + step.inputSize() - 1) + " along "
					+ step.axis().label() + ", but the layer before gives " + before + " pixels");
			}
		}
		List<AxisStep> s = new ArrayList<>(steps);
		s.add(step);
		return new AxisChain(Collections.unmodifiableList(s));
	}

	/** The steps, first first. */
	public List<AxisStep> steps() {
		return steps;
	}

	/** Whether a transposed layer is among the steps (its output pixels are not windows over its input). */
	public boolean hasTransposed() {
		for (AxisStep s : steps) {
			if (s.isTransposed()) return true;
		}
		return false;
	}

	/** The chain without its last step (the image its last layer read, as a chain from the first image). */
	public AxisChain withoutLast() {
		if (steps.isEmpty()) throw new IllegalStateException("the chain has no layer");
		return new AxisChain(steps.subList(0, steps.size() - 1));
	}

	/** The last step; refused when there is none. */
	public AxisStep last() {
		if (steps.isEmpty()) throw new IllegalStateException("the chain has no layer");
		return steps.get(steps.size() - 1);
	}

	/** Field, jump and start of the chain's output pixels in the first image. */
	public FieldMap map() {
		FieldMap m = FieldMap.identity();
		for (AxisStep s : steps) m = m.then(s);
		return m;
	}

	/**
	 * The first and last pixel of the first image that output pixel {@code o} depends on, or null
	 * when none does (an output a transposed layer's output padding adds, which only its bias makes).
	 */
	public int[] reach(int o) {
		if (steps.isEmpty()) return new int[] { o, o };
		if (o < 0 || o >= last().outputSize()) {
			throw new IllegalArgumentException("pixel " + o + " is outside the output (0.." + (last().outputSize() - 1) + ")");
		}
		BitSet current = new BitSet();
		current.set(o);
		for (int i = steps.size() - 1; i >= 0 && !current.isEmpty(); i--) {
			AxisStep s = steps.get(i);
			BitSet in = new BitSet(s.inputSize());
			for (int p = current.nextSetBit(0); p >= 0; p = current.nextSetBit(p + 1)) s.reach(p, in);
			BitSet shifted = new BitSet();
			for (int j = in.nextSetBit(0); j >= 0; j = in.nextSetBit(j + 1)) shifted.set(j + s.offset());
			current = shifted;
		}
		return current.isEmpty() ? null : new int[] { current.nextSetBit(0), current.length() - 1 };
	}

	/** One line: each step as {@code w|t n k s d lo hi out offset}, separated by {@code ;}. */
	public String toText() {
		StringBuilder sb = new StringBuilder();
		for (AxisStep s : steps) {
			sb.append(sb.length() == 0 ? "" : "; ").append(s.isTransposed() ? 't' : 'w').append(' ').append(s.inputSize()).append(' ')
				.append(s.kernel()).append(' ').append(s.stride()).append(' ').append(s.dilation()).append(' ').append(s.padLo()).append(' ')
				.append(s.padHi()).append(' ').append(s.outputSize()).append(' ').append(s.offset());
		}
		return sb.toString();
	}

	/** The chain {@link #toText} wrote, along {@code axis}; refused with the part that is not understood. */
	public static AxisChain parse(String text, Axis axis) {
		AxisChain c = empty();
		for (String part : text.split(";")) {
			String p = part.trim();
			if (p.isEmpty()) continue;
			String[] v = p.split("\\s+");
			if (v.length != 9 || !(v[0].equals("w") || v[0].equals("t"))) throw new IllegalArgumentException("chain step '" + p + "' is not understood");
			int[] n = new int[8];
			for (int i = 0; i < 8; i++) n[i] = Integer.parseInt(v[i + 1]);
			AxisStep s = v[0].equals("t") ? AxisStep.transposed(axis, n[0], n[1], n[2], n[3], n[4], n[6] - transposedSize(n, 0))
				: AxisStep.window(AxisGeometry.of(axis, n[0], n[1], n[2], n[3], n[4], n[5]));
			if (s.outputSize() != n[6]) throw new IllegalArgumentException("chain step '" + p + "' gives " + s.outputSize() + " pixels, not " + n[6]);
			c = c.then(s.at(n[7]));
		}
		return c;
	}

	/** A transposed step's output size without output padding. */
	private static int transposedSize(int[] n, int op) {
		return (n[0] - 1) * n[2] - 2 * n[4] + n[3] * (n[1] - 1) + op + 1;
	}

	@Override
	public String toString() {
		return toText();
	}
}
