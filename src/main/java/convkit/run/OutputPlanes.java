package convkit.run;

import convkit.engine.Shape;
import convkit.engine.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * A run's output planes in ImageJ's stack order — channel fastest, then z (the output's depth for
 * Conv3D, the input's slices for Conv2D), then frame — with their slice labels ({@code c1 z2 t1}),
 * converted at the end to the output's pixel type. Shared by the ImageJ output and the TIFF
 * written without ImageJ, so both hold the same planes; needs no ImageJ classes.
 */
public final class OutputPlanes {

	private final Shape shape;
	private final int slices;
	private final int frames;
	private final List<float[]> planes = new ArrayList<>();
	private final List<String> labels = new ArrayList<>();
	private int next;

	/**
	 * Planes of an output of {@code shape} over {@code slices} z positions (Conv2D; 1 for Conv3D) and
	 * {@code frames} frames; refuses a run of {@code positions} positions that do not make them.
	 */
	public OutputPlanes(Shape shape, int positions, int slices, int frames) {
		checkPositions(positions, slices, frames);
		this.shape = shape;
		this.slices = slices;
		this.frames = frames;
	}

	/** Refuses a run of {@code positions} positions that do not make {@code slices x frames} (any sink laid out so). */
	public static void checkPositions(int positions, int slices, int frames) {
		if (positions != slices * frames) {
			throw new IllegalArgumentException(positions + " positions do not make " + slices + " slices x " + frames + " frames");
		}
	}

	/** Bytes held for an output of {@code positions} positions of {@code shape} written as {@code pixels}: the floats, then the converted copy. */
	public static long retainedBytes(Shape shape, int positions, OutputPixels pixels) {
		long values = shape.values() * positions;
		return 4L * values + (pixels.isFloat() ? 0 : (long) pixels.bytesPerValue() * values);
	}

	/** Adds the output of {@code position}, which must be the next one. */
	public void add(int position, Tensor out) {
		if (position != next++) throw new IllegalStateException("position " + position + " arrived out of order");
		for (int d = 0; d < out.depth(); d++) {
			for (int c = 0; c < out.channels(); c++) {
				labels.add(label(shape.rank(), slices, frames, position, c, d));
				planes.add(out.plane(c, d));
			}
		}
	}

	/**
	 * The slice label of output channel {@code c}, depth {@code d} of {@code position}, e.g.
	 * {@code c1 z2 t1}: z is the output's depth for Conv3D ({@code rank} 3), the input's slice for Conv2D.
	 */
	public static String label(int rank, int slices, int frames, int position, int c, int d) {
		int z = position % slices + 1;
		int t = position / slices + 1;
		return "c" + (c + 1) + (rank == 3 ? " z" + (d + 1) : slices > 1 ? " z" + z : "") + (frames > 1 ? " t" + t : "");
	}

	/** The slice labels, in stack order. */
	public List<String> labels() {
		return labels;
	}

	/** Number of z positions of the output: the output's depth (Conv3D) or the input's slices. */
	public int depth() {
		return shape.rank() == 3 ? shape.depth() : slices;
	}

	/**
	 * The planes as {@code pixels} says — float[] as computed, or byte[]/short[] converted over the
	 * whole result's range — each float plane let go once converted (call once).
	 */
	public List<Object> take(OutputPixels pixels) {
		List<Object> out = new ArrayList<>(planes.size());
		if (pixels.isFloat()) {
			out.addAll(planes);
			planes.clear();
			return out;
		}
		float[] range = OutputPixels.emptyRange();
		if (pixels.needsRange()) for (float[] v : planes) OutputPixels.widen(range, v, 0, v.length);
		for (int i = 0; i < planes.size(); i++) {
			float[] v = planes.get(i);
			out.add(pixels.convert(v, range));
			planes.set(i, null);
		}
		planes.clear();
		return out;
	}
}
