package convkit.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** PyTorch's tuples turned into ImageJ's order; other text left as it is; malformed tuples refused with the rule. */
class PyTorchTupleTest {

	@Test
	void aTupleIsReversedIntoImageJsOrder() {
		assertEquals("1,2", PyTorchTuple.perAxis("(2, 1)", "stride", 2));
		assertEquals("3,1,2", PyTorchTuple.perAxis("(2,1,3)", "stride", 3));
		assertEquals("2", PyTorchTuple.perAxis("(2,)", "stride", 2));
		assertEquals("2", PyTorchTuple.perAxis(" (2) ", "stride", 3));
		assertEquals("5,3", PyTorchTuple.perAxis("(3, 5)", "k", 0));
		assertEquals("5,4,3", PyTorchTuple.perAxis("(3, 4, 5)", "k", 0));
	}

	@Test
	void otherTextIsLeftAsItIs() {
		assertEquals("2,1", PyTorchTuple.perAxis("2,1", "stride", 2));
		assertEquals("same", PyTorchTuple.padding("same", "padding", 2));
		assertEquals("1,2,3,4", PyTorchTuple.padding("1,2,3,4", "padding", 2));
	}

	@Test
	void aPaddingTupleIsPerAxisOrFPadsOrder() {
		assertEquals("2,1", PyTorchTuple.padding("(1, 2)", "padding", 2));
		assertEquals("1,0,2,3", PyTorchTuple.padding("(1, 0, 2, 3)", "padding", 2), "F.pad's (left, right, top, bottom), kept");
		assertEquals("3,2,1", PyTorchTuple.padding("(1, 2, 3)", "padding", 3));
		assertEquals("1,2,3,4,5,6", PyTorchTuple.padding("(1, 2, 3, 4, 5, 6)", "padding", 3));
		assertEquals("1,2,3,4", PyTorchTuple.padding("(1,2,3,4)", "p", 0));
	}

	@Test
	void aMalformedTupleIsRefusedWithTheRule() {
		assertEquals("stride '(2' is not a closed tuple; write PyTorch order in parentheses, stride=(H, W) or stride=(D, H, W)"
			+ " (in quotes in bash), or ImageJ order without them, stride=X,Y or stride=X,Y,Z",
			assertThrows(IllegalArgumentException.class, () -> PyTorchTuple.perAxis("(2", "stride", 2)).getMessage());
		assertEquals("dilation '(1, 2, 3)' has 3 values; a 2-D layer takes dilation=(N,) or dilation=(H, W) in PyTorch order"
			+ " (or X,Y without parentheses)",
			assertThrows(IllegalArgumentException.class, () -> PyTorchTuple.perAxis("(1, 2, 3)", "dilation", 2)).getMessage());
		assertEquals("padding '(1, 2, 3, 4)' has 4 values; a 3-D layer takes padding=(P,), padding=(D, H, W) in PyTorch order or"
			+ " F.pad order (left, right, top, bottom, front, back)",
			assertThrows(IllegalArgumentException.class, () -> PyTorchTuple.padding("(1, 2, 3, 4)", "padding", 3)).getMessage());
		assertThrows(IllegalArgumentException.class, () -> PyTorchTuple.perAxis("((2, 1))", "stride", 2));
		assertThrows(IllegalArgumentException.class, () -> PyTorchTuple.perAxis("()", "stride", 2));
		assertThrows(IllegalArgumentException.class, () -> PyTorchTuple.perAxis("(1, 2, 3, 4)", "s", 0));
		assertThrows(IllegalArgumentException.class, () -> PyTorchTuple.padding("(1, 2, 3, 4, 5)", "p", 0));
	}
}
