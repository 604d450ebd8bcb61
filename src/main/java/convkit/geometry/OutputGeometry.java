package convkit.geometry;

import convkit.engine.Axis;
import convkit.engine.AxisGeometry;
import convkit.engine.AxisStep;
import convkit.engine.ConvPlan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The geometry an output carries (as {@code ConvKit.*} properties of the image or TIFF file):
 * which image it was computed from, through any number of layers in a row (convolutions one run
 * at a time, or a whole layer stack in one run); per axis the chain of those layers
 * ({@link AxisChain}), from which follow where its pixels' fields lie in that first image, the
 * pixels each output pixel really reaches, and the samples the last layer reads; and how many
 * layers the last run added, whose composition places the output over its own input
 * (calibration). Two axes (x, y) or three (x, y, z). Immutable.
 */
public final class OutputGeometry {

	/** Prefix of every property key. */
	public static final String PREFIX = "ConvKit.";

	private final String sourceTitle;
	private final int sourceId;
	private final int[] sourceSize;
	private final int layers;
	private final AxisChain[] chains;
	private final int lastRun;
	private final String sourcePadding;

	private OutputGeometry(String sourceTitle, int sourceId, int[] sourceSize, int layers, AxisChain[] chains, int lastRun,
		String sourcePadding)
	{
		this.sourceTitle = sourceTitle;
		this.sourceId = sourceId;
		this.sourceSize = sourceSize;
		this.layers = layers;
		this.chains = chains;
		this.lastRun = lastRun;
		this.sourcePadding = sourcePadding;
	}

	/**
	 * The geometry of {@code plan}'s output over the region of its input that starts at
	 * {@code offset} (x, y[, z]): composed with {@code previous}, the input's own geometry, when
	 * the input is itself a ConvKit output of the same rank; else the input is the first image,
	 * {@code title} ({@code id} in its session) of {@code size}.
	 */
	public static OutputGeometry after(Optional<OutputGeometry> previous, String title, int id, int[] size, ConvPlan plan,
		int[] offset)
	{
		List<AxisStep[]> one = new ArrayList<>();
		AxisStep[] steps = new AxisStep[plan.rank()];
		for (Axis a : Axis.of(plan.rank())) steps[a.ordinal()] = AxisStep.window(plan.axis(a));
		one.add(steps);
		return afterLayers(previous, title, id, size, one, offset, plan.mode().describe(plan.fillValue()));
	}

	/**
	 * The geometry after {@code layers} run in a row (each layer's steps per axis, first layer
	 * first; a layer stack) on the region of the input that starts at {@code offset}, composed with
	 * {@code previous} as {@link #after} does; {@code padding} is how the first layer pads.
	 */
	public static OutputGeometry afterLayers(Optional<OutputGeometry> previous, String title, int id, int[] size, List<AxisStep[]> layers,
		int[] offset, String padding)
	{
		if (layers.isEmpty()) throw new IllegalArgumentException("a run has at least one layer");
		int rank = layers.get(0).length;
		Optional<OutputGeometry> prev = previous.filter(p -> p.rank() == rank);
		AxisChain[] chains = new AxisChain[rank];
		for (Axis a : Axis.of(rank)) {
			int i = a.ordinal();
			AxisChain c = prev.map(q -> q.chains[i]).orElse(AxisChain.empty());
			for (int l = 0; l < layers.size(); l++) c = c.then(l == 0 ? layers.get(l)[i].at(offset[i]) : layers.get(l)[i]);
			chains[i] = c;
		}
		return new OutputGeometry(prev.map(q -> q.sourceTitle).orElse(title), prev.map(q -> q.sourceId).orElse(id),
			prev.map(q -> q.sourceSize).orElse(size.clone()), prev.map(q -> q.layers).orElse(0) + layers.size(), chains, layers.size(),
			prev.map(q -> q.sourcePadding).orElse(padding));
	}

	/**
	 * How the first layer padded the source image — a mode name, {@code constant V} with its fill
	 * — so a picture can show the padding's values; empty for files written before it was recorded.
	 */
	public Optional<String> sourcePadding() {
		return Optional.ofNullable(sourcePadding);
	}

	/** Number of axes: 2 or 3. */
	public int rank() {
		return chains.length;
	}

	/** ImageJ's property that keeps Show Info from listing the properties before the Info text. */
	public static final String HIDE_INFO = "HideInfo";

	/**
	 * The properties, {@code ConvKit.*} keys in a stable order, then {@link #HIDE_INFO}: the source,
	 * the chain of every axis, and for reading by eye the composed field, jump and start (exact
	 * fractions such as {@code 1/2} behind a transposed layer) and the last layer's kernel, dilation,
	 * stride, padding and offset.
	 */
	public Map<String, String> toProperties() {
		Map<String, String> m = new LinkedHashMap<>();
		m.put(PREFIX + "source", sourceTitle);
		m.put(PREFIX + "sourceId", Integer.toString(sourceId));
		m.put(PREFIX + "sourceWidth", Integer.toString(sourceSize[0]));
		m.put(PREFIX + "sourceHeight", Integer.toString(sourceSize[1]));
		if (rank() == 3) m.put(PREFIX + "sourceDepth", Integer.toString(sourceSize[2]));
		m.put(PREFIX + "layers", Integer.toString(layers));
		for (Axis a : Axis.of(rank())) put(m, a.label(), map(a));
		for (Axis a : Axis.of(rank())) put(m, "in." + a.label(), chains[a.ordinal()].withoutLast().map());
		m.put(PREFIX + "kernel", join(AxisStep::kernel));
		m.put(PREFIX + "dilation", join(AxisStep::dilation));
		m.put(PREFIX + "stride", join(AxisStep::stride));
		m.put(PREFIX + "padLo", join(AxisStep::padLo));
		m.put(PREFIX + "offset", join(AxisStep::offset));
		for (Axis a : Axis.of(rank())) m.put(PREFIX + "chain." + a.label(), chains[a.ordinal()].toText());
		m.put(PREFIX + "lastRun", Integer.toString(lastRun));
		if (sourcePadding != null) m.put(PREFIX + "sourcePadding", sourcePadding);
		// ImageJ's Image > Show Info lists the properties before the Info text unless this is set;
		// an output's Info lists them after its readable summary instead
		m.put(HIDE_INFO, "true");
		return m;
	}

	/**
	 * The geometry recorded in properties ({@code get} answers a key, null when absent); empty when
	 * there is none, refused when they are damaged (or written by a ConvKit that did not record
	 * the chain yet: convolve again to record it).
	 */
	public static Optional<OutputGeometry> fromProperties(Function<String, String> get, String owner) {
		String layers = get.apply(PREFIX + "layers");
		if (layers == null || layers.trim().isEmpty()) return Optional.empty();
		try {
			int rank = get.apply(PREFIX + "sourceDepth") == null ? 2 : 3;
			int[] size = new int[rank];
			size[0] = integer(get, "sourceWidth");
			size[1] = integer(get, "sourceHeight");
			if (rank == 3) size[2] = integer(get, "sourceDepth");
			AxisChain[] chains = new AxisChain[rank];
			for (Axis a : Axis.of(rank)) {
				String text = get.apply(PREFIX + "chain." + a.label());
				if (text == null) {
					throw new IllegalArgumentException("property " + PREFIX + "chain." + a.label() + " is missing (written by an earlier ConvKit;"
						+ " convolve the image again to record it)");
				}
				chains[a.ordinal()] = AxisChain.parse(text, a);
				if (chains[a.ordinal()].steps().isEmpty()) throw new IllegalArgumentException("property " + PREFIX + "chain." + a.label() + " is empty");
			}
			String run = get.apply(PREFIX + "lastRun");
			int lastRun = run == null ? 1 : Integer.parseInt(run.trim());
			if (lastRun < 1 || lastRun > chains[0].steps().size()) throw new IllegalArgumentException("property " + PREFIX + "lastRun is " + lastRun);
			return Optional.of(new OutputGeometry(get.apply(PREFIX + "source"), integer(get, "sourceId"), size, Integer.parseInt(layers.trim()),
				chains, lastRun, get.apply(PREFIX + "sourcePadding")));
		}
		catch (RuntimeException e) {
			throw new IllegalArgumentException("'" + owner + "' has damaged ConvKit properties: " + e.getMessage(), e);
		}
	}

	private static void put(Map<String, String> m, String axis, FieldMap f) {
		m.put(PREFIX + "rf." + axis, f.field().toString());
		m.put(PREFIX + "jump." + axis, f.jump().toString());
		Fraction s = f.start();
		m.put(PREFIX + "start." + axis, s.denominator() <= 2 ? String.format(Locale.ROOT, "%s", s.doubleValue()) : s.toString());
	}

	private static int integer(Function<String, String> get, String key) {
		String v = get.apply(PREFIX + key);
		if (v == null) throw new IllegalArgumentException("property " + PREFIX + key + " is missing");
		return Integer.parseInt(v.trim());
	}

	private String join(java.util.function.ToIntFunction<AxisStep> value) {
		StringBuilder sb = new StringBuilder();
		for (AxisChain c : chains) sb.append(sb.length() == 0 ? "" : ",").append(value.applyAsInt(c.last()));
		return sb.toString();
	}

	/** Title of the first image of the chain. */
	public String sourceTitle() {
		return sourceTitle;
	}

	/** ImageJ's ID of the first image (valid in the session that made it; 0 for a file). */
	public int sourceId() {
		return sourceId;
	}

	/** Size of the first image along {@code axis}. */
	public int sourceSize(Axis axis) {
		return sourceSize[axis.ordinal()];
	}

	public int sourceWidth() {
		return sourceSize[0];
	}

	public int sourceHeight() {
		return sourceSize[1];
	}

	/** Number of layers from the first image to this one. */
	public int layers() {
		return layers;
	}

	/** The layers from the first image along {@code axis}. */
	public AxisChain chain(Axis axis) {
		return chains[axis.ordinal()];
	}

	/** Output pixels' fields in the first image along {@code axis}. */
	public FieldMap map(Axis axis) {
		return chains[axis.ordinal()].map();
	}

	/** Output pixels' fields in the first image, along x. */
	public FieldMap x() {
		return map(Axis.X);
	}

	/** Output pixels' fields in the first image, along y. */
	public FieldMap y() {
		return map(Axis.Y);
	}

	/** The first and last pixel of the first image that output pixel {@code i} reaches along {@code axis}, or null when none does. */
	public int[] reach(Axis axis, int i) {
		return chains[axis.ordinal()].reach(i);
	}

	/**
	 * Centres, in first-image pixel coordinates, of the input samples the last layer reads for
	 * output pixel {@code i} along {@code axis}: the dilated grid of a window ({@code k} values,
	 * some in the padding), or the input pixels a transposed layer's taps connect to it.
	 */
	public double[] samples(Axis axis, int i) {
		AxisChain c = chains[axis.ordinal()];
		AxisStep s = c.last();
		FieldMap in = c.withoutLast().map();
		List<Double> out = new ArrayList<>();
		for (int t = 0; t < s.kernel(); t++) {
			if (s.isTransposed()) {
				long num = (long) i + s.padLo() - (long) t * s.dilation();
				if (num < 0 || num % s.stride() != 0 || num / s.stride() >= s.inputSize()) continue;
				out.add(in.centre(s.offset() + num / s.stride()));
			}
			else out.add(in.centre(s.offset() + (double) i * s.stride() + (double) t * s.dilation() - s.padLo()));
		}
		double[] v = new double[out.size()];
		for (int k = 0; k < v.length; k++) v[k] = out.get(k);
		return v;
	}

	/**
	 * The last run alone along {@code axis} (one convolution, or every layer of a stack): where
	 * this output's pixels lie in the image that run read (not the first image of the chain), as
	 * its calibration needs.
	 */
	public FieldMap lastRun(Axis axis) {
		List<AxisStep> steps = chains[axis.ordinal()].steps();
		FieldMap m = FieldMap.identity();
		for (AxisStep s : steps.subList(steps.size() - lastRun, steps.size())) m = m.then(s);
		return m;
	}

	/** Field span of one last-layer input sample, in first-image pixels, along {@code axis}. */
	public Fraction sampleField(Axis axis) {
		return chains[axis.ordinal()].withoutLast().map().field();
	}
}
