package convkit.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The padding-mode table (docs/design.md §1, the README): input a b c d (0 1 2 3), two pixels of padding. */
class PaddingModeTest {

	private static int[] padded(PaddingMode m) {
		int[] out = new int[8];
		for (int i = -2; i < 6; i++) out[i + 2] = m.sourceIndex(i, 4);
		return out;
	}

	@Test
	void everyModePadsAsTheTableSays() {
		assertArrayEquals(new int[] { -1, -1, 0, 1, 2, 3, -1, -1 }, padded(PaddingMode.ZEROS));
		assertArrayEquals(new int[] { 2, 1, 0, 1, 2, 3, 2, 1 }, padded(PaddingMode.REFLECT));
		assertArrayEquals(new int[] { 1, 0, 0, 1, 2, 3, 3, 2 }, padded(PaddingMode.SYMMETRIC));
		assertArrayEquals(new int[] { 0, 0, 0, 1, 2, 3, 3, 3 }, padded(PaddingMode.REPLICATE));
		assertArrayEquals(new int[] { 2, 3, 0, 1, 2, 3, 0, 1 }, padded(PaddingMode.CIRCULAR));
	}

	@Test
	void limitsAreThoseOfPyTorch() {
		PaddingMode.REFLECT.checkPadding(3, 4, "left", "width");
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> PaddingMode.REFLECT.checkPadding(4, 4, "left", "width"));
		assertEquals("reflect padding must be smaller than the input size: left padding 4 with input width 4 (allowed 0..3);"
			+ " use a smaller kernel or padding, or padding_mode=replicate or constant, which allow any padding", e.getMessage());
		PaddingMode.SYMMETRIC.checkPadding(4, 4, "top", "height");
		assertThrows(IllegalArgumentException.class, () -> PaddingMode.SYMMETRIC.checkPadding(5, 4, "top", "height"));
		PaddingMode.CIRCULAR.checkPadding(4, 4, "top", "height");
		assertThrows(IllegalArgumentException.class, () -> PaddingMode.CIRCULAR.checkPadding(5, 4, "top", "height"));
		PaddingMode.REPLICATE.checkPadding(1000, 1, "top", "height");
		PaddingMode.ZEROS.checkPadding(1000, 1, "top", "height");
		PaddingMode.CONSTANT.checkPadding(1000, 1, "top", "height");
	}

	@Test
	void labelsRoundTripAndUnknownNamesAreListed() {
		for (PaddingMode m : PaddingMode.values()) assertEquals(m, PaddingMode.fromLabel(m.label()));
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PaddingMode.fromLabel("mirror"));
		assertTrue(e.getMessage().contains("'mirror'") && e.getMessage().contains("symmetric"), e.getMessage());
	}

	@Test
	void paddingFormsParse() {
		assertEquals(Padding.of(2, 2, 2, 2, 2, 2), Padding.parse("2"));
		assertEquals(Padding.of(1, 1, 3, 3), Padding.parse("1,3"));
		assertEquals(Padding.of(1, 2, 3, 4), Padding.parse(" 1, 2,3 ,4"));
		assertEquals(Padding.of(1, 1, 2, 2, 3, 3), Padding.parse("1,2,3"));
		assertEquals(Padding.of(1, 2, 3, 4, 5, 6), Padding.parse("1,2,3,4,5,6"));
		Padding p = Padding.parse("1,2,3,4,5,6");
		assertEquals(5, p.lo(Axis.Z));
		assertEquals(6, p.hi(Axis.Z));
		assertEquals(3, p.lo(Axis.Y));
		assertEquals(2, p.hi(Axis.X));
		assertEquals(Padding.valid(), Padding.parse("valid"));
		assertTrue(Padding.parse("SAME").isSame());
		for (String s : new String[] { "1,2,3,4,5", "x", "-1", "1,,2,3", "1,2,3,4,5,6,7" }) {
			assertThrows(IllegalArgumentException.class, () -> Padding.parse(s), s);
		}
		for (String s : new String[] { "2", "1,3", "1,2,3,4", "1,2,3", "1,2,3,4,5,6", "same" }) assertEquals(s, Padding.parse(s).toString());
		assertEquals(2, Padding.parse("1,3").writtenRank());
		assertEquals(3, Padding.parse("1,2,3").writtenRank());
		assertEquals(0, Padding.parse("4").writtenRank());
	}

	@org.junit.jupiter.api.Test
	void aPositionAnyDistanceOutsideFoldsAsOftenAsNeeded() {
		// a b c d, reflect: d c b | a b c d | c b a; symmetric: d c b a | a b c d | d c b a
		int[] reflect = { 3, 2, 1, 0, 1, 2, 3, 2, 1, 0 };
		for (int i = -3; i < 7; i++) org.junit.jupiter.api.Assertions.assertEquals(reflect[i + 3], PaddingMode.REFLECT.foldedIndex(i, 4), "reflect " + i);
		int[] symmetric = { 3, 2, 1, 0, 0, 1, 2, 3, 3, 2, 1, 0 };
		for (int i = -4; i < 8; i++) org.junit.jupiter.api.Assertions.assertEquals(symmetric[i + 4], PaddingMode.SYMMETRIC.foldedIndex(i, 4), "symmetric " + i);
		org.junit.jupiter.api.Assertions.assertEquals(1, PaddingMode.CIRCULAR.foldedIndex(-7, 4));
		org.junit.jupiter.api.Assertions.assertEquals(3, PaddingMode.REPLICATE.foldedIndex(99, 4));
		org.junit.jupiter.api.Assertions.assertEquals(-1, PaddingMode.ZEROS.foldedIndex(-1, 4));
		org.junit.jupiter.api.Assertions.assertEquals(0, PaddingMode.REFLECT.foldedIndex(-5, 1), "one pixel: itself");
	}
}
