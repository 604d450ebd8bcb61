package convkit.options;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * Option strings as ImageJ's macros and the command line give them, with exact answers: the
 * parser's edges (spaces at either end, bare flags, empty values), the text written back, the
 * refusals' hints, the help lines and the small value readers.
 */
class OptionTextsTest {

	private static Map<String, String> map(OptionString o) {
		Map<String, String> m = new LinkedHashMap<>();
		for (String k : o.keys()) m.put(k, o.get(k));
		return m;
	}

	@Test
	void theParserReadsEveryFormAtEveryEdge() {
		assertEquals(Map.of("a", "1", "flag", "true", "c", "x y"), map(OptionString.parse("  a=1   flag  c=[x y]  ")));
		assertEquals(List.of("a", "flag", "c"), List.copyOf(OptionString.parse("  a=1   flag  c=[x y]  ").keys()));
		assertEquals(Map.of("flag", "true"), map(OptionString.parse("flag")));
		assertEquals(Map.of("last", "true"), map(OptionString.parse("last ")));
		assertEquals(Map.of("k", ""), map(OptionString.parse("k=")));
		assertEquals(Map.of("k", "", "b", "2"), map(OptionString.parse("k=[] b=2")));
		assertEquals(Map.of("k", "box(3, 1)"), map(OptionString.parse("K=box(3, 1)")), "keys are lower-cased");
		assertEquals(Map.of("k", "f(a (b c))"), map(OptionString.parse("k=f(a (b c))")));
		assertEquals(Map.of("k", "a)", "x", "1"), map(OptionString.parse("k=a) x=1")), "a closing parenthesis with none open ends nothing");
		assertEquals(Map.of(), map(OptionString.parse("   ")));
		assertEquals(Map.of("a", "1"), map(OptionString.parse("\ta=1\n")));
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OptionString.parse("k=[1 2"));
		assertEquals("option 'k' opens '[' without a matching ']'", e.getMessage());
	}

	@Test
	void theTextWrittenBackBracketsWhatNeedsIt() {
		OptionString o = OptionString.parse("a=1 b c=[x y] d= e=[[1, 2]]");
		assertEquals("a=1 b=true c=[x y] d=[] e=[[1, 2]]", o.toString());
		assertEquals(map(o), map(OptionString.parse(o.toString())));
		assertEquals("", OptionString.parse("").toString());
		Map<String, String> pairs = new LinkedHashMap<>();
		pairs.put("Kernel", "box");
		pairs.put("STRIDE", "2");
		assertEquals("kernel=box stride=2", OptionString.of(pairs).toString());
		assertEquals("tab=[a\tb]", OptionString.of(Map.of("tab", "a\tb")).toString());
	}

	@Test
	void anUnknownKeyGetsTheHintThatFitsIt() {
		Set<String> allowed = new LinkedHashSet<>(List.of("input", "kernel", "stride"));
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OptionString.parse("strid=2").checkKeys(allowed));
		assertEquals("unknown option 'strid'; did you mean 'stride'? allowed are input, kernel, stride", e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> OptionString.parse("kernel_size=3").checkKeys(allowed));
		assertTrue(e.getMessage().startsWith("unknown option 'kernel_size'; 'kernel_size' is PyTorch's; the kernel's size and channels"),
			e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> OptionString.parse("kernel_size=3").checkKeys(Set.of("input", "stride")));
		assertFalse(e.getMessage().contains("PyTorch's"), "no kernel key, no PyTorch hint: " + e.getMessage());
		for (String file : new String[] { "data/cells", "c:\\cells", "cells.tif", "x.npy", "a.tiff" }) {
			e = assertThrows(IllegalArgumentException.class, () -> OptionString.parse(file).checkKeys(allowed));
			assertEquals("unknown option '" + file.toLowerCase() + "'; a file is named with a key, e.g. input=" + file.toLowerCase()
				+ "; allowed are input, kernel, stride", e.getMessage());
		}
		for (String word : new String[] { "zzzzzzzz", "x.y", "x.abcde" }) {
			e = assertThrows(IllegalArgumentException.class, () -> OptionString.parse(word).checkKeys(allowed));
			assertEquals("unknown option '" + word + "'; allowed are input, kernel, stride", e.getMessage());
		}
		e = assertThrows(IllegalArgumentException.class, () -> OptionString.parse("cells.tif").checkKeys(Set.of("kernel")));
		assertEquals("unknown option 'cells.tif'; allowed are kernel", e.getMessage(), "no input key: no file hint");
		e = assertThrows(IllegalArgumentException.class, () -> OptionString.parse("out.tif=2").checkKeys(allowed));
		assertEquals("unknown option 'out.tif'; allowed are input, kernel, stride", e.getMessage(), "a key with a value is no file name");
		OptionString.parse("input=a kernel=b").checkKeys(allowed);
	}

	@Test
	void commandLineArgumentsArePairsOrAWholePastedLine() {
		Set<String> allowed = new LinkedHashSet<>(List.of("input", "kernel", "stride"));
		OptionString two = Arguments.parse(new String[] { "conv", "kernel=[a b] stride=2" }, 1, allowed);
		assertEquals(Map.of("kernel", "a b", "stride", "2"), map(two), "a pasted line of two keys");
		OptionString one = Arguments.parse(new String[] { "conv", "kernel=a b stride=2" }, 1, allowed);
		assertEquals(Map.of("kernel", "a b stride=2"), map(one), "as the shell passes one value with spaces");
		OptionString spaced = Arguments.parse(new String[] { "conv", "kernel=a b unknown=2" }, 1, allowed);
		assertEquals(Map.of("kernel", "a b unknown=2"), map(spaced), "a line with an unknown key is one value");
		OptionString bracketed = Arguments.parse(new String[] { "x", "kernel=[1 2]", " ", "stride" }, 1, allowed);
		assertEquals(Map.of("kernel", "1 2", "stride", "true"), map(bracketed));
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> Arguments.parse(new String[] { "x", "data/cells.tif" }, 1, allowed));
		assertEquals("'data/cells.tif' is not an option; name a file with its key, e.g. input=data/cells.tif (every option is key=value)",
			e.getMessage());
	}

	@Test
	void helpLinesSayFormTextAndDefault() {
		assertEquals("  stride=S|SX,SY    N, X,Y (X,Y,Z), or PyTorch's (H, W) / (D, H, W) in parentheses; default 1\n",
			OptionKey.STRIDE.helpLines("\n"));
		assertEquals("  flip              true convolution (kernel rotated 180 degrees); default: correlation, as PyTorch|",
			OptionKey.FLIP.helpLines("|"));
		assertEquals("  padding_mode=M    zeros, reflect (c b|a b c d|c b), symmetric (b a|a b c d|d c),\n"
			+ "                    replicate (a a|a b c d|d d), circular (c d|a b c d|a b), constant (v v|a b c d|v v); default zeros\n",
			OptionKey.PADDING_MODE.helpLines("\n"));
		assertEquals("  output=FILE       .npy or .tif; written whole or not at all; without it nothing is written\n",
			OptionKey.OUTPUT.helpLines("\n"), "no default");
		assertEquals(OptionKey.STRIDE.helpLines("\n") + OptionKey.PADDING.helpLines("\n"),
			OptionKey.helpLines(OptionKey.STRIDE, OptionKey.PADDING, "\n"));
		assertEquals(List.of("stride", "padding", "padding_mode"), List.copyOf(OptionKey.keys(OptionKey.STRIDE, OptionKey.PADDING_MODE)));
		assertEquals(List.of("kernel", "bias", "stride"), List.copyOf(OptionKey.keys(OptionKey.KERNEL, OptionKey.BIAS, OptionKey.STRIDE)));
		Set<String> conv = OptionKey.convolution();
		assertTrue(conv.contains("kernel") && conv.contains("convert") && conv.contains("padding_mode"));
		assertFalse(conv.contains("output"));
	}

	@Test
	void smallValueReadersAnswerExactly() {
		assertEquals("reflect", OptionKey.unquoted("'reflect'"));
		assertEquals("same", OptionKey.unquoted(" \"same\" "));
		assertEquals("'a\"", OptionKey.unquoted("'a\""));
		assertEquals("'", OptionKey.unquoted("'"));
		assertEquals("", OptionKey.unquoted("''"));
		assertNull(OptionKey.unquoted(null));
		assertEquals(" x ", OptionKey.unquoted(" x "), "an unquoted value is left as it is");
		assertTrue(ConvOptions.yesNo(" YES", "stream"));
		assertTrue(ConvOptions.yesNo("true", "stream"));
		assertFalse(ConvOptions.yesNo("no", "stream"));
		assertFalse(ConvOptions.yesNo("False", "stream"));
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConvOptions.yesNo("maybe", "warmup"));
		assertEquals("warmup 'maybe' is not understood; allowed are yes and no", e.getMessage());
		assertArrayEquals(new int[] { 3, 3 }, ConvOptions.pair("3", "size"));
		assertArrayEquals(new int[] { 3, 5 }, ConvOptions.pair("3, 5", "size"));
		assertArrayEquals(new int[] { 5, 3 }, ConvOptions.pair("(3, 5)", "size"), "PyTorch's (H, W)");
		e = assertThrows(IllegalArgumentException.class, () -> ConvOptions.pair("1,2,3", "size"));
		assertEquals("size '1,2,3' is not understood; expected N, X,Y or PyTorch (H, W) (whole numbers)", e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> ConvOptions.perAxis("1,2,3", "stride", 2));
		assertEquals("stride '1,2,3' has 3 values; Conv2D takes N, X,Y or PyTorch (H, W) (whole numbers)", e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> ConvOptions.perAxis("1,2", "stride", 3));
		assertEquals("stride '1,2' has 2 values; Conv3D takes N, X,Y,Z or PyTorch (D, H, W) (whole numbers)", e.getMessage());
		assertArrayEquals(new int[] { 1, 2, 3 }, ConvOptions.perAxis("1, 2,3", "stride", 3));
		assertEquals(Streaming.YES, Streaming.fromLabel("yes"));
		assertEquals(Streaming.NO, Streaming.of(OptionString.parse("stream=no")));
		assertEquals(Streaming.AUTO, Streaming.of(OptionString.parse("")));
	}

	@Test
	void outputTypesCompareAndPrintAsTyped() {
		OutputType same = OutputType.parse("same", "abs");
		assertEquals("same", same.label());
		assertEquals("float", OutputType.parse("float", null).label());
		assertEquals("output_type=same convert=abs", same.toString());
		assertEquals("output_type=same convert=abs", same.toOptionString());
		assertEquals("output_type=float", OutputType.FLOAT.toString());
		assertEquals("", OutputType.FLOAT.toOptionString());
		assertEquals(same, OutputType.parse("same", "abs"));
		assertEquals(same.hashCode(), OutputType.parse("same", "abs").hashCode());
		assertNotEquals(same, OutputType.parse("same", "rescale"));
		assertNotEquals(same, OutputType.FLOAT);
		assertNotEquals(OutputType.FLOAT, same);
		assertNotEquals(same, "output_type=same convert=abs");
		assertNotEquals(OutputType.parse("same", "clamp").hashCode(), OutputType.parse("same", "rescale").hashCode());
		assertEquals(Conversion.CLAMP, OutputType.parse("same", " ").conversion());
		assertArrayEquals(new String[] { "float", "same" }, OutputType.getAllLabels());
		assertArrayEquals(new String[] { "clamp", "abs", "rescale" }, Conversion.getAllLabels());
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OutputType.parse("sme", null));
		assertEquals("output_type 'sme' is not known; did you mean same? allowed are float, same", e.getMessage());
	}
}
