package convkit.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.options.Conversion;
import convkit.options.OutputType;

import org.junit.jupiter.api.Test;

/** The float-to-8/16-bit conversions of {@code output_type=same}, on values worked out by hand. */
class OutputPixelsTest {

	private static int[] convert(OutputPixels p, float... v) {
		float[] range = OutputPixels.emptyRange();
		OutputPixels.widen(range, v, 0, v.length);
		int[] out = new int[v.length];
		for (int i = 0; i < v.length; i++) out[i] = p.value(v[i], range);
		return out;
	}

	@Test
	void clampRoundsHalfUpAndClampsAsImageJsConvolve() {
		OutputPixels p8 = OutputPixels.of(8, Conversion.CLAMP);
		assertArrayEquals(new int[] { 0, 0, 0, 1, 2, 3, 254, 255, 255, 0, 255, 0 },
			convert(p8, -7.2f, -0.4f, 0.4f, 0.5f, 1.5f, 2.6f, 254.49f, 254.5f, 1e6f, Float.NaN, Float.POSITIVE_INFINITY,
				Float.NEGATIVE_INFINITY));
		OutputPixels p16 = OutputPixels.of(16, Conversion.CLAMP);
		assertArrayEquals(new int[] { 0, 1000, 65535, 65535 }, convert(p16, -3, 1000.2f, 65534.5f, 120000));
	}

	@Test
	void absTakesTheMagnitudeThenClamps() {
		OutputPixels p8 = OutputPixels.of(8, Conversion.ABS);
		assertArrayEquals(new int[] { 7, 0, 3, 255, 100, 0 }, convert(p8, -7.2f, -0.4f, 2.6f, -300, 99.5f, Float.NaN));
		assertArrayEquals(new int[] { 40000, 65535 }, convert(OutputPixels.of(16, Conversion.ABS), -40000, -70000));
	}

	@Test
	void rescaleMapsTheWholeResultsFiniteRangeOntoTheType() {
		OutputPixels p8 = OutputPixels.of(8, Conversion.RESCALE);
		// range -10..10 (NaN and the infinities left out): -10 -> 0, 0 -> 127.5 -> 128, 10 -> 255, 5 -> 191.25 -> 191
		assertArrayEquals(new int[] { 0, 128, 255, 191, 0, 255, 0 },
			convert(p8, -10, 0, 10, 5, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY));
		// 16-bit: 2..6 onto 0..65535; 3 -> 16383.75 -> 16384
		assertArrayEquals(new int[] { 0, 16384, 65535 }, convert(OutputPixels.of(16, Conversion.RESCALE), 2, 3, 6));
		assertArrayEquals(new int[] { 0, 0 }, convert(p8, 4, 4), "a constant result has no range: 0");
	}

	@Test
	void theRangeOfSeveralPiecesIsTheRangeOfAll() {
		float[] range = OutputPixels.emptyRange();
		OutputPixels.widen(range, new float[] { 3, 9, -1 }, 1, 3); // only 9, -1
		OutputPixels.widen(range, new float[] { 20, Float.NaN }, 0, 2);
		assertArrayEquals(new float[] { -1, 20 }, range);
	}

	@Test
	void sameTakesTheInputsDepthAndRefusesOneItCannotKeep() {
		PositionSource sixteen = new FakeSource(16, "16-bit");
		assertSame(OutputPixels.FLOAT, OutputPixels.resolve(OutputType.FLOAT, sixteen));
		OutputPixels p = OutputPixels.resolve(OutputType.same(Conversion.ABS), sixteen);
		assertEquals(16, p.bits());
		assertEquals(Conversion.ABS, p.conversion());
		assertEquals("16-bit (convert=abs)", p.describe());
		assertTrue(OutputPixels.resolve(OutputType.same(Conversion.CLAMP), new FakeSource(32, "32-bit")).isFloat());
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> OutputPixels.resolve(OutputType.same(Conversion.CLAMP), new FakeSource(0, "int32")));
		assertTrue(e.getMessage().contains("'fake' holds int32 values; use output_type=float"), e.getMessage());
	}

	@Test
	void outputTypeKeysAreReadAndRefusedByName() {
		assertEquals(OutputType.FLOAT, OutputType.parse(null, null));
		assertEquals(OutputType.FLOAT, OutputType.parse("float", "clamp"), "what a recorded dialog writes");
		assertEquals(OutputType.same(Conversion.RESCALE), OutputType.parse("SAME", "Rescale"));
		assertEquals(OutputType.same(Conversion.CLAMP), OutputType.parse("same", null));
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OutputType.parse("float", "abs"));
		assertTrue(e.getMessage().contains("convert=abs applies to output_type=same"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> OutputType.parse("uint8", null));
		assertEquals("output_type 'uint8' is not known; allowed are float, same", e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> OutputType.parse("same", "wrap"));
		assertEquals("convert 'wrap' is not known; allowed are clamp, abs, rescale", e.getMessage());
	}

	/** A source that only states a bit depth. */
	private static final class FakeSource extends MinimalSource {
		private final int bits;
		private final String type;

		FakeSource(int bits, String type) {
			super("fake", 1);
			this.bits = bits;
			this.type = type;
		}

		@Override
		public int bitDepth() {
			return bits;
		}

		@Override
		public String pixelType() {
			return type;
		}
	}
}
