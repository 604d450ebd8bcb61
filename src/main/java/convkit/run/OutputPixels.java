package convkit.run;

import convkit.options.Conversion;
import convkit.options.OutputType;

/**
 * The pixel type one run writes, resolved from the job's {@link OutputType} and the input's bit
 * depth: 32-bit float (as computed), or 8-/16-bit made from the float result by a
 * {@link Conversion}. The float arithmetic is never changed: the conversion is applied to its
 * finished values. Immutable.
 * <p>
 * Example: {@code OutputPixels.of(16, Conversion.CLAMP).value(70000.4f, range) == 65535}.
 */
public final class OutputPixels {

	/** 32-bit float results, unconverted. */
	public static final OutputPixels FLOAT = new OutputPixels(32, Conversion.CLAMP);

	private final int bits;
	private final Conversion conversion;

	private OutputPixels(int bits, Conversion conversion) {
		this.bits = bits;
		this.conversion = conversion;
	}

	/** {@code bits} 8 or 16 (converted by {@code conversion}) or 32 (float). */
	public static OutputPixels of(int bits, Conversion conversion) {
		if (bits == 32) return FLOAT;
		if (bits != 8 && bits != 16) throw new IllegalArgumentException("output bit depth " + bits + " is not allowed (8, 16 or 32)");
		return new OutputPixels(bits, conversion);
	}

	/**
	 * What {@code type} means for {@code source}: float stays 32-bit; {@code same} takes the
	 * source's bit depth, refused (naming the input and its type) when it has none ConvKit writes.
	 */
	public static OutputPixels resolve(OutputType type, PositionSource source) {
		if (!type.keepsInputDepth()) return FLOAT;
		int depth = source.bitDepth();
		if (depth != 8 && depth != 16 && depth != 32) {
			throw new IllegalArgumentException("output_type=same keeps 8-bit, 16-bit (and RGB) inputs as 8/16-bit and 32-bit ones as"
				+ " float, but '" + source.name() + "' holds " + source.pixelType() + " values; use output_type=float");
		}
		return of(depth, type.conversion());
	}

	/** 8, 16 or 32. */
	public int bits() {
		return bits;
	}

	/** Whether the result stays 32-bit float. */
	public boolean isFloat() {
		return bits == 32;
	}

	public Conversion conversion() {
		return conversion;
	}

	/** Bytes of one converted value: 1, 2, or 4 (float). */
	public int bytesPerValue() {
		return bits / 8;
	}

	/** The largest value of the type: 255 or 65535. */
	public int maxValue() {
		return (1 << bits) - 1;
	}

	/** Whether the conversion needs the range of the whole result first ({@code rescale}). */
	public boolean needsRange() {
		return !isFloat() && conversion == Conversion.RESCALE;
	}

	/** The result type as Show Info states it, e.g. {@code 16-bit (convert=abs)} or {@code 32-bit float}. */
	public String describe() {
		return isFloat() ? "32-bit float" : bits + "-bit (convert=" + conversion.label() + ")";
	}

	/** The running {@code {min, max}} of finite values, for {@code rescale}: start with {@link #emptyRange()}. */
	public static void widen(float[] range, float[] values, int from, int to) {
		float min = range[0];
		float max = range[1];
		for (int i = from; i < to; i++) {
			float v = values[i];
			if (!Float.isFinite(v)) continue;
			if (v < min) min = v;
			if (v > max) max = v;
		}
		range[0] = min;
		range[1] = max;
	}

	/** A range no value has widened yet. */
	public static float[] emptyRange() {
		return new float[] { Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY };
	}

	/**
	 * The converted value of {@code v} (0..{@link #maxValue()}); {@code range} is the whole
	 * result's finite {@code {min, max}}, used by {@code rescale} only.
	 */
	public int value(float v, float[] range) {
		float x;
		switch (conversion) {
			case ABS:
				x = Math.abs(v);
				break;
			case RESCALE: {
				if (Float.isNaN(v)) return 0;
				double span = (double) range[1] - range[0];
				if (!(span > 0)) return 0;
				double scaled = ((double) v - range[0]) / span * maxValue();
				return (int) Math.max(0, Math.min(maxValue(), Math.floor(scaled + 0.5)));
			}
			default:
				x = v;
		}
		// As ImageJ's ByteProcessor/ShortProcessor.setPixels(channel, FloatProcessor): +0.5, clamp, truncate.
		float r = x + 0.5f;
		if (r < 0f) r = 0f;
		if (r > maxValue()) r = maxValue();
		return (int) r;
	}

	/**
	 * {@code values} as this output's pixels: the floats themselves for 32-bit, else a byte[] or
	 * short[] of converted values ({@code range} as for {@link #value}).
	 */
	public Object convert(float[] values, float[] range) {
		return isFloat() ? values : bits() == 8 ? toBytes(values, range) : toShorts(values, range);
	}

	/** {@code values} converted to unsigned bytes (8-bit). */
	public byte[] toBytes(float[] values, float[] range) {
		byte[] out = new byte[values.length];
		for (int i = 0; i < values.length; i++) out[i] = (byte) value(values[i], range);
		return out;
	}

	/** {@code values} converted to unsigned shorts (16-bit). */
	public short[] toShorts(float[] values, float[] range) {
		short[] out = new short[values.length];
		for (int i = 0; i < values.length; i++) out[i] = (short) value(values[i], range);
		return out;
	}
}
