package convkit.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.options.ConvOptions;
import convkit.options.OptionString;
import ij.ImagePlus;
import ij.ImageStack;
import ij.plugin.filter.Convolver;
import ij.process.ByteProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * {@code output_type=same}: 8- and 16-bit results equal ImageJ's own Convolve (normalize off, its
 * borders = replicate, odd kernels centred = padding=same) pixel for pixel with {@code convert=clamp};
 * {@code abs} and {@code rescale} on values worked out by hand; the float result is unchanged.
 */
class OutputTypeTest {

	/** Kernels with dyadic weights: every sum is exact in float and double, so no rounding tie can differ. */
	private static final String[] KERNELS = { "-1 -1 -1; -1 9 -1; -1 -1 -1", "0.0625 0.125 0.0625; 0.125 0.25 0.125; 0.0625 0.125 0.0625",
		"1 0 -1; 2 0 -2; 1 0 -1", "0.5 -0.25 0 0.125 1; -1 0.75 0.5 0 -0.5; 0 0 2.5 0 0; 0.25 1 -0.5 -0.125 0; 1 0 0.5 0 -1.5",
		"0.5 0.5 0.5 0.5 0.5 0.5 0.5" };

	private static ImagePlus random(int bits, int w, int h, long seed) {
		Random r = new Random(seed);
		ImageProcessor ip = bits == 8 ? new ByteProcessor(w, h) : new ShortProcessor(w, h);
		int max = bits == 8 ? 255 : 65535;
		for (int i = 0; i < w * h; i++) ip.set(i, r.nextInt(max + 1));
		return new ImagePlus(bits + "-bit", ip);
	}

	/** ImageJ's Process › Filters › Convolve on a copy of {@code imp}'s pixels, normalize off. */
	private static int[] imagejConvolve(ImagePlus imp, String kernel) {
		String[] rows = kernel.split(";");
		int kh = rows.length;
		int kw = rows[0].trim().split("\\s+").length;
		float[] k = new float[kw * kh];
		for (int y = 0; y < kh; y++) {
			String[] v = rows[y].trim().split("\\s+");
			for (int x = 0; x < kw; x++) k[y * kw + x] = Float.parseFloat(v[x]);
		}
		ImageProcessor ip = imp.getProcessor().duplicate();
		Convolver c = new Convolver();
		c.setNormalize(false);
		assertTrue(c.convolve(ip, k, kw, kh));
		int[] out = new int[ip.getPixelCount()];
		for (int i = 0; i < out.length; i++) out[i] = ip.get(i);
		return out;
	}

	private static int[] pixels(ImagePlus imp) {
		ImageProcessor ip = imp.getProcessor();
		int[] out = new int[ip.getPixelCount()];
		for (int i = 0; i < out.length; i++) out[i] = ip.get(i);
		return out;
	}

	@Test
	void clampEqualsImageJsConvolveOnEightAndSixteenBit() {
		for (int bits : new int[] { 8, 16 }) {
			for (int i = 0; i < KERNELS.length; i++) {
				ImagePlus imp = random(bits, 37, 29, 100 * bits + i);
				int[] before = pixels(imp);
				for (String method : new String[] { "direct", "fft", "auto" }) {
					ImagePlus out = ImageConvolution.process(imp, ConvOptions.from(OptionString.parse("kernel=[" + KERNELS[i]
						+ "] padding=same padding_mode=replicate output_type=same convert=clamp method=" + method))).image();
					assertEquals(bits, out.getBitDepth(), "the input's bit depth");
					assertArrayEquals(imagejConvolve(imp, KERNELS[i]), pixels(out), bits + "-bit, kernel " + i + ", " + method);
					assertTrue(((String) out.getProperty("Info")).contains("pixel type: " + bits + "-bit (convert=clamp)"));
				}
				assertArrayEquals(before, pixels(imp), "input unchanged");
			}
		}
	}

	@Test
	void absAndRescaleOnValuesWorkedOutByHand() {
		// 1x4 image 10 20 40 70 with kernel [-1 1] and no padding: 10, 20, 30; [1 -1]: -10, -20, -30
		ImagePlus imp = new ImagePlus("row", new ByteProcessor(4, 1, new byte[] { 10, 20, 40, 70 }));
		assertArrayEquals(new int[] { 0, 0, 0 }, pixels(run(imp, "kernel=[1 -1] output_type=same convert=clamp")));
		assertArrayEquals(new int[] { 10, 20, 30 }, pixels(run(imp, "kernel=[1 -1] output_type=same convert=abs")));
		// rescale: -10..-30 onto 0..255: -10 -> 255, -20 -> 127.5 -> 128, -30 -> 0
		assertArrayEquals(new int[] { 255, 128, 0 }, pixels(run(imp, "kernel=[1 -1] output_type=same convert=rescale")));
		float[] f = (float[]) run(imp, "kernel=[1 -1]").getProcessor().getPixels();
		assertArrayEquals(new float[] { -10, -20, -30 }, f, "output_type=float is the float result");
	}

	@Test
	void rescaleTakesTheRangeOfTheWholeStack() {
		ImageStack s = new ImageStack(2, 1);
		s.addSlice(new ShortProcessor(2, 1, new short[] { 0, 100 }, null));
		s.addSlice(new ShortProcessor(2, 1, new short[] { 300, 400 }, null));
		ImagePlus out = run(new ImagePlus("st", s), "kernel=[2] output_type=same convert=rescale");
		assertEquals(16, out.getBitDepth());
		// 0..800 onto 0..65535: 200 -> 16383.75 -> 16384, 600 -> 49151.25 -> 49151
		assertArrayEquals(new short[] { 0, 16384 }, (short[]) out.getStack().getPixels(1));
		assertArrayEquals(new short[] { (short) 49151, (short) 65535 }, (short[]) out.getStack().getPixels(2));
	}

	@Test
	void rgbGivesEightBitChannelsAndFloatInputsStayFloat() {
		ij.process.ColorProcessor cp = new ij.process.ColorProcessor(2, 1, new int[] { 0x0a1420, 0xff0000 });
		ImagePlus out = run(new ImagePlus("rgb", cp), "kernel=[2] output_type=same");
		assertEquals(8, out.getBitDepth());
		assertEquals(3, out.getNChannels());
		assertArrayEquals(new byte[] { 20, (byte) 255 }, (byte[]) out.getStack().getPixels(1), "red doubled, clamped");
		ImagePlus f = run(new ImagePlus("f", new ij.process.FloatProcessor(2, 1, new float[] { 0.25f, 300 })),
			"kernel=[2] output_type=same convert=clamp");
		assertEquals(32, f.getBitDepth());
		assertArrayEquals(new float[] { 0.5f, 600 }, (float[]) f.getProcessor().getPixels());
	}

	private static ImagePlus run(ImagePlus imp, String options) {
		return ImageConvolution.process(imp, ConvOptions.from(OptionString.parse(options))).image();
	}
}
