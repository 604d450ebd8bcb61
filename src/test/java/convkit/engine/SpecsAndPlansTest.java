package convkit.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Paddings, specs and plans as users meet them: their accessors, the text they print (which
 * {@code parse} reads back), the PyTorch lines every report shows, and the exact refusals.
 */
class SpecsAndPlansTest {

	@Test
	void paddingsKeepEverySideAndPrintTheShortestForm() {
		Padding p = Padding.of(1, 2, 3, 4, 5, 6);
		assertArrayEquals(new int[] { 1, 2, 3, 4, 5, 6 }, new int[] { p.left(), p.right(), p.top(), p.bottom(), p.front(), p.back() });
		assertEquals(5, p.lo(Axis.Z));
		assertEquals(4, p.hi(Axis.Y));
		assertArrayEquals(new int[] { 3, 4 }, p.resolve(Axis.Y, 10, 3, 1, 1));
		assertFalse(p.isSame());
		assertTrue(Padding.same().isSame());
		assertArrayEquals(new int[] { 1, 1 }, Padding.same().resolve(Axis.X, 10, 3, 1, 1));

		String[][] printed = { { "2", "2" }, { "1,2", "1,2" }, { "1,2,3", "1,2,3" }, { "1,2,3,4", "1,2,3,4" }, { "1,1,2,2", "1,2" },
			{ "1,2,3,4,5,6", "1,2,3,4,5,6" }, { "1,1,2,2,3,3", "1,2,3" }, { "2,2,2,2,2,2", "2" }, { "2,2,2", "2" }, { "3,3", "3" },
			{ "same", "same" }, { "valid", "0" }, { "1,2,1,1", "1,2,1,1" } };
		for (String[] c : printed) {
			Padding parsed = Padding.parse(c[0]);
			assertEquals(c[1], parsed.toString(), c[0]);
			Padding reread = Padding.parse(parsed.toString()); // the same sides along every axis the form was written for
			int axes = parsed.writtenRank() == 2 ? 2 : 3;
			for (int a = 0; a < axes; a++) {
				assertEquals(parsed.lo(Axis.values()[a]), reread.lo(Axis.values()[a]), c[0]);
				assertEquals(parsed.hi(Axis.values()[a]), reread.hi(Axis.values()[a]), c[0]);
			}
			assertEquals(parsed.isSame(), reread.isSame(), c[0]);
		}
		assertEquals(2, Padding.parse("1,2").writtenRank());
		assertEquals(2, Padding.parse("1,2,3,4").writtenRank());
		assertEquals(3, Padding.parse("1,2,3").writtenRank());
		assertEquals(3, Padding.parse("1,2,3,4,5,6").writtenRank());
		assertEquals(0, Padding.parse("4").writtenRank());
		assertEquals(0, Padding.same().writtenRank());
	}

	@Test
	void sizesUpToTheLargestIntAreAcceptedAndOneMoreIsRefused() {
		int max = Integer.MAX_VALUE;
		// same padding at stride 1 totals dilation·(k − 1)
		assertArrayEquals(new int[] { max / 2, max - max / 2 }, Padding.samePadding(10, 2, 1, max));
		refused(() -> Padding.samePadding(10, 3, 1, max / 2 + 1), "padding=same would pad 2147483648 pixels");
		// a padded axis may hold up to the largest int
		assertEquals(max, AxisGeometry.of(Axis.X, 1, 1, 1, 1, 0, max - 1).paddedSize());
		refused(() -> AxisGeometry.of(Axis.X, 2, 1, 1, 1, 0, max - 1), "padded size along x would be 2147483648 (2 + 0 + 2147483646)");
	}

	@Test
	void paddingsAreEqualWhenTheySpanTheSameSides() {
		assertEquals(Padding.of(2), Padding.of(2, 2, 2, 2, 2, 2));
		assertEquals(Padding.of(2).hashCode(), Padding.of(2, 2, 2, 2, 2, 2).hashCode());
		assertEquals(Padding.of(1, 2), Padding.of(1, 1, 2, 2));
		assertEquals(Padding.of(1, 2).hashCode(), Padding.of(1, 1, 2, 2).hashCode());
		assertNotEquals(Padding.of(1, 2), Padding.of(2, 1));
		assertNotEquals(Padding.of(0), Padding.same());
		assertNotEquals(Padding.same().hashCode(), Padding.of(0).hashCode());
		assertNotEquals(Padding.of(1, 2, 3, 4).hashCode(), Padding.of(1, 2, 4, 3).hashCode());
		assertNotEquals(Padding.of(1), "1");
		assertEquals(Padding.same(), Padding.parse(" SAME "));
	}

	@Test
	void aPaddingFormOfTheOtherRankIsRefusedAsWritten() {
		refused(() -> ConvSpec.builder(3).padding(Padding.of(1, 2)).build(), "padding '1,2' has 2 numbers, a 2-D form; a 3-D convolution"
			+ " takes P, PX,PY,PZ or L,R,T,B,F,K (left, right, top, bottom, front, back), same, same_lower or valid");
		refused(() -> ConvSpec.builder(3).padding(Padding.of(1, 1, 2, 2)).build(), "padding '1,1,2,2' has 4 numbers");
		refused(() -> ConvSpec.builder().padding(Padding.of(1, 2, 3, 4, 5, 6)).build(), "padding '1,2,3,4,5,6' has 6 numbers, a 3-D form;"
			+ " a 2-D convolution takes P, PX,PY or L,R,T,B (left, right, top, bottom), same, same_lower or valid");
		refused(() -> ConvSpec.builder().padding(Padding.of(3, 3, 3)).build(), "padding '3,3,3' has 3 numbers, a 3-D form");
		ConvSpec.builder(3).padding(Padding.of(2)).build();
		ConvSpec.builder().padding(Padding.same()).build();
		refused(() -> Padding.of(1, 2, 3, -1), "bottom is -1 (allowed 0 or more)");
		refused(() -> Padding.parse("1,2,3,4,5"), "padding '1,2,3,4,5' has 5 numbers");
		refused(() -> Padding.parse("1,x"), "padding '1,x' is not understood");
	}

	@Test
	void specsGiveEveryAxisItsValueAndRefuseTheRest() {
		ConvSpec s = ConvSpec.builder(3).stride(1, 2, 3).dilation(2).groups(3).flip(true).normalize(true).padding(Padding.of(1, 2, 3))
			.build();
		assertEquals(3, s.rank());
		assertArrayEquals(new int[] { 1, 2, 3 }, new int[] { s.strideX(), s.strideY(), s.strideZ() });
		assertArrayEquals(new int[] { 2, 2, 2 }, new int[] { s.dilationX(), s.dilationY(), s.dilationZ() });
		assertArrayEquals(new int[] { 1, 2, 3 }, s.strides());
		assertArrayEquals(new int[] { 2, 2, 2 }, s.dilations());
		assertEquals("stride=1,2,3 padding=1,2,3 padding_mode=zeros dilation=2 groups=3 flip normalize", s.toString());
		ConvSpec flat = ConvSpec.builder().stride(4, 5).dilation(6, 7).build();
		assertArrayEquals(new int[] { 4, 5, 1, 6, 7, 1 },
			new int[] { flat.strideX(), flat.strideY(), flat.strideZ(), flat.dilationX(), flat.dilationY(), flat.dilationZ() });
		assertEquals("stride=4,5 padding=0 padding_mode=zeros dilation=6,7 groups=1", flat.toString());

		refused(() -> ConvSpec.builder(3).stride(1, 0, 2).build(), "stride must be positive: 1,0,2 (x,y,z; y is 0, allowed 1 or more)");
		refused(() -> ConvSpec.builder().dilation(1, -1).build(), "dilation must be positive: 1,-1 (x,y; y is -1, allowed 1 or more)");
		refused(() -> ConvSpec.builder().stride(0).build(), "x is 0");
		refused(() -> ConvSpec.builder(3).dilation(1, 2).build(), "dilation '1,2' has 2 values; a 3-D convolution takes one value or 3 (x,y,z)");
		refused(() -> ConvSpec.builder().stride(1, 2, 3).build(), "a 2-D convolution takes one value or 2 (x,y)");
		refused(() -> ConvSpec.builder().groups(0).build(), "groups must be positive: 0 (allowed 1 or more)");
		refused(() -> ConvSpec.builder().padding(null), "padding must be given");
		refused(() -> ConvSpec.builder().mode(null), "padding_mode must be given");
	}

	@Test
	void kernelsAreReadAgainstTheInputWithMessagesNamingTheShapes() {
		refused(() -> plan(Shape.of(2, 5, 5, 5), new int[] { 3, 3 }, ConvSpec.builder(3).build()),
			"kernel [3, 3] has 2 dimensions; Conv3D takes [kD, kH, kW] (each channel on its own), [C_in, kD, kH, kW] or"
				+ " [C_out, C_in/groups, kD, kH, kW]; a 2-D kernel is for Conv2D (3-D presets: box3d(n), gaussian3d(sigma))");
		refused(() -> plan(Shape.of(2, 5, 5), new int[] { 2, 2, 3, 3, 3 }, ConvSpec.builder().build()),
			"kernel [2, 2, 3, 3, 3] has 5 dimensions; Conv2D takes [kH, kW] (each channel on its own), [C_in, kH, kW] or"
				+ " [C_out, C_in/groups, kH, kW]; a 5-D kernel is for Conv3D");
		refused(() -> plan(Shape.of(2, 5, 5, 5), new int[] { 3, 3, 3 }, ConvSpec.builder(3).groups(3).build()),
			"a [kD, kH, kW] kernel [3, 3, 3] is applied to each of the 2 channels on its own, so groups must be 1 or 2, not 3");
		refused(() -> plan(Shape.of(2, 5, 5), new int[] { 3, 3 }, ConvSpec.builder().groups(3).build()),
			"a [kH, kW] kernel [3, 3] is applied to each of the 2 channels on its own, so groups must be 1 or 2, not 3");
		refused(() -> plan(Shape.of(2, 5, 5, 5), new int[] { 3, 3, 3, 3 }, ConvSpec.builder(3).build()),
			"kernel [3, 3, 3, 3] is [C_in, kD, kH, kW] with C_in = 3, but the input has 2 channels");
		refused(() -> plan(Shape.of(2, 5, 5, 5), new int[] { 2, 3, 3, 3 }, ConvSpec.builder(3).groups(2).build()),
			"a [C_in, kD, kH, kW] kernel [2, 3, 3, 3] gives one output channel from all input channels, so groups must be 1, not 2");
		refused(() -> plan(Shape.of(2, 5, 5), new int[] { 2, 3, 3 }, ConvSpec.builder().groups(2).build()),
			"a [C_in, kH, kW] kernel [2, 3, 3] gives one output channel from all input channels, so groups must be 1, not 2");
		refused(() -> plan(Shape.of(6, 5, 5), new int[] { 4, 2, 3, 3 }, ConvSpec.builder().groups(3).build()),
			"output channels (4, the kernel's first dimension) must be divisible by groups (3)");
		refused(() -> plan(Shape.of(6, 5, 5), new int[] { 4, 3, 3, 3 }, ConvSpec.builder().groups(4).build()),
			"input channels (6) must be divisible by groups (4)");
		refused(() -> plan(Shape.of(6, 5, 5), new int[] { 6, 3, 3, 3 }, ConvSpec.builder().groups(3).build()),
			"kernel [6, 3, 3, 3] expects C_in/groups = 3, but the input has 6 channels in 3 group(s), so it must be 2");
		assertEquals(2, plan(Shape.of(6, 5, 5), new int[] { 6, 3, 3, 3 }, ConvSpec.builder().groups(2).build()).groups());
		assertEquals(2, plan(Shape.of(2, 5, 5), new int[] { 3, 3 }, ConvSpec.builder().build()).groups());
		assertEquals(1, plan(Shape.of(2, 5, 5), new int[] { 2, 3, 3 }, ConvSpec.builder().build()).outChannels());
	}

	@Test
	void flipReversesEachKernelAndNormalizeScalesEachOutputChannel() {
		float[] w = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18 }; // two 3x3 kernels
		ConvPlan flipped = ConvPlan.of(Shape.of(1, 5, 5), Kernel.of(w, 2, 1, 3, 3), null, ConvSpec.builder().flip(true).build());
		assertArrayEquals(new float[] { 9, 8, 7, 6, 5, 4, 3, 2, 1, 18, 17, 16, 15, 14, 13, 12, 11, 10 }, flipped.weights());
		float[] even = { 1, 2, 3, 4 }; // a 2x2 kernel: every value moves
		ConvPlan flipped2 = ConvPlan.of(Shape.of(1, 5, 5), Kernel.of(even, 2, 2), null, ConvSpec.builder().flip(true).build());
		assertArrayEquals(new float[] { 4, 3, 2, 1 }, flipped2.weights());
		ConvPlan normalized = ConvPlan.of(Shape.of(1, 5, 5), Kernel.of(w, 2, 1, 3, 3), null, ConvSpec.builder().normalize(true).build());
		float[] n = normalized.weights();
		assertEquals(1 / 45f, n[0], 1e-7f);
		assertEquals(18 / 126f, n[17], 1e-7f);
		normalized.weights()[0] = 99; // a copy
		assertEquals(1 / 45f, normalized.weights()[0], 1e-7f);
	}

	@Test
	void plansPrintThemselvesAndCountTheirWork() {
		ConvPlan p = ConvPlan.of(Shape.of(3, 20, 30), Kernel.of(new float[2 * 3 * 3 * 5], 2, 3, 3, 5), new float[2],
			ConvSpec.builder().stride(2, 1).padding(Padding.of(2, 1)).dilation(1, 3).mode(PaddingMode.REFLECT).build());
		assertEquals("ConvPlan([3, 20, 30] -> [2, 16, 15], kernel 3x5, stride=2,1 padding=2,1 padding_mode=reflect dilation=1,3 groups=1)",
			p.toString());
		assertEquals("[2, 16, 15]", p.outputShapeString());
		assertArrayEquals(new int[] { 1, 20, 30 }, new int[] { p.inputDepth(), p.inputHeight(), p.inputWidth() });
		assertEquals(2L * 3 * 15 * 16 * 15, p.multiplyAdds());
		ConvPlan p3 = ConvPlan.of(Shape.of(1, 8, 9, 10), Kernel.of(new float[12], 2, 3, 2), null,
			ConvSpec.builder(3).stride(1, 2, 3).padding(Padding.of(1, 2, 3)).mode(PaddingMode.REPLICATE).build());
		assertEquals("ConvPlan([1, 8, 9, 10] -> [1, 5, 6, 11], kernel 2x3x2, stride=1,2,3 padding=1,2,3 padding_mode=replicate"
			+ " dilation=1 groups=1)", p3.toString());
		assertArrayEquals(new int[] { 8, 9, 10 }, new int[] { p3.inputDepth(), p3.inputHeight(), p3.inputWidth() });
		assertEquals(12L * 5 * 6 * 11, p3.multiplyAdds());
		// a product above 2^31: counted in long
		ConvPlan big = ConvPlan.of(Shape.of(64, 512, 512), Kernel.of(new float[64 * 64 * 9], 64, 64, 3, 3), null,
			ConvSpec.builder().padding(Padding.of(1)).build());
		assertEquals(64L * 64 * 9 * 512 * 512, big.multiplyAdds());
	}

	@Test
	void thePyTorchLinesWriteThePlanInPyTorchsOrder() {
		assertLines(ConvPlan.of(Shape.of(3, 20, 30), Kernel.of(new float[2 * 3 * 3 * 5], 2, 3, 3, 5), new float[2],
			ConvSpec.builder().stride(2, 1).padding(Padding.of(2, 1)).dilation(1, 3).mode(PaddingMode.REFLECT).build()),
			"nn.Conv2d(3, 2, kernel_size=(3, 5), stride=(1, 2), padding=(1, 2), dilation=(3, 1), groups=1, bias=True, padding_mode='reflect')");
		assertLines(ConvPlan.of(Shape.of(4, 20, 30), Kernel.of(new float[9], 3, 3), null,
			ConvSpec.builder().padding(Padding.of(1, 0, 2, 1)).mode(PaddingMode.CIRCULAR).flip(true).build()),
			"x = F.pad(x, (1, 0, 2, 1), mode='circular')",
			"nn.Conv2d(4, 4, kernel_size=(3, 3), stride=(1, 1), padding=0, dilation=(1, 1), groups=4, bias=False, padding_mode='zeros')"
				+ "  # with the weights rotated 180° (flip)");
		assertLines(ConvPlan.of(Shape.of(2, 8, 9, 10), Kernel.of(new float[4 * 27], 4, 1, 3, 3, 3), null,
			ConvSpec.builder(3).groups(2).padding(Padding.of(1, 1, 0, 0, 2, 2)).mode(PaddingMode.SYMMETRIC).build()),
			"x = np.pad(x, ((0, 0), (0, 0), (2, 2), (0, 0), (1, 1)), mode='symmetric')  # PyTorch has no symmetric mode",
			"nn.Conv3d(2, 4, kernel_size=(3, 3, 3), stride=(1, 1, 1), padding=0, dilation=(1, 1, 1), groups=2, bias=False,"
				+ " padding_mode='zeros')");
		assertLines(ConvPlan.of(Shape.of(1, 8, 9, 10), Kernel.of(new float[12], 2, 3, 2), new float[] { 1 },
			ConvSpec.builder(3).stride(1, 2, 3).padding(Padding.of(1, 2, 3)).mode(PaddingMode.REPLICATE).build()),
			"nn.Conv3d(1, 1, kernel_size=(2, 3, 2), stride=(3, 2, 1), padding=(3, 2, 1), dilation=(1, 1, 1), groups=1, bias=True,"
				+ " padding_mode='replicate')");
		assertLines(ConvPlan.of(Shape.of(1, 8, 9, 10), Kernel.of(new float[8], 2, 2, 2), null,
			ConvSpec.builder(3).padding(Padding.of(0, 1, 0, 1, 1, 0)).mode(PaddingMode.REFLECT).build()),
			"x = F.pad(x, (0, 1, 0, 1, 1, 0), mode='reflect')",
			"nn.Conv3d(1, 1, kernel_size=(2, 2, 2), stride=(1, 1, 1), padding=0, dilation=(1, 1, 1), groups=1, bias=False,"
				+ " padding_mode='zeros')");
		assertLines(ConvPlan.of(Shape.of(1, 9, 10), Kernel.of(new float[4], 2, 2), null, ConvSpec.builder().padding(Padding.same()).build()),
			"x = F.pad(x, (0, 1, 0, 1))",
			"nn.Conv2d(1, 1, kernel_size=(2, 2), stride=(1, 1), padding=0, dilation=(1, 1), groups=1, bias=False, padding_mode='zeros')");
		assertLines(ConvPlan.of(Shape.of(1, 9, 10), Kernel.of(new float[9], 3, 3), null, ConvSpec.builder().mode(PaddingMode.REFLECT).build()),
			"nn.Conv2d(1, 1, kernel_size=(3, 3), stride=(1, 1), padding=(0, 0), dilation=(1, 1), groups=1, bias=False, padding_mode='zeros')");
		assertLines(ConvPlan.of(Shape.of(1, 9, 10), Kernel.of(new float[9], 3, 3), null,
			ConvSpec.builder().padding(Padding.of(1)).mode(PaddingMode.SYMMETRIC).build()),
			"x = np.pad(x, ((0, 0), (0, 0), (1, 1), (1, 1)), mode='symmetric')  # PyTorch has no symmetric mode",
			"nn.Conv2d(1, 1, kernel_size=(3, 3), stride=(1, 1), padding=0, dilation=(1, 1), groups=1, bias=False, padding_mode='zeros')");
		assertLines(ConvPlan.of(Shape.of(1, 9, 10), Kernel.of(new float[9], 3, 3), null,
			ConvSpec.builder().padding(Padding.of(0, 2)).mode(PaddingMode.CIRCULAR).build()),
			"nn.Conv2d(1, 1, kernel_size=(3, 3), stride=(1, 1), padding=(2, 0), dilation=(1, 1), groups=1, bias=False,"
				+ " padding_mode='circular')");
	}

	private static void assertLines(ConvPlan plan, String... expected) {
		List<String> lines = PyTorchEquivalent.lines(plan);
		assertEquals(Arrays.asList(expected), lines, plan.toString());
	}

	private static ConvPlan plan(Shape input, int[] kernelShape, ConvSpec spec) {
		int n = 1;
		for (int s : kernelShape) n *= s;
		return ConvPlan.of(input, Kernel.of(new float[n], kernelShape), null, spec);
	}

	/** A shape holds up to a Java array's values exactly; one more, or a product past a long, is refused with the exact count. */
	@Test
	void shapesUpToTheArrayLimitAreAllowedAndProductsNeverWrap() {
		int max = (int) Shape.MAX_VALUES;
		assertEquals(max, Shape.of(max, 1, 1, 1).values());
		assertEquals(max, Shape.of(1, max, 1, 1).values());
		assertEquals(max, Shape.of(1, 1, max, 1).values());
		assertEquals(max, Shape.of(1, 1, 1, max).values());
		refused(() -> Shape.of(max + 1, 1, 1, 1), "has 2147483640 values, more than a Java array holds");
		refused(() -> Shape.of(1, max + 1, 1, 1), "has 2147483640 values");
		refused(() -> Shape.of(2, 1073741830, 12, 1073742830), "has 27670142189605893600 values");
		refused(() -> Shape.of(65536, 65536, 65536, 65536), "has 18446744073709551616 values");
	}

	private static void refused(Executable call, String message) {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
		assertTrue(e.getMessage().contains(message), e.getMessage());
	}
}
