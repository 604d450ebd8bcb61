package convkit.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.engine.Execution;
import convkit.engine.Method;
import convkit.io.KernelSource;
import convkit.options.ChannelMapping;
import convkit.options.ConvOptions;
import convkit.options.OptionString;
import convkit.run.ConvJob;
import convkit.run.ConvRunner;
import convkit.run.MemoryBudget;
import convkit.run.OutputPixels;
import convkit.run.PositionSink;
import convkit.run.PositionSource;
import convkit.engine.ConvPlan;
import convkit.engine.Tensor;
import convkit.geometry.OutputGeometry;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stacks read and written plane by plane ({@link StreamedTiff}, {@link StreamedTiffSink}) — the
 * route of a stack larger than the heap, forced here on small stacks — against the whole-stack
 * routes: the same tensors, and output files ImageJ opens with the same pixels, labels,
 * calibration, Info and properties; a cut-short or failing run leaves nothing behind.
 */
class StreamedTiffTest {

	@TempDir
	Path dir;

	private final PlainTiffTest files = new PlainTiffTest();

	private PositionSource open(Path in, ChannelMapping mapping, int rank, boolean streamed) throws IOException {
		PositionSource s = FileSource.open(in, mapping, rank, true, streamed ? 0 : Long.MAX_VALUE);
		assertEquals(streamed, s.streamed(), "streamed");
		return s;
	}

	private void conv(Path in, Path out, String options, int rank, boolean streamed) throws IOException {
		ConvOptions o = ConvOptions.from(OptionString.parse(options), rank);
		ConvJob job = ConvJob.of(o.kernel(KernelSource.NO_IMAGES), o.bias(), o.spec(), Method.AUTO, o.output(), o.toOptionString());
		PositionSource source = open(in, o.channels(), rank, streamed);
		new ConvRunner(job, MemoryBudget.jvm("more memory")).run(source, FileSinks.to(out, source), Execution.defaults(), 1);
	}

	private Path floatStack(int n) {
		Random r = new Random(5);
		ImageStack s = new ImageStack(23, 17);
		for (int i = 0; i < n; i++) {
			float[] v = new float[23 * 17];
			for (int k = 0; k < v.length; k++) v[k] = (float) r.nextGaussian() * 100;
			s.addSlice("p" + i, new FloatProcessor(23, 17, v));
		}
		ImagePlus imp = new ImagePlus("fs", s);
		imp.getCalibration().pixelWidth = 0.25;
		imp.getCalibration().pixelHeight = 0.25;
		imp.getCalibration().setUnit("mm");
		files.dir = dir;
		return files.save(imp, "fs.tif");
	}

	@Test
	void readsTheTensorsTheWholeFileReadGives() throws IOException {
		files.dir = dir;
		Path hs = files.hyperstack();
		Path fs = floatStack(9);
		ImageStack bytes = new ImageStack(6, 5);
		for (int i = 0; i < 4; i++) {
			byte[] v = new byte[30];
			for (int k = 0; k < 30; k++) v[k] = (byte) (k * 37 + i * 11);
			bytes.addSlice(new ByteProcessor(6, 5, v));
		}
		Path eight = files.save(new ImagePlus("b", bytes), "b.tif");
		for (Path p : new Path[] { hs, fs, eight }) {
			for (int rank : new int[] { 2, 3 }) {
				PositionSource a = open(p, ChannelMapping.AUTO, rank, false);
				PositionSource b = open(p, ChannelMapping.AUTO, rank, true);
				assertEquals(a.shape(), b.shape());
				assertEquals(a.positions(), b.positions());
				assertEquals(a.bitDepth(), b.bitDepth());
				assertEquals(a.pixelType(), b.pixelType());
				for (int i = 0; i < a.positions(); i++) assertArrayEquals(a.read(i).toArray(), b.read(i).toArray(), p + " position " + i);
			}
		}
	}

	@Test
	void writesTheFileTheWholeStackRunWrites() throws IOException {
		files.dir = dir;
		Path hs = files.hyperstack();
		Path fs = floatStack(9);
		Object[][] runs = { { hs, "kernel=[1 2; 3 -4] stride=2,1 padding=same padding_mode=reflect", 2 },
			{ hs, "kernel=[sobel_x] padding=1 output_type=same convert=abs", 2 },
			{ hs, "kernel=[box(3)] output_type=same convert=rescale", 2 },
			{ hs, "kernel=[box3d(3)] stride=1,1,2 padding=same_lower padding_mode=constant value=100", 3 },
			{ fs, "kernel=[gaussian(2)] padding=same padding_mode=reflect", 2 },
			{ fs, "kernel=[gaussian(1)] padding=same padding_mode=circular output_type=same", 2 } };
		for (int i = 0; i < runs.length; i++) {
			Path in = (Path) runs[i][0];
			Path whole = Files.createDirectories(dir.resolve("whole")).resolve("run" + i + ".tif");
			Path streamed = Files.createDirectories(dir.resolve("streamed")).resolve("run" + i + ".tif");
			conv(in, whole, (String) runs[i][1], (int) runs[i][2], false);
			conv(in, streamed, (String) runs[i][1], (int) runs[i][2], true);
			PlainTiffTest.assertSameImage(whole, streamed);
			// a streamed output read back streamed (its directories after its planes) composes as the whole one
			Path again = dir.resolve("streamed").resolve("run" + i + "b.tif");
			Path againWhole = dir.resolve("whole").resolve("run" + i + "b.tif");
			conv(streamed, again, "kernel=[box(3)] stride=2", 2, true);
			conv(whole, againWhole, "kernel=[box(3)] stride=2", 2, false);
			PlainTiffTest.assertSameImage(againWhole, again);
		}
		assertNoTemporaryFiles();
	}

	@Test
	void aVolumeReadPlaneByPlaneIsConvolvedASlabAtATimeAsTheWholeRunIs() throws IOException {
		Path fs = floatStack(17); // one volume of 17 slices for Conv3D
		String dense = "kernel=[[[[1,-2,0.5],[0.25,3,-1],[2,0,1]],[[0,1,0],[1,-4,1],[0,1,0]],[[0.5,0.5,0.5],[-1,2,-1],[1,1,1]]]]";
		String[] runs = { "kernel=[box3d(3)] padding=same padding_mode=reflect",
			dense + " padding=same padding_mode=circular method=direct",
			dense + " stride=1,1,2 dilation=1,1,2 padding=same_lower padding_mode=constant value=-7 method=direct",
			"kernel=[gaussian3d(1,1,1.5)] stride=2,1,3 padding=2,1,4 padding_mode=symmetric bias=0.5",
			dense + " padding=valid output_type=same convert=abs method=direct" };
		for (int i = 0; i < runs.length; i++) {
			Path whole = Files.createDirectories(dir.resolve("whole3d")).resolve("v" + i + ".tif");
			Path slabs = Files.createDirectories(dir.resolve("slabs3d")).resolve("v" + i + ".tif");
			conv(fs, whole, runs[i], 3, false);
			ConvOptions o = ConvOptions.from(OptionString.parse(runs[i]), 3);
			ConvJob job = ConvJob.of(o);
			PositionSource source = open(fs, o.channels(), 3, true);
			assertTrue(source.readsSlabs());
			// slabs of one or two output planes: the volume is never read whole
			new ConvRunner(job, MemoryBudget.jvm("more"), 3L * 23 * 17 * 4).run(source, FileSinks.to(slabs, source), Execution.defaults(), 1);
			PlainTiffTest.assertSameImage(whole, slabs);
		}
		assertNoTemporaryFiles();
	}

	@Test
	void planesTooLargeForOneRunAreConvolvedInBandsOfRowsAsTheWholeRunIs() throws IOException {
		files.dir = dir;
		Path one = floatStack(1);
		Path hs = files.hyperstack();
		String dense = "kernel=[1,-2,0.5; 0.25,3,-1; 2,0,1]";
		Object[][] runs = { { one, "kernel=[gaussian(1.5)] padding=same padding_mode=reflect" },
			{ one, dense + " stride=1,2 dilation=1,3 padding=same_lower padding_mode=circular method=direct" },
			{ one, dense + " padding=2,1,4,3 padding_mode=constant value=9.5 bias=-1 method=direct" },
			{ hs, "kernel=[1 2; 3 -4] stride=2,1 padding=same padding_mode=symmetric output_type=same convert=abs" },
			{ hs, "kernel=[box(3)] padding=same padding_mode=replicate output_type=same convert=rescale" } };
		for (int i = 0; i < runs.length; i++) {
			Path in = (Path) runs[i][0];
			String opts = (String) runs[i][1];
			Path whole = Files.createDirectories(dir.resolve("whole-bands")).resolve("b" + i + ".tif");
			Path bands = Files.createDirectories(dir.resolve("bands")).resolve("b" + i + ".tif");
			conv(in, whole, opts, 2, false);
			ConvOptions o = ConvOptions.from(OptionString.parse(opts), 2);
			PositionSource source = open(in, o.channels(), 2, true);
			assertTrue(source.readsSlabs());
			// a run holds about 3 rows of input and output: every plane goes in bands of a row or two
			new ConvRunner(ConvJob.of(o), MemoryBudget.jvm("more"), 6L * 23).run(source, FileSinks.to(bands, source), Execution.defaults(), 1);
			PlainTiffTest.assertSameImage(whole, bands);
		}
		assertNoTemporaryFiles();
	}

	@Test
	void aVirtualStackInImageJIsReadASlabAtATimeAndWrittenPlaneByPlane() throws IOException {
		Path fs = floatStack(13);
		ImagePlus virtual = ij.plugin.FileInfoVirtualStack.openVirtual(fs.toString());
		assertTrue(virtual.getStack().isVirtual());
		String[] runs = { "kernel=[box3d(3)] stride=2 padding=same padding_mode=reflect", "kernel=[gaussian(1)] padding=same" };
		for (int i = 0; i < runs.length; i++) {
			int rank = i == 0 ? 3 : 2;
			Path whole = Files.createDirectories(dir.resolve("whole-v")).resolve("v" + i + ".tif");
			Path streamed = Files.createDirectories(dir.resolve("virtual")).resolve("v" + i + ".tif");
			conv(fs, whole, runs[i], rank, false);
			ConvOptions o = ConvOptions.from(OptionString.parse(runs[i]), rank);
			PositionSource source = convkit.image.ImageSource.of(virtual, o.channels(), rank);
			assertEquals(rank == 3, source.readsSlabs());
			FileSink sink = FileSinks.to(streamed, source);
			assertTrue(sink instanceof StreamedTiffSink, "a virtual stack's output is written plane by plane");
			new ConvRunner(ConvJob.of(o), MemoryBudget.jvm("more"), 4L * 23 * 17 * 3).run(source, sink, Execution.defaults(), 1);
			PlainTiffTest.assertSameImage(whole, streamed, java.util.Set.of("ConvKit.sourceId")); // an open image has an ID, a file 0
		}
	}

	@Test
	void readsImageJsOneDirectoryLayoutOfStacksOverFourGigabytes() throws IOException {
		Path fs = floatStack(5);
		// ImageJ writes stacks over 4 GB with only the first directory: cut the chain after it
		byte[] b = Files.readAllBytes(fs);
		ByteBuffer bb = ByteBuffer.wrap(b).order(b[0] == 'I' ? java.nio.ByteOrder.LITTLE_ENDIAN : java.nio.ByteOrder.BIG_ENDIAN);
		int ifd = bb.getInt(4);
		int entries = bb.getShort(ifd) & 0xffff;
		bb.putInt(ifd + 2 + 12 * entries, 0);
		Path one = Files.write(dir.resolve("one.tif"), b);
		PositionSource a = open(fs, ChannelMapping.AUTO, 2, false);
		PositionSource s = open(one, ChannelMapping.AUTO, 2, true);
		assertEquals(5, s.positions());
		for (int i = 0; i < 5; i++) assertArrayEquals(a.read(i).toArray(), s.read(i).toArray());
	}

	@Test
	void refusesACutShortStackBeforeAnyWork() throws IOException {
		Path fs = floatStack(6);
		byte[] b = Files.readAllBytes(fs);
		Path cut = Files.write(dir.resolve("cut.tif"), Arrays.copyOf(b, b.length - 23 * 17 * 4)); // the directories are at the start
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> open(cut, ChannelMapping.AUTO, 2, true));
		assertTrue(e.getMessage().contains("cut short") && e.getMessage().contains("cut.tif"), e.getMessage());
	}

	@Test
	void aRunFailingHalfWayLeavesNoFile() throws IOException {
		Path fs = floatStack(12);
		for (String options : new String[] { "kernel=[box(3)]", "kernel=[box(3)] output_type=same convert=rescale" }) {
			Path out = dir.resolve("out.tif");
			ConvOptions o = ConvOptions.from(OptionString.parse(options), 2);
			ConvJob job = ConvJob.of(o.kernel(KernelSource.NO_IMAGES), o.bias(), o.spec(), Method.DIRECT, o.output(), o.toOptionString());
			PositionSource source = open(fs, ChannelMapping.AUTO, 2, true);
			FileSink sink = FileSinks.to(out, source);
			assertTrue(sink instanceof StreamedTiffSink);
			PositionSink failing = new PositionSink() { // a disk that fills up at the sixth plane
				@Override
				public Optional<Path> file() {
					return sink.file();
				}

				@Override
				public long retainedBytes(convkit.engine.Shape plan, int positions, OutputPixels pixels) {
					return sink.retainedBytes(plan, positions, pixels);
				}

				@Override
				public void begin(convkit.engine.Shape plan, int positions, OutputPixels pixels) throws IOException {
					sink.begin(plan, positions, pixels);
				}

				@Override
				public void accept(int p, Tensor output) throws IOException {
					if (p == 5) throw new IOException("No space left on device");
					sink.accept(p, output);
				}

				@Override
				public void finish(OutputGeometry geometry, String info) throws IOException {
					sink.finish(geometry, info);
				}

				@Override
				public void abort() {
					sink.abort();
				}
			};
			IOException e = assertThrows(IOException.class,
				() -> new ConvRunner(job, MemoryBudget.jvm("more")).run(source, failing, Execution.defaults(), 1));
			assertEquals("No space left on device", e.getMessage());
			assertFalse(Files.exists(out));
			assertNoTemporaryFiles();
		}
	}

	private void assertNoTemporaryFiles() throws IOException {
		try (Stream<Path> all = Files.walk(dir)) {
			assertEquals(0, all.filter(p -> p.getFileName().toString().startsWith(".convkit-")).count(), "temporary files left");
		}
	}
}
