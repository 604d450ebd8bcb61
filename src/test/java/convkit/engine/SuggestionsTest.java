package convkit.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** "Did you mean": the close names a user meant, nothing for names far from every allowed one. */
class SuggestionsTest {

	private static final List<String> KEYS = Arrays.asList("kernel", "bias", "stride", "padding", "padding_mode", "value", "dilation",
		"groups", "flip", "normalize", "channels", "method", "output_type", "convert");

	@Test
	void typosAndPrefixesFindTheKeyMeant() {
		assertEquals("stride", Suggestions.closest("strid", KEYS));
		assertEquals("stride", Suggestions.closest("stirde", KEYS), "a swap of neighbours is one edit");
		assertEquals("padding_mode", Suggestions.closest("padding_mod", KEYS));
		assertEquals("dilation", Suggestions.closest("dialation", KEYS));
		assertEquals("kernel", Suggestions.closest("KERNEL", KEYS), "case is ignored");
		assertEquals("same", Suggestions.closest("sam", Arrays.asList("same", "same_lower", "valid")));
		assertEquals("gaussian", Suggestions.closest("gauss", Arrays.asList("identity", "box", "gaussian", "sobel_x")));
	}

	@Test
	void farOrShortNamesGetNoSuggestion() {
		assertNull(Suggestions.closest("threads", KEYS));
		assertNull(Suggestions.closest("w", Arrays.asList("x", "y", "z")));
		assertNull(Suggestions.closest("", KEYS));
		assertNull(Suggestions.closest(null, KEYS));
		assertEquals("", Suggestions.hint("zzzzzz", KEYS));
		assertEquals("; did you mean 'groups'?", Suggestions.hint("group", KEYS));
	}
}
