package convkit.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Values made fit for a one-line message, and the heap check before reading. */
class TextsTest {

	@Test
	void controlAndBinaryCharactersBecomeQuestionMarksAndLineBreaksSpaces() {
		assertEquals("a b c d?e?f?g", Texts.printable("a\nb\rc\td\u0001e\u0085f\uFFFDg"));
		assertEquals("plain text, unchanged: \u00e9\u00b5", Texts.printable("plain text, unchanged: \u00e9\u00b5"));
	}

	@Test
	void valuesUpToTheLimitStayWholeLongerOnesShowTheirStartAndLength() {
		String eighty = "x".repeat(Texts.LIMIT);
		assertEquals(eighty, Texts.shorten(eighty));
		String longer = "y".repeat(Texts.LIMIT + 1);
		assertEquals("y".repeat(Texts.LIMIT - 20) + "... (" + (Texts.LIMIT + 1) + " characters)", Texts.shorten(longer));
		assertEquals("(nothing)", Texts.shorten(null));
	}

	@Test
	void aMessageShortensOnlyItsLongQuotedValues() {
		String value = "k".repeat(100_000);
		String m = Texts.message("kernel '" + value + "' is not known; allowed are 'a', 'b'\nsecond line");
		assertEquals("kernel '" + "k".repeat(Texts.LIMIT - 20) + "... (100000 characters)' is not known; allowed are 'a', 'b' second line", m);
		String justFits = "kernel '" + "k".repeat(Texts.LIMIT) + "'";
		assertEquals(justFits, Texts.message(justFits));
		assertEquals("(no message)", Texts.message(null));
	}

	@Test
	void readingMoreThanTheHeapCanHoldIsRefusedWithTheNumbers() {
		Heap.checkRoom(1 << 20, "a small file"); // fits
		long tooMuch = Runtime.getRuntime().maxMemory() + (1L << 30);
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Heap.checkRoom(tooMuch, "'big.npy'"));
		assertTrue(e.getMessage().startsWith("reading 'big.npy' needs about " + ((tooMuch + (1 << 20) - 1) >> 20) + " MB, but Java has only"),
			e.getMessage());
		assertTrue(e.getMessage().contains("-Xmx"), e.getMessage());
	}
}
