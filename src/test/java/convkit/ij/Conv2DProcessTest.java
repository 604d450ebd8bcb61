package convkit.ij;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.engine.Execution;
import convkit.options.ConvOptions;
import convkit.options.OptionString;
import ij.ImagePlus;
import ij.gui.Roi;
import ij.process.FloatProcessor;

import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.Test;

/** Conv2D.process without any window: results, cancellation, memory refusal, untouched input. */
class Conv2DProcessTest {

	private static ConvOptions options(String text) {
		return ConvOptions.from(OptionString.parse(text));
	}

	private static ImagePlus ramp() {
		float[] v = new float[8 * 6];
		for (int i = 0; i < v.length; i++) v[i] = i;
		ImagePlus imp = new ImagePlus("ramp.tif", new FloatProcessor(8, 6, v));
		imp.getCalibration().pixelWidth = 2;
		return imp;
	}

	@Test
	void resultIsANewCalibratedImageAndTheInputIsUntouched() {
		ImagePlus imp = ramp();
		imp.setRoi(new Roi(1, 1, 5, 4));
		float[] before = ((float[]) imp.getProcessor().getPixels()).clone();
		Conv2D.Result r = Conv2D.process(imp, options("kernel=[1 1; 1 1] stride=2"));
		ImagePlus out = r.image();
		assertEquals("ramp-conv", out.getTitle());
		assertEquals(2, out.getWidth()); // floor((5 - 2)/2) + 1
		assertEquals(2, out.getHeight());
		// window at (1,1): 9 + 10 + 17 + 18
		assertEquals(54f, out.getProcessor().getf(0, 0));
		assertEquals(4.0, out.getCalibration().pixelWidth, 0);
		assertArrayEquals(before, (float[]) imp.getProcessor().getPixels());
		assertEquals(2.0, imp.getCalibration().pixelWidth, 0);
		assertEquals(1, imp.getRoi().getBounds().x);
		assertTrue(((String) out.getProperty("Info")).contains("kernel=[1 1; 1 1]"));
	}

	@Test
	void cancellationLeavesNoImage() {
		assertThrows(CancellationException.class, () -> Conv2D.process(ramp(), options("kernel=box(3)"),
			Execution.defaults().withCancellation(() -> true)));
	}

	@Test
	void anOutputThatCannotFitIsRefusedWithTheNumbers() {
		ImagePlus big = new ImagePlus("big", new FloatProcessor(2000, 2000));
		// 40000 output channels of 2000 x 2000 floats: 640 GB
		String weights = "[" + "[[[1]]], ".repeat(39999) + "[[[1]]]]"; // [40000, 1, 1, 1]
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Conv2D.process(big,
			options("kernel=[" + weights + "]")));
		assertTrue(e.getMessage().contains("the output needs about") && e.getMessage().contains("40000 channels"),
			e.getMessage());
	}

	@Test
	void eightAndSixteenBitValuesAreReadUnsignedFromTheSelectedRegion() {
		short[] s16 = new short[7 * 5];
		byte[] s8 = new byte[7 * 5];
		float[] s32 = new float[7 * 5];
		for (int i = 0; i < s16.length; i++) {
			s16[i] = (short) (40000 + 500 * i); // above 32767: negative as Java shorts
			s8[i] = (byte) (200 + i);
			s32[i] = -1.5f * i;
		}
		java.awt.Rectangle region = new java.awt.Rectangle(2, 1, 4, 3);
		ij.process.ImageProcessor[] ips = { new ij.process.ShortProcessor(7, 5, s16, null),
			new ij.process.ByteProcessor(7, 5, s8), new FloatProcessor(7, 5, s32) };
		for (ij.process.ImageProcessor ip : ips) {
			convkit.engine.Tensor t = ImageTensors.toTensor(new ImagePlus("x", ip), convkit.options.ChannelMapping.AUTO, region, 1,
				1);
			assertArrayEquals(new int[] { 1, 3, 4 }, new int[] { t.channels(), t.height(), t.width() });
			for (int y = 0; y < 3; y++) {
				for (int x = 0; x < 4; x++) {
					assertEquals(ip.getf(region.x + x, region.y + y), t.get(0, y, x), ip.getClass().getSimpleName());
				}
			}
		}
	}

	@Test
	void aStackRunInBatchesGivesEachPlaneItsOwnConvolution() {
		ij.ImageStack stack = new ij.ImageStack(9, 7);
		for (int z = 0; z < 5; z++) {
			short[] px = new short[9 * 7];
			for (int i = 0; i < px.length; i++) px[i] = (short) (1000 * z + 37 * i % 500);
			stack.addSlice(new ij.process.ShortProcessor(9, 7, px, null));
		}
		ImagePlus imp = new ImagePlus("planes", stack);
		ConvOptions o = options("kernel=[1 2 0; -1 3 1; 0 1 -2] bias=[0.5] stride=2 padding=same padding_mode=reflect");
		ImagePlus out = Conv2D.process(imp, o).image();
		assertEquals(5, out.getStackSize());
		for (int z = 1; z <= 5; z++) {
			convkit.engine.Tensor in = ImageTensors.toTensor(imp, convkit.options.ChannelMapping.AUTO, null, z, 1);
			convkit.engine.ConvPlan plan = convkit.engine.ConvPlan.of(1, 7, 9, o.kernel(ImageKernels::byTitle), o.bias(), o.spec());
			float[] alone = convkit.engine.Conv2d.run(plan, in).toArray();
			assertArrayEquals(alone, (float[]) out.getStack().getPixels(z), 1e-3f, "slice " + z);
		}
	}
}
