package convkit.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.engine.Execution;
import convkit.engine.Method;
import convkit.engine.Tensor;
import convkit.io.KernelSource;
import convkit.options.ChannelMapping;
import convkit.options.ConvOptions;
import convkit.options.OptionString;
import convkit.run.ConvJob;
import convkit.run.ConvRunner;
import convkit.run.MemoryBudget;
import convkit.run.PositionSource;
import ij.CompositeImage;
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.io.Opener;
import ij.measure.Calibration;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ShortProcessor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Random;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files read and written without ImageJ ({@link TiffReader}, {@link TiffWriter}) against ImageJ
 * itself: the same tensors from the same files, and outputs that ImageJ opens with the same
 * pixels, bit depth, layout, calibration, Info and {@code ConvKit.*} properties as the file
 * ImageJ writes for the same run.
 */
class PlainTiffTest {

	@TempDir
	Path dir;

	Path save(ImagePlus imp, String name) {
		Path p = dir.resolve(name);
		assertTrue(new FileSaver(imp).saveAsTiff(p.toString()));
		return p;
	}

	/** A 16-bit hyperstack: 2 channels, 3 slices, 2 frames, calibrated with an origin. */
	Path hyperstack() {
		Random r = new Random(3);
		ImageStack s = new ImageStack(9, 7);
		for (int i = 0; i < 12; i++) {
			short[] v = new short[63];
			for (int k = 0; k < v.length; k++) v[k] = (short) r.nextInt(65536);
			s.addSlice("s" + i, new ShortProcessor(9, 7, v, null));
		}
		ImagePlus imp = new ImagePlus("hs", s);
		imp.setDimensions(2, 3, 2);
		imp.setOpenAsHyperStack(true);
		imp = new CompositeImage(imp, CompositeImage.COMPOSITE);
		Calibration c = imp.getCalibration();
		c.pixelWidth = 0.65;
		c.pixelHeight = 0.5;
		c.pixelDepth = 2;
		c.setUnit("\u00b5m");
		c.xOrigin = 3;
		c.yOrigin = -2;
		return save(imp, "hs.tif");
	}

	private static void assertSameTensors(PositionSource a, PositionSource b) throws IOException {
		assertEquals(a.shape(), b.shape());
		assertEquals(a.positions(), b.positions());
		assertEquals(a.bitDepth(), b.bitDepth());
		assertArrayEquals(a.imageSize(), b.imageSize());
		for (int p = 0; p < a.positions(); p++) assertArrayEquals(a.read(p).toArray(), b.read(p).toArray(), "position " + p);
	}

	@Test
	void readsWhatImageJReadsFromImageJsFiles() throws IOException {
		Path hs = hyperstack();
		for (int rank : new int[] { 2, 3 }) {
			assertSameTensors(FileSource.open(hs, ChannelMapping.AUTO, rank, true), FileSource.open(hs, ChannelMapping.AUTO, rank, false));
		}
		Path cells = Paths.get("samples", "cells.tif");
		assertSameTensors(FileSource.open(cells, ChannelMapping.AUTO, 2, true), FileSource.open(cells, ChannelMapping.AUTO, 2, false));
		ColorProcessor cp = new ColorProcessor(5, 4);
		for (int i = 0; i < 20; i++) cp.set(i, (i * 40503) & 0xffffff);
		Path rgb = save(new ImagePlus("rgb", cp), "rgb.tif");
		PositionSource plain = FileSource.open(rgb, ChannelMapping.AUTO, 2, false);
		assertSameTensors(FileSource.open(rgb, ChannelMapping.AUTO, 2, true), plain);
		assertEquals("RGB", plain.pixelType());
		ImageStack st = new ImageStack(4, 3);
		for (int i = 0; i < 3; i++) st.addSlice(new FloatProcessor(4, 3, new float[] { i, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11.5f }));
		Path stack = save(new ImagePlus("st", st), "st.tif");
		assertSameTensors(FileSource.open(stack, ChannelMapping.SLICES, 2, true), FileSource.open(stack, ChannelMapping.SLICES, 2, false));
	}

	/** Runs {@code options} on {@code in} into {@code out} through ImageJ or not. */
	private void conv(Path in, Path out, String options, int rank, boolean withImageJ) throws IOException {
		ConvOptions o = ConvOptions.from(OptionString.parse(options), rank);
		ConvJob job = ConvJob.of(o.kernel(KernelSource.NO_IMAGES), o.bias(), o.spec(), Method.AUTO, o.output(), o.toOptionString());
		PositionSource source = FileSource.open(in, o.channels(), rank, withImageJ);
		FileSink sink = withImageJ ? new ImageJTiffSink(out, out.toAbsolutePath().getParent(), source) : FileSinks.to(out, source);
		new ConvRunner(job, MemoryBudget.jvm("more memory")).run(source, sink, Execution.defaults(), 1);
	}

	static void assertSameImage(Path expected, Path got) {
		assertSameImage(expected, got, java.util.Collections.emptySet());
	}

	/** As {@link #assertSameImage(Path, Path)}, leaving out the properties {@code ignored} (e.g. the ID of the image an output came from). */
	static void assertSameImage(Path expected, Path got, java.util.Set<String> ignored) {
		ImagePlus e = new Opener().openImage(expected.toString());
		ImagePlus g = new Opener().openImage(got.toString());
		assertArrayEquals(e.getDimensions(), g.getDimensions(), "w, h, c, z, t");
		assertEquals(e.getBitDepth(), g.getBitDepth());
		for (int i = 1; i <= e.getStackSize(); i++) {
			Object a = e.getStack().getPixels(i);
			Object b = g.getStack().getPixels(i);
			if (a instanceof float[]) assertArrayEquals((float[]) a, (float[]) b, "plane " + i);
			else if (a instanceof short[]) assertArrayEquals((short[]) a, (short[]) b, "plane " + i);
			else assertArrayEquals((byte[]) a, (byte[]) b, "plane " + i);
			assertEquals(e.getStack().getSliceLabel(i), g.getStack().getSliceLabel(i));
		}
		Calibration ce = e.getCalibration();
		Calibration cg = g.getCalibration();
		assertEquals(ce.getUnit(), cg.getUnit());
		assertEquals(ce.pixelWidth, cg.pixelWidth, 1e-6);
		assertEquals(ce.pixelHeight, cg.pixelHeight, 1e-6);
		assertEquals(ce.pixelDepth, cg.pixelDepth, 1e-9);
		assertEquals(ce.xOrigin, cg.xOrigin, 1e-9);
		assertEquals(ce.yOrigin, cg.yOrigin, 1e-9);
		assertEquals(ce.zOrigin, cg.zOrigin, 1e-9);
		assertEquals(e.getInfoProperty(), g.getInfoProperty());
		String[] props = e.getPropertiesAsArray();
		assertTrue(props != null && props.length > 10, "ConvKit.* properties");
		for (int i = 0; i < props.length; i += 2) {
			if (!ignored.contains(props[i])) assertEquals(props[i + 1], g.getProp(props[i]), props[i]);
		}
		assertEquals(e.isComposite(), g.isComposite());
	}

	@Test
	void writesTheFileImageJWritesForTheSameRun() throws IOException {
		Path hs = hyperstack();
		String[][] runs = { { "kernel=[1 2; 3 -4] stride=2,1 padding=same padding_mode=reflect", "2" },
			{ "kernel=[sobel_x] padding=1 output_type=same convert=abs", "2" },
			{ "kernel=[box3d(3)] stride=1,1,2 padding=same_lower padding_mode=constant value=100", "3" } };
		Path ij = Files.createDirectories(dir.resolve("ij"));
		Path plain = Files.createDirectories(dir.resolve("plain"));
		for (int i = 0; i < runs.length; i++) { // the same names in two folders: the names are in the Info
			int rank = Integer.parseInt(runs[i][1]);
			Path a = ij.resolve("run" + i + ".tif");
			Path b = plain.resolve("run" + i + ".tif");
			conv(hs, a, runs[i][0], rank, true);
			conv(hs, b, runs[i][0], rank, false);
			assertSameImage(a, b);
			// read back without ImageJ too: the output's geometry composes with a second run
			Path a2 = ij.resolve("run" + i + "b.tif");
			Path b2 = plain.resolve("run" + i + "b.tif");
			conv(a, a2, "kernel=[box(3)] stride=2", 2, true);
			conv(b, b2, "kernel=[box(3)] stride=2", 2, false);
			assertSameImage(a2, b2);
		}
		ImagePlus sixteen = new Opener().openImage(plain.resolve("run1.tif").toString());
		assertEquals(16, sixteen.getBitDepth());
		assertTrue(sixteen.getProp("ConvKit.rf.x") != null && sixteen.getProp("ConvKit.jump.x") != null
			&& sixteen.getProp("ConvKit.start.x") != null);
	}

	@Test
	void readsCompressedTiffsAndRefusesWhatItCannotRead() throws IOException {
		float[] v = new float[30];
		for (int i = 0; i < v.length; i++) v[i] = (i * 7919) % 251;
		ShortProcessor sp = new ShortProcessor(6, 5);
		for (int i = 0; i < 30; i++) sp.set(i, (int) v[i] * 200);
		Path lzw = dir.resolve("lzw.tif");
		ImageWriter w = ImageIO.getImageWritersByFormatName("tif").next();
		try (ImageOutputStream os = ImageIO.createImageOutputStream(lzw.toFile())) {
			w.setOutput(os);
			ImageWriteParam p = w.getDefaultWriteParam();
			p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
			p.setCompressionType("LZW");
			w.write(null, new IIOImage(sp.get16BitBufferedImage(), null, null), p);
		}
		finally {
			w.dispose();
		}
		PositionSource s = FileSource.open(lzw, ChannelMapping.AUTO, 2, false);
		assertEquals(16, s.bitDepth());
		float[] got = s.read(0).toArray();
		for (int i = 0; i < 30; i++) assertEquals(v[i] * 200, got[i], 0f);
		Path notAnImage = Files.write(dir.resolve("x.tif"), "not a tiff at all".getBytes());
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> FileSource.open(notAnImage, ChannelMapping.AUTO, 2, false));
		assertTrue(e.getMessage().contains("is not a TIFF"), e.getMessage());
		Path cut = dir.resolve("cut.tif");
		byte[] whole = Files.readAllBytes(hyperstack());
		Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2));
		e = assertThrows(IllegalArgumentException.class, () -> FileSource.open(cut, ChannelMapping.AUTO, 2, false));
		assertFalse(e.getMessage().isEmpty());
	}

	@Test
	void tensorsOfTheSampleAreItsPixels() throws IOException {
		Tensor t = FileSource.open(Paths.get("samples", "cells.tif"), ChannelMapping.AUTO, 2, false).read(0);
		ImagePlus imp = new Opener().openImage(Paths.get("samples", "cells.tif").toString());
		assertEquals(imp.getNChannels() == 1 && imp.getBitDepth() == 24 ? 3 : imp.getNChannels(), t.channels());
		assertEquals(imp.getWidth(), t.width());
	}
}
