package convkit.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.engine.Execution;
import convkit.engine.Tensor;
import convkit.options.ChannelMapping;
import convkit.options.ConvOptions;
import convkit.options.OptionString;
import convkit.testing.Reference;
import convkit.testing.Tolerance;
import ij.CompositeImage;
import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.Roi;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

import java.awt.Rectangle;
import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.Test;

/**
 * ImageConvolution without any window, Conv2D and Conv3D: results against hand-computed values
 * and the independent reference, the adapter's reading (8/16-bit unsigned, RGB as R, G, B),
 * calibration worked out by hand, cancellation, the memory refusal, and an input left untouched.
 */
class ImageConvolutionTest {

	private static ConvOptions options(String text) {
		return ConvOptions.from(OptionString.parse(text));
	}

	private static ConvOptions options3d(String text) {
		return ConvOptions.from(OptionString.parse(text), 3);
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
		imp.getCalibration().xOrigin = 3;
		float[] before = ((float[]) imp.getProcessor().getPixels()).clone();
		ImageConvolution.Result r = ImageConvolution.process(imp, options("kernel=[1 1; 1 1] stride=2"));
		ImagePlus out = r.image();
		assertEquals("ramp-conv", out.getTitle());
		assertEquals(2, out.getWidth()); // floor((5 - 2)/2) + 1
		assertEquals(2, out.getHeight());
		// window at (1,1): 9 + 10 + 17 + 18
		assertEquals(54f, out.getProcessor().getf(0, 0));
		assertEquals(4.0, out.getCalibration().pixelWidth, 0); // 2 x stride 2
		// output pixel 0 lies over input x = 1 (the selection) + 0.5 (the 2-wide kernel's centre): origin (3 - 1.5) / 2
		assertEquals(0.75, out.getCalibration().xOrigin, 1e-12);
		assertArrayEquals(before, (float[]) imp.getProcessor().getPixels());
		assertEquals(2.0, imp.getCalibration().pixelWidth, 0);
		assertEquals(3.0, imp.getCalibration().xOrigin, 0);
		assertEquals(1, imp.getRoi().getBounds().x);
		assertTrue(((String) out.getProperty("Info")).contains("kernel=[1 1; 1 1]"));
		assertTrue(((String) out.getProperty("Info")).contains("PyTorch: nn.Conv2d(1, 1, kernel_size=(2, 2), stride=(2, 2)"));
		assertEquals("direct (" + convkit.engine.SimdPath.label() + ")", r.report().method());
	}

	@Test
	void cancellationLeavesNoImage() {
		assertThrows(CancellationException.class, () -> ImageConvolution.process(ramp(), options("kernel=box(3)"),
			Execution.defaults().withCancellation(() -> true)));
	}

	@Test
	void anOutputThatCannotFitIsRefusedWithTheNumbers() {
		ImagePlus big = new ImagePlus("big", new FloatProcessor(2000, 2000));
		// 500 output channels of 2000 x 2000 floats: 8 GB, where the tests have 512 MB
		String weights = "[" + "[[[1]]], ".repeat(499) + "[[[1]]]]"; // [500, 1, 1, 1]
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageConvolution.process(big,
			options("kernel=[" + weights + "]")));
		assertTrue(e.getMessage().contains("the output [500, 2000, 2000] (32-bit float) needs about 7630 MB to keep")
			&& e.getMessage().contains("Edit > Options > Memory & Threads"), e.getMessage());
		// one position larger than a Java array is refused with its shape
		String more = "[" + "[[[1]]], ".repeat(599) + "[[[1]]]]";
		e = assertThrows(IllegalArgumentException.class, () -> ImageConvolution.process(big, options("kernel=[" + more + "]")));
		assertTrue(e.getMessage().contains("shape [600, 2000, 2000] has 2400000000 values"), e.getMessage());
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
		Rectangle region = new Rectangle(2, 1, 4, 3);
		ImageProcessor[] ips = { new ShortProcessor(7, 5, s16, null), new ByteProcessor(7, 5, s8), new FloatProcessor(7, 5, s32) };
		float[][] expected = new float[3][12];
		for (int y = 0; y < 3; y++) {
			for (int x = 0; x < 4; x++) {
				int i = (1 + y) * 7 + 2 + x;
				expected[0][y * 4 + x] = 40000 + 500 * i;
				expected[1][y * 4 + x] = 200 + i;
				expected[2][y * 4 + x] = -1.5f * i;
			}
		}
		for (int k = 0; k < 3; k++) {
			Tensor t = ImageTensors.toTensor(new ImagePlus("x", ips[k]), ChannelMapping.AUTO, region, 1, 1);
			assertArrayEquals(new int[] { 1, 3, 4 }, new int[] { t.channels(), t.height(), t.width() });
			assertArrayEquals(expected[k], t.toArray(), ips[k].getClass().getSimpleName());
		}
	}

	@Test
	void rgbIsThreeChannelsRedGreenBlue() {
		ColorProcessor cp = new ColorProcessor(2, 1);
		cp.set(0, 0, (10 << 16) | (20 << 8) | 30);
		cp.set(1, 0, (250 << 16) | (1 << 8) | 128);
		Tensor t = ImageTensors.toTensor(new ImagePlus("rgb", cp), ChannelMapping.AUTO, null, 1, 1);
		assertArrayEquals(new float[] { 10, 250, 20, 1, 30, 128 }, t.toArray());
		// weights 1, 10, 100 for R, G, B: 10 + 200 + 3000 and 250 + 10 + 12800
		ImagePlus out = ImageConvolution.process(new ImagePlus("rgb", cp), options("kernel=[[[[1]], [[10]], [[100]]]]")).image();
		assertArrayEquals(new float[] { 3210, 13060 }, (float[]) out.getProcessor().getPixels());
	}

	@Test
	void aStackGivesEachPlaneItsOwnConvolution() {
		ImageStack stack = new ImageStack(9, 7);
		for (int z = 0; z < 5; z++) {
			short[] px = new short[9 * 7];
			for (int i = 0; i < px.length; i++) px[i] = (short) (1000 * z + 37 * i % 500);
			stack.addSlice(new ShortProcessor(9, 7, px, null));
		}
		ImagePlus imp = new ImagePlus("planes", stack);
		ImagePlus out = ImageConvolution.process(imp, options("kernel=[1 2 0; -1 3 1; 0 1 -2] bias=[0.5] stride=2 padding=same"
			+ " padding_mode=reflect")).image();
		assertEquals(5, out.getStackSize());
		for (int z = 1; z <= 5; z++) {
			Reference.Case c = new Reference.Case();
			c.channels = 1;
			c.outChannels = 1;
			c.height = 7;
			c.width = 9;
			c.input = new float[63];
			for (int i = 0; i < 63; i++) c.input[i] = 1000 * (z - 1) + 37 * i % 500;
			c.kh = 3;
			c.kw = 3;
			c.weights = new float[] { 1, 2, 0, -1, 3, 1, 0, 1, -2 };
			c.bias = new float[] { 0.5f };
			c.stride = new int[] { 2, 2, 1 };
			c.same = true;
			c.mode = "reflect";
			Tolerance.assertClose(Reference.conv(c), (float[]) out.getStack().getPixels(z), 1e-5, "slice " + z);
		}
	}

	/** A 2-channel hyperstack, 4 slices, 3 frames of 6 x 5; value = 1000 c + 100 z + 10 t + x + 2 y. */
	private static ImagePlus hyperstack() {
		ImageStack stack = new ImageStack(6, 5);
		for (int t = 0; t < 3; t++) {
			for (int z = 0; z < 4; z++) {
				for (int c = 0; c < 2; c++) {
					float[] v = new float[30];
					for (int i = 0; i < 30; i++) v[i] = 1000 * c + 100 * z + 10 * t + i % 6 + 2 * (i / 6);
					stack.addSlice(new FloatProcessor(6, 5, v));
				}
			}
		}
		ImagePlus imp = new CompositeImage(new ImagePlus("hs", stack), CompositeImage.COMPOSITE);
		imp.setDimensions(2, 4, 3);
		imp.setOpenAsHyperStack(true);
		imp.getCalibration().pixelWidth = 0.5;
		imp.getCalibration().pixelDepth = 3;
		imp.getCalibration().zOrigin = 6;
		return imp;
	}

	@Test
	void conv3dTakesSlicesAsDepthAndFramesOneByOne() {
		ImagePlus imp = hyperstack();
		// [C_out 1, C_in 2, kD 3, 1, 1]: channel 0 at z+1 minus channel 1 at z-1 (dilation 2 along z), valid along z
		ImageConvolution.Result r = ImageConvolution.process(imp, options3d("kernel=[[[[[[1]], [[0]], [[0]]], [[[0]], [[0]], [[-1]]]]]]"
			+ " dilation=1,1,1 padding=0"));
		ImagePlus out = r.image();
		assertEquals(1, out.getNChannels());
		assertEquals(2, out.getNSlices()); // 4 - 3 + 1
		assertEquals(3, out.getNFrames());
		for (int t = 1; t <= 3; t++) {
			for (int z = 1; z <= 2; z++) {
				// channel 0 at input slice z-1 (0-based), channel 1 at slice z+1: (100(z-1) + 10(t-1) + v) - (1000 + 100(z+1) + 10(t-1) + v)
				float got = out.getStack().getProcessor(out.getStackIndex(1, z, t)).getf(4, 3);
				assertEquals(-1200f, got, "z" + z + " t" + t);
			}
		}
		// z: pixel depth 3 x jump 1; output slice 0 lies over input slice 1 (the 3-deep kernel's centre): (6 - 1) / 1
		assertEquals(3.0, out.getCalibration().pixelDepth, 0);
		assertEquals(5.0, out.getCalibration().zOrigin, 1e-12);
		assertEquals(0.5, out.getCalibration().pixelWidth, 0);
		assertEquals("3", out.getProp("ConvKit.rf.z"));
		assertEquals("1.0", out.getProp("ConvKit.start.z"));
		assertTrue(((String) out.getProperty("Info")).contains("nn.Conv3d(2, 1, kernel_size=(3, 1, 1)"), (String) out.getProperty("Info"));
		assertEquals("[2, 4, 5, 6]", r.report().plan().inputShape().toString());
	}

	@Test
	void conv3dOnAStridedSelectionCalibratesEveryAxis() {
		ImagePlus imp = hyperstack();
		imp.setRoi(new Roi(1, 2, 5, 3));
		ImagePlus out = ImageConvolution.process(imp, options3d("kernel=[box3d(3)] stride=2,1,2 padding=1")).image();
		// x: n 5, k 3, s 2, p 1 -> 3; y: n 3, s 1 -> 3; z: n 4, s 2, p 1 -> 2; C_out = C_in = 2 (a kernel without channels)
		assertEquals(3, out.getWidth());
		assertEquals(3, out.getHeight());
		assertEquals(2, out.getNSlices());
		assertEquals(2, out.getNChannels());
		assertEquals(1.0, out.getCalibration().pixelWidth, 0); // 0.5 x 2
		assertEquals(6.0, out.getCalibration().pixelDepth, 0); // 3 x 2
		// start x = 1 (selection) + 1 - 1 = 1: origin (0 - 1)/2; z: start 0, origin (6 - 0)/2
		assertEquals(-0.5, out.getCalibration().xOrigin, 1e-12);
		assertEquals(3.0, out.getCalibration().zOrigin, 1e-12);
		// the mean of the 3x3x3 window at output (1, 1, z 0, channel 0, frame 1): input x 2..4, y 3..5 → padding below, z -1..1
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageConvolution.process(imp,
			options3d("kernel=[box3d(3)] channels=slices")));
		assertTrue(e.getMessage().contains("channels=slices is for Conv2D"), e.getMessage());
	}
}
