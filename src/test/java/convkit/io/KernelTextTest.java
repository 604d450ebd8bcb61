package convkit.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Kernel text as ImageJ, CSV, numpy and torch write it. */
class KernelTextTest {

	private static void expect(String text, int[] shape, float... values) {
		NdArray a = KernelText.parse(text);
		assertArrayEquals(shape, a.shape(), text);
		assertArrayEquals(values, a.toArray(), text);
	}

	@Test
	void imageJRowsAndCsv() {
		expect("-1 -1 -1\n-1 8 -1\n-1 -1 -1\n", new int[] { 3, 3 }, -1, -1, -1, -1, 8, -1, -1, -1, -1);
		expect(".0625\t.125\t.0625\r\n.125 .25 .125\n\n", new int[] { 2, 3 }, .0625f, .125f, .0625f, .125f, .25f, .125f);
		expect("1,2,3\n4,5,6", new int[] { 2, 3 }, 1, 2, 3, 4, 5, 6);
		expect("1 2; 3 4", new int[] { 2, 2 }, 1, 2, 3, 4);
		expect("# a comment\n1e-1, -2.5E1", new int[] { 1, 2 }, 0.1f, -25f);
	}

	@Test
	void nestedListsAsNumpyAndTorchPrintThem() {
		expect("[[1., 2.], [3., 4.]]", new int[] { 2, 2 }, 1, 2, 3, 4);
		expect("array([[1, 2, 3]], dtype=float32)", new int[] { 1, 3 }, 1, 2, 3);
		expect("tensor([[[[ 0.5000, -1.0000],\n          [ 2.0000,  0.0000]]]])", new int[] { 1, 1, 2, 2 }, 0.5f, -1, 2, 0);
		expect("tensor([[[[1.]]], [[[2.]]]], dtype=torch.float64, requires_grad=True)", new int[] { 2, 1, 1, 1 }, 1, 2);
		expect("[1, 2], [3, 4]", new int[] { 2, 2 }, 1, 2, 3, 4);
		expect("[[1, 2,], [3, 4,],]", new int[] { 2, 2 }, 1, 2, 3, 4);
	}

	@Test
	void refusalsSayWhatAndWhere() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KernelText.parse("1 2 3\n4 5"));
		assertTrue(e.getMessage().contains("row 2 has 2 values"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> KernelText.parse("[[1, 2], [3]]"));
		assertTrue(e.getMessage().contains("ragged"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> KernelText.parse("1 x 3"));
		assertTrue(e.getMessage().contains("'x' is not a finite number"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> KernelText.parse("[[1, 2], [3, 4]"));
		assertTrue(e.getMessage().contains("ends before"), e.getMessage());
		assertThrows(IllegalArgumentException.class, () -> KernelText.parse("[[1, 2], 3]"));
		assertThrows(IllegalArgumentException.class, () -> KernelText.parse("1 nan"));
	}

	@Test
	void recognisesKernelTextAgainstNames() {
		assertTrue(KernelText.looksLikeKernel("1 2 1"));
		assertTrue(KernelText.looksLikeKernel("tensor([[1.]])"));
		assertFalse(KernelText.looksLikeKernel("blobs.gif"));
		assertFalse(KernelText.looksLikeKernel("gaussian(2)"));
	}

	/** Six levels of lists parse, however many siblings each has; a seventh is refused without recursing further. */
	@Test
	void nestingIsLimitedByDepthNotBySiblings() {
		String leaf = "[[1, 2], [3, 4]]";
		String five = "[[[" + leaf + ", " + leaf + "], [" + leaf + ", " + leaf + "]]]"; // 5 levels, many siblings
		assertArrayEquals(new int[] { 1, 2, 2, 2, 2 }, KernelText.parse(five).shape());
		assertArrayEquals(new int[] { 1, 1, 2, 2, 2, 2 }, KernelText.parse("[" + five + "]").shape());
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KernelText.parse("[[" + five + "]]"));
		assertTrue(e.getMessage().contains("more than 6 deep"), e.getMessage());
		String deep = "[".repeat(100_000) + "1" + "]".repeat(100_000);
		e = assertThrows(IllegalArgumentException.class, () -> KernelText.parse(deep));
		assertTrue(e.getMessage().contains("more than 6 deep"), e.getMessage());
	}
}
