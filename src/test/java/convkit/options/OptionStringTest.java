package convkit.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.engine.ConvSpec;
import convkit.engine.PaddingMode;

import org.junit.jupiter.api.Test;

class OptionStringTest {

	@Test
	void anUnbracketedValueWithSpacesInParenthesesIsOneValue() {
		OptionString o = OptionString.parse("kernel=random(3, 7) stride=2 bias=gaussian( 1.5 )x");
		assertEquals("random(3, 7)", o.get("kernel"));
		assertEquals("2", o.get("stride"));
		assertEquals("gaussian( 1.5 )x", o.get("bias"));
		assertEquals("box(3", OptionString.parse("kernel=box(3 stride=2").get("kernel").substring(0, 5),
			"an unclosed parenthesis takes the rest: the kernel's own reader then refuses it");
	}

	@Test
	void readsBracketsFlagsAndNestedLists() {
		OptionString o = OptionString.parse("kernel=[[[1, 2], [3, 4]]] stride=2,1 padding=same flip bias=[/a b/c.npy]");
		assertEquals("[[1, 2], [3, 4]]", o.get("kernel"));
		assertEquals("2,1", o.get("stride"));
		assertEquals("true", o.get("flip"));
		assertEquals("/a b/c.npy", o.get("bias"));
		assertThrows(IllegalArgumentException.class, () -> OptionString.parse("kernel=[1 2"));
		assertThrows(IllegalArgumentException.class, () -> OptionString.parse("stride=1 stride=2"));
	}

	@Test
	void convOptionsBuildTheSpecAndRecordARoundTrip() {
		ConvOptions c = ConvOptions.from(OptionString.parse(
			"kernel=[sobel_x] stride=2,1 padding=1,1,2,0 padding_mode=reflect dilation=3 groups=1 normalize"));
		ConvSpec s = c.spec();
		assertEquals(2, s.strideX());
		assertEquals(1, s.strideY());
		assertEquals(2, s.padding().top());
		assertEquals(PaddingMode.REFLECT, s.mode());
		assertEquals(3, s.dilationY());
		assertTrue(s.normalize());
		assertFalse(s.flip());
		String recorded = c.toOptionString();
		assertEquals("kernel=[sobel_x] stride=2,1 padding=1,1,2,0 padding_mode=reflect dilation=3 groups=1 normalize", recorded);
		assertEquals(recorded, ConvOptions.from(OptionString.parse(recorded)).toOptionString());
	}

	@Test
	void badValuesAreNamed() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> ConvOptions.from(OptionString.parse("kernel=box stride=two")));
		assertEquals("stride 'two' is not a whole number", e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> ConvOptions.from(OptionString.parse("kernel=box stride=0")));
		assertTrue(e.getMessage().startsWith("stride must be positive: 0,0"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> ConvOptions.from(OptionString.parse("stride=1")));
		assertTrue(e.getMessage().contains("'kernel' is required"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> ConvOptions.from(OptionString.parse("kernel=box padding_mode=mirror")));
		assertTrue(e.getMessage().contains("padding_mode 'mirror'"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> OptionString.parse("kernel=box strid=2").checkKeys(ConvOptions.KEYS));
		assertTrue(e.getMessage().startsWith("unknown option 'strid'"), e.getMessage());
	}
}
