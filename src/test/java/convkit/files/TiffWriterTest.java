package convkit.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.geometry.SpatialCalibration;

import ij.CompositeImage;
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ConvKit's TIFF writer against a second writer, ImageJ's own: for the same planes, layout,
 * calibration, labels, Info and properties, the file ConvKit writes without ImageJ is the file
 * ImageJ's {@code FileSaver} writes, byte for byte — the streamed layout (planes first) holds the
 * same planes and tags; and a file past 4 GB is refused before a byte is written.
 */
class TiffWriterTest {

	@TempDir
	Path dir;

	/** One case: planes of {@code bits} bits, {@code c x z x t}, with or without calibration, labels, Info and properties. */
	private static final class Case {
		final int bits;
		final int c;
		final int z;
		final int t;
		final boolean calibrated;
		final boolean metadata;

		Case(int bits, int c, int z, int t, boolean calibrated, boolean metadata) {
			this.bits = bits;
			this.c = c;
			this.z = z;
			this.t = t;
			this.calibrated = calibrated;
			this.metadata = metadata;
		}

		@Override
		public String toString() {
			return bits + "-bit " + c + "x" + z + "x" + t + (calibrated ? " calibrated" : "") + (metadata ? " with metadata" : "");
		}
	}

	private static final int W = 7;
	private static final int H = 5;

	private static Object plane(int bits, Random r) {
		int n = W * H;
		if (bits == 8) {
			byte[] v = new byte[n];
			r.nextBytes(v);
			return v;
		}
		if (bits == 16) {
			short[] v = new short[n];
			for (int i = 0; i < n; i++) v[i] = (short) r.nextInt(65536);
			return v;
		}
		float[] v = new float[n];
		for (int i = 0; i < n; i++) v[i] = (float) (r.nextGaussian() * 100);
		v[3] = Float.NaN; // not in the display range
		return v;
	}

	private static ImageProcessor processor(Object p) {
		if (p instanceof byte[]) return new ByteProcessor(W, H, (byte[]) p);
		if (p instanceof short[]) return new ShortProcessor(W, H, (short[]) p, null);
		return new FloatProcessor(W, H, (float[]) p);
	}

	private static final SpatialCalibration CALIBRATION = SpatialCalibration.of(0.25, 0.5, 2, "\u00b5m", 3, -1.5, 2);

	/** Writes {@code k} with ImageJ's FileSaver and with ConvKit's writer; returns both files. */
	private Path[] writeBoth(Case k, boolean streamed) throws IOException {
		Random r = new Random(k.toString().hashCode());
		int n = k.c * k.z * k.t;
		List<Object> planes = new ArrayList<>();
		List<String> labels = new ArrayList<>();
		ImageStack stack = new ImageStack(W, H);
		for (int i = 0; i < n; i++) {
			Object p = plane(k.bits, r);
			planes.add(p);
			String label = k.metadata ? "c" + (i % k.c + 1) + " plane " + i : null;
			if (label != null) labels.add(label);
			stack.addSlice(label, processor(p));
		}
		ImagePlus imp = new ImagePlus("x", stack);
		imp.setDimensions(k.c, k.z, k.t);
		if (k.c > 1 || k.t > 1) imp.setOpenAsHyperStack(true);
		if (k.c > 1) imp = new CompositeImage(imp, CompositeImage.COMPOSITE);
		double[] range = TiffWriter.displayRange(planes.get(0));
		imp.setPosition(1, 1, 1);
		if (k.bits != 8) imp.getProcessor().setMinAndMax(range[0], range[1]);
		if (k.c > 1) imp.setDisplayRange(range[0], range[1]);
		SpatialCalibration cal = k.calibrated ? CALIBRATION : SpatialCalibration.NONE;
		if (k.calibrated) {
			Calibration c = imp.getCalibration();
			c.pixelWidth = cal.pixelWidth();
			c.pixelHeight = cal.pixelHeight();
			c.pixelDepth = cal.pixelDepth();
			c.setUnit(cal.unit());
			c.xOrigin = cal.xOrigin();
			c.yOrigin = cal.yOrigin();
			c.zOrigin = cal.zOrigin();
		}
		Map<String, String> props = new LinkedHashMap<>();
		String info = null;
		if (k.metadata) {
			info = "ConvKit Conv2D\nsource: x.tif\n";
			imp.setProperty("Info", info);
			props.put("ConvKit.layers", "1");
			props.put("ConvKit.rf.x", "3");
			for (Map.Entry<String, String> e : props.entrySet()) imp.setProp(e.getKey(), e.getValue());
		}
		Path ij = dir.resolve(k + " ij.tif");
		assertTrue(new FileSaver(imp).saveAsTiff(ij.toString()), k.toString());
		TiffWriter w = new TiffWriter(W, H, k.c, k.z, k.t, k.bits, n, range, labels, cal, info, props);
		Path own = dir.resolve(k + (streamed ? " streamed.tif" : " own.tif"));
		if (streamed) {
			try (java.io.DataOutputStream out = new java.io.DataOutputStream(Files.newOutputStream(own))) {
				TiffWriter.writeStreamedHeader(out);
				for (Object p : planes) TiffWriter.writePlane(out, p);
				out.flush();
				assertEquals(w.trailerAt(), Files.size(own), "the planes end where the directories start");
				w.writeTrailer(out);
			}
			try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(own, java.nio.file.StandardOpenOption.WRITE)) {
				java.nio.ByteBuffer at = java.nio.ByteBuffer.allocate(4).putInt((int) w.trailerAt());
				at.flip();
				ch.write(at, 4);
			}
		}
		else {
			try (OutputStream os = Files.newOutputStream(own)) {
				w.write(os, planes);
			}
		}
		assertEquals(w.size(), Files.size(own), k + ": the size the writer predicts");
		return new Path[] { ij, own };
	}

	private static final Case[] CASES = { new Case(8, 1, 1, 1, false, false), new Case(16, 1, 4, 1, true, false),
		new Case(32, 2, 3, 2, true, true), new Case(16, 3, 1, 1, false, true), new Case(8, 1, 1, 3, false, true),
		new Case(32, 1, 1, 1, true, true) };

	private static Map<String, String> description(Path file) throws IOException {
		Map<String, String> d = new java.util.TreeMap<>(TiffDirectories.read(file).description);
		d.remove("ImageJ");
		return d;
	}

	@Test
	void writesTheDescriptionImageJWrites() throws IOException {
		for (Case k : CASES) {
			Path[] f = writeBoth(k, false);
			Map<String, String> expected = description(f[0]);
			// where ConvKit's description says more than ImageJ's, and ImageJ reads both alike:
			// every file states its images (ImageJ leaves them out for one), a stack of channels or frames is a hyperstack
			if (k.c * k.z * k.t == 1) {
				expected.put("images", "1");
				expected.put("loop", "false");
			}
			if (k.c > 1 || k.t > 1) expected.put("hyperstack", "true");
			assertEquals(expected, description(f[1]), k.toString());
		}
	}

	@Test
	void theStreamedLayoutHoldsWhatImageJReads() throws IOException {
		for (Case k : CASES) for (boolean streamed : new boolean[] { false, true }) {
			Path[] f = writeBoth(k, streamed);
			ImagePlus a = new ij.io.Opener().openImage(f[0].toString());
			ImagePlus b = new ij.io.Opener().openImage(f[1].toString());
			assertArrayEquals(a.getDimensions(), b.getDimensions(), k.toString());
			assertEquals(a.getBitDepth(), b.getBitDepth());
			for (int i = 1; i <= a.getStackSize(); i++) {
				String label = a.getStack().getSliceLabel(i); // a single image's holds its title and Info
				assertEquals(label == null ? null : label.replace(f[0].getFileName().toString(), f[1].getFileName().toString()),
					b.getStack().getSliceLabel(i));
				assertEquals(a.getStack().getProcessor(i).getPixelCount(), b.getStack().getProcessor(i).getPixelCount());
				for (int j = 0; j < W * H; j++) {
					assertEquals(Float.floatToIntBits(a.getStack().getProcessor(i).getf(j)), Float.floatToIntBits(b.getStack().getProcessor(i)
						.getf(j)), k + ", plane " + i);
				}
			}
			assertEquals(a.getCalibration().toString(), b.getCalibration().toString());
			assertEquals(a.getDisplayRangeMin(), b.getDisplayRangeMin());
			assertEquals(a.getDisplayRangeMax(), b.getDisplayRangeMax());
			String info = a.getInfoProperty();
			assertEquals(info == null ? null : info.replace(f[0].getFileName().toString(), f[1].getFileName().toString()), b.getInfoProperty());
			assertEquals(k.metadata, info != null && info.contains("source: x.tif"), k.toString());
			assertEquals(java.util.Arrays.toString(a.getPropertiesAsArray()), java.util.Arrays.toString(b.getPropertiesAsArray()));
			assertEquals(a.isComposite(), b.isComposite());
		}
	}

	@Test
	void aFilePastFourGigabytesIsRefusedBeforeAnythingIsWritten() {
		// 40000 x 30000 floats: 4.8 GB
		TiffWriter big = new TiffWriter(40000, 30000, 1, 1, 1, 32, 1, new double[] { 0, 0 }, List.of(), SpatialCalibration.NONE, null,
			Map.of());
		OutputStream none = new OutputStream() {
			@Override
			public void write(int b) {
				throw new AssertionError("nothing may be written");
			}
		};
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> big.write(none, List.of(new float[0])));
		assertEquals("the result would be a TIFF of 4577 MB, more than the 4 GB a classic TIFF holds; convolve the stack in parts"
			+ " (substacks), use a stride, or write 8/16-bit (output_type=same), or write .npy", e.getMessage());
		// 16-bit: no hint to write 16-bit
		TiffWriter big16 = new TiffWriter(50000, 50000, 1, 1, 1, 16, 1, new double[] { 0, 0 }, List.of(), SpatialCalibration.NONE, null,
			Map.of());
		e = assertThrows(IllegalArgumentException.class, big16::checkSize);
		assertEquals("the result would be a TIFF of 4768 MB, more than the 4 GB a classic TIFF holds; convolve the stack in parts"
			+ " (substacks), use a stride, or write .npy", e.getMessage());
		TiffWriter.checkSize(0xffffffffL, 32); // exactly 4 GB - 1: allowed
		assertThrows(IllegalArgumentException.class, () -> TiffWriter.checkSize(0x100000000L, 32));
		e = assertThrows(IllegalArgumentException.class, () -> new TiffWriter(W, H, 2, 2, 1, 8, 3, new double[] { 0, 0 }, List.of(),
			SpatialCalibration.NONE, null, Map.of()));
		assertEquals("3 planes do not make 2 x 2 x 1", e.getMessage());
	}

	@Test
	void theDisplayRangeIsTheFiniteValuesRange() {
		assertArrayEquals(new double[] { -2, 7.5 }, TiffWriter.displayRange(new float[] { 3, Float.NaN, -2, 7.5f, Float.NEGATIVE_INFINITY }));
		assertArrayEquals(new double[] { 1, 65535 }, TiffWriter.displayRange(new short[] { 1, (short) 65535, 300 }));
		assertArrayEquals(new double[] { 0, 0 }, TiffWriter.displayRange(new float[] { Float.NaN }));
		assertArrayEquals(new double[] { 0, 0 }, TiffWriter.displayRange(new byte[] { 5, 9 }));
		assertArrayEquals(new double[] { 4, 4 }, TiffWriter.displayRange(new float[] { 4 }));
	}
}
