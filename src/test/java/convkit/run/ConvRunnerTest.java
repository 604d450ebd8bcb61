package convkit.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.engine.ConvPlan;
import convkit.engine.ConvSpec;
import convkit.engine.Execution;
import convkit.engine.Kernel;
import convkit.engine.Method;
import convkit.engine.Shape;
import convkit.engine.Tensor;
import convkit.files.FileSource;
import convkit.geometry.OutputGeometry;
import convkit.options.ChannelMapping;
import convkit.options.ConvOptions;
import convkit.options.OptionString;
import convkit.options.Streaming;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.ShortProcessor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner's ways through a run, each against the plain whole-position run: positions batched,
 * planes cut into slabs of rows (the slab sizes worked out by hand from the float budget), parts
 * of a plane, cancellation, the memory refusal's text, the progress it reports, the prepared
 * convolutions it keeps; and the small plan of the JIT warm-up and a run's timing line.
 */
class ConvRunnerTest {

	@TempDir
	Path dir;

	private Path stack;

	/** A 16-bit stack of 3 planes, 30 wide and 20 high. */
	@BeforeEach
	void stack() {
		ImageStack s = new ImageStack(30, 20);
		for (int p = 0; p < 3; p++) {
			short[] v = new short[600];
			for (int i = 0; i < v.length; i++) v[i] = (short) ((i * 131 + p * 977) % 5000);
			s.addSlice("p" + p, new ShortProcessor(30, 20, v, null));
		}
		stack = dir.resolve("stack.tif");
		assertTrue(new FileSaver(new ImagePlus("stack", s)).saveAsTiffStack(stack.toString()));
	}

	/** A sink that keeps what it is given, as a test needs it. */
	static final class Recording implements PositionSink {
		final boolean slabs;
		final long retained;
		final List<Integer> positions = new ArrayList<>();
		final List<Tensor> outputs = new ArrayList<>();
		boolean begun;
		boolean finished;
		boolean aborted;
		String info;

		Recording(boolean slabs, long retained) {
			this.slabs = slabs;
			this.retained = retained;
		}

		@Override
		public Optional<Path> file() {
			return Optional.empty();
		}

		@Override
		public long retainedBytes(convkit.engine.Shape plan, int n, OutputPixels pixels) {
			return retained;
		}

		@Override
		public void begin(convkit.engine.Shape plan, int n, OutputPixels pixels) {
			begun = true;
		}

		@Override
		public void accept(int p, Tensor output) {
			positions.add(p);
			outputs.add(output);
		}

		@Override
		public boolean takesSlabs() {
			return slabs;
		}

		@Override
		public void finish(OutputGeometry geometry, String text) {
			finished = true;
			info = text;
		}

		@Override
		public void abort() {
			aborted = true;
		}

		/** The rows every slab of position {@code p} gave, in order, as one array. */
		float[] position(int p) {
			List<Float> v = new ArrayList<>();
			for (int i = 0; i < outputs.size(); i++) {
				if (positions.get(i) == p) for (float x : outputs.get(i).toArray()) v.add(x);
			}
			float[] a = new float[v.size()];
			for (int i = 0; i < a.length; i++) a[i] = v.get(i);
			return a;
		}

		/** The rows of each slab handed over. */
		int[] heights() {
			return outputs.stream().mapToInt(Tensor::height).toArray();
		}
	}

	private static ConvJob job(String options) {
		return ConvJob.of(ConvOptions.from(OptionString.parse(options), 2));
	}

	private static final String BOX = "kernel=[box(3)] padding=1 padding_mode=reflect";

	private PositionSource whole() throws IOException {
		return FileSource.open(stack, ChannelMapping.AUTO, 2);
	}

	private PositionSource streamed() throws IOException {
		return FileSource.openStreamed(stack, ChannelMapping.AUTO, 2, Streaming.YES).orElseThrow(AssertionError::new);
	}

	private Recording reference() throws IOException {
		Recording r = new Recording(false, 0);
		new ConvRunner(job(BOX), MemoryBudget.jvm("m")).run(whole(), r, Execution.defaults(), 1);
		assertEquals(List.of(0, 1, 2), r.positions);
		assertTrue(r.finished && !r.aborted);
		return r;
	}

	@Test
	void slabsOfRowsGiveTheWholeRunsNumbers() throws IOException {
		Recording ref = reference();
		// a slab of n rows holds 30 n input and 30 n output floats, plus a halo of 2 rows (60 floats)
		int[][] cases = { { 300, 4 }, { 250, 3 }, { 1000, 15 }, { 10, 1 } };
		for (int[] c : cases) {
			Recording r = new Recording(true, 0);
			RunReport report = new ConvRunner(job(BOX), MemoryBudget.jvm("m"), c[0]).run(streamed(), r, Execution.defaults(), 2);
			int slab = c[1];
			int[] heights = new int[(20 + slab - 1) / slab];
			Arrays.fill(heights, slab);
			heights[heights.length - 1] = 20 - slab * (heights.length - 1);
			int[] all = new int[3 * heights.length];
			for (int p = 0; p < 3; p++) System.arraycopy(heights, 0, all, p * heights.length, heights.length);
			assertArrayEquals(all, r.heights(), "slabs of " + slab + " rows for " + c[0] + " floats");
			for (int p = 0; p < 3; p++) assertArrayEquals(ref.position(p), r.position(p), "position " + p);
			assertTrue(r.finished && !r.aborted);
			assertEquals(3, report.positions());
			assertEquals(2, report.millis().length, "repeat=2: two timings");
			assertEquals(ref.info, r.info);
		}
	}

	@Test
	void positionsAreBatchedToTheFloatBudgetAndProgressReachesTheEnd() throws IOException {
		Recording ref = reference();
		for (long floats : new long[] { 1, 2400, 2399, 1L << 30 }) { // one position is 600 + 600 floats
			List<long[]> events = new ArrayList<>();
			Execution exec = Execution.defaults().withThreads(1).withProgress((d, t) -> {
				synchronized (events) {
					events.add(new long[] { d, t });
				}
			});
			Recording r = new Recording(false, 0);
			new ConvRunner(job(BOX), MemoryBudget.jvm("m"), floats).run(whole(), r, exec, 1);
			for (int p = 0; p < 3; p++) assertArrayEquals(ref.position(p), r.position(p), floats + " floats, position " + p);
			assertFalse(events.isEmpty());
			long total = events.get(0)[1];
			long last = -1;
			for (long[] e : events) {
				assertEquals(total, e[1], "one total for the whole run");
				assertTrue(e[0] >= last && e[0] <= total, "progress goes forward within the total: " + e[0] + " of " + total);
				last = e[0];
			}
			assertEquals(total, last, "the run ends at its total");
		}
		// 2 million floats a position: 4 fit 8 Mi floats, 3 asked for
		assertEquals(3, ConvRunner.positionsPerBatch(ConvPlan.of(Shape.of(1, 1000, 1000), Kernel.of(new float[] { 1 }, 1, 1), null,
			ConvSpec.defaults()), 3));
		assertEquals(4, ConvRunner.positionsPerBatch(ConvPlan.of(Shape.of(1, 1000, 1000), Kernel.of(new float[] { 1 }, 1, 1), null,
			ConvSpec.defaults()), 9));
	}

	@Test
	void partsOfAPlaneAreItsRowsAndBadPartsAreRefused() throws IOException {
		Recording ref = reference();
		ConvRunner runner = new ConvRunner(job(BOX), MemoryBudget.jvm("m"), 300);
		Recording part = new Recording(true, 0);
		runner.runPart(streamed(), 1, 5, 13, part, Execution.defaults());
		assertArrayEquals(new int[] { 4, 4 }, part.heights());
		assertEquals(List.of(0, 0), part.positions, "a part is its position 0");
		assertArrayEquals(Arrays.copyOfRange(ref.position(1), 5 * 30, 13 * 30), part.position(0));
		Recording last = new Recording(true, 0);
		runner.runPart(streamed(), 2, 19, 20, last, Execution.defaults());
		assertArrayEquals(Arrays.copyOfRange(ref.position(2), 19 * 30, 20 * 30), last.position(0));
		int[][] bad = { { 3, 0, 1 }, { -1, 0, 1 }, { 0, -1, 2 }, { 0, 5, 21 }, { 0, 5, 5 } };
		for (int[] b : bad) {
			IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
				() -> runner.runPart(streamed(), b[0], b[1], b[2], new Recording(true, 0), Execution.defaults()));
			assertEquals("part " + b[1] + ".." + b[2] + " of position " + b[0] + " is not inside 0..20 of 0..3", e.getMessage());
		}
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> runner.runPart(whole(), 0, 0, 1, new Recording(true, 0), Execution.defaults()));
		assertEquals("'stack.tif' is not read a slab at a time", e.getMessage());
	}

	@Test
	void aRunThatCannotFitIsRefusedBeforeAnythingIsWrittenWithItsShape() throws IOException {
		Recording r = new Recording(false, 1L << 50);
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> new ConvRunner(job(BOX), MemoryBudget.jvm("give Java more")).run(whole(), r, Execution.defaults(), 1));
		assertTrue(e.getMessage().startsWith("the output [1, 20, 30] x 3 positions (32-bit float) needs about 1073741824 MB to keep"),
			e.getMessage());
		assertTrue(e.getMessage().endsWith("or give Java more"), e.getMessage());
		assertFalse(r.begun);
		Recording slabs = new Recording(true, 1L << 50);
		e = assertThrows(IllegalArgumentException.class,
			() -> new ConvRunner(job(BOX + " output_type=same"), MemoryBudget.jvm("m"), 300).run(streamed(), slabs, Execution.defaults(), 1));
		assertTrue(e.getMessage().startsWith("the output [1, 20, 30] x 3 positions (16-bit (convert=clamp), 4 output rows at a time)"),
			e.getMessage());
		assertFalse(slabs.begun);
		PositionSource one = new PositionRange(streamed(), 1, 2);
		e = assertThrows(IllegalArgumentException.class,
			() -> new ConvRunner(job(BOX), MemoryBudget.jvm("m"), 300).run(one, new Recording(true, 1L << 50), Execution.defaults(), 1));
		assertTrue(e.getMessage().startsWith("the output [1, 20, 30] (32-bit float, 4 output rows at a time)"), e.getMessage());
	}

	@Test
	void aCancelledRunAbortsItsSinkAndBadSettingsAreRefused() throws IOException {
		for (boolean slabs : new boolean[] { false, true }) {
			Recording r = new Recording(slabs, 0);
			ConvRunner runner = new ConvRunner(job(BOX), MemoryBudget.jvm("m"), 300);
			assertThrows(CancellationException.class,
				() -> runner.run(slabs ? streamed() : whole(), r, Execution.defaults().withCancellation(() -> true), 1));
			assertTrue(r.begun && r.aborted && !r.finished);
			assertTrue(r.outputs.isEmpty());
		}
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> new ConvRunner(job(BOX), MemoryBudget.jvm("m")).run(whole(), new Recording(false, 0), Execution.defaults(), 0));
		assertEquals("repeat must be at least 1, not 0", e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> new ConvRunner(job(BOX), MemoryBudget.jvm("m"), 0));
		assertEquals("batchFloats must be at least 1, not 0", e.getMessage());
		ConvJob volume = ConvJob.of(ConvOptions.from(OptionString.parse("kernel=[box3d(3)]"), 3));
		e = assertThrows(IllegalArgumentException.class,
			() -> new ConvRunner(volume, MemoryBudget.jvm("m")).run(whole(), new Recording(false, 0), Execution.defaults(), 1));
		assertEquals("Conv3D needs a volume [C, D, H, W], but 'stack.tif' gives [1, 20, 30]", e.getMessage());
		ConvJob box = job(BOX);
		assertSame(box, new ConvRunner(box, MemoryBudget.jvm("m")).job());
	}

	@Test
	void preparedConvolutionsAreKeptForTheLastFourShapes() {
		ConvRunner runner = new ConvRunner(job(BOX), MemoryBudget.jvm("m"));
		Shape first = Shape.of(1, 10, 10);
		convkit.engine.Convolution c = runner.prepare(first);
		assertSame(c, runner.prepare(first));
		for (int i = 1; i <= 3; i++) runner.prepare(Shape.of(1, 10, 10 + i));
		assertSame(c, runner.prepare(first), "four shapes are kept");
		for (int i = 4; i <= 7; i++) runner.prepare(Shape.of(1, 10, 10 + i));
		assertNotSame(c, runner.prepare(first), "the fifth pushes out the least recently used");
	}

	@Test
	void aRangeOfPositionsIsThatPartOfItsSource() throws IOException {
		PositionSource s = streamed();
		PositionRange r = new PositionRange(s, 1, 3);
		assertEquals(2, r.positions());
		assertArrayEquals(s.read(2).toArray(), r.read(1).toArray());
		assertEquals(s.name(), r.name());
		assertEquals(s.file(), r.file());
		assertEquals(s.shape(), r.shape());
		assertArrayEquals(s.offset(), r.offset());
		assertArrayEquals(s.imageSize(), r.imageSize());
		assertEquals(s.imageId(), r.imageId());
		assertEquals(s.bitDepth(), r.bitDepth());
		assertEquals(16, r.bitDepth());
		assertEquals(s.pixelType(), r.pixelType());
		assertEquals(s.streamed(), r.streamed());
		assertTrue(r.streamed());
		assertEquals(s.readByImageJ(), r.readByImageJ());
		assertEquals(s.isArray(), r.isArray());
		assertEquals(s.geometry().isPresent(), r.geometry().isPresent());
		assertSame(s.spatialCalibration(), r.spatialCalibration());
		assertThrows(IndexOutOfBoundsException.class, () -> r.read(2));
		assertThrows(IndexOutOfBoundsException.class, () -> r.read(-1));
		assertTrue(r.readsSlabs(), "a range of a stack read plane by plane is read a slab at a time too");
		assertArrayEquals(s.readSlab(2, new int[] { 3, 4 }, 0).toArray(), r.readSlab(1, new int[] { 3, 4 }, 0).toArray());
		assertThrows(IndexOutOfBoundsException.class, () -> r.readSlab(2, new int[] { 0 }, 0));
		for (int[] bad : new int[][] { { -1, 2 }, { 0, 4 }, { 2, 2 } }) {
			IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PositionRange(s, bad[0], bad[1]));
			assertEquals("positions " + bad[0] + ".." + bad[1] + " are not inside 0..3 of 'stack.tif'", e.getMessage());
		}
		assertEquals(3, new PositionRange(s, 0, 3).positions());
	}

	@Test
	void theWarmUpsSmallInputAndTheTimingLine() {
		assertEquals(Shape.of(1, 48, 48), JitWarmup.smallPlan(job("kernel=[box(3)]")).inputShape());
		// reach 2 * 14 * 3 + 16 = 100 pixels for a 15-tap kernel dilated 3
		assertEquals(Shape.of(1, 100, 100), JitWarmup.smallPlan(job("kernel=[box(15)] dilation=3")).inputShape());
		assertEquals(Shape.of(1, 48, 100), JitWarmup.smallPlan(job("kernel=[box(15)] dilation=3,1")).inputShape());
		// 128 x 64 channels of 3x3: 46 * 46 * 9 * 8192 = 156 M multiply-adds at 48, 35.7 M at 24
		ConvJob wide = ConvJob.of(Kernel.of(new float[128 * 64 * 9], 128, 64, 3, 3), null, ConvSpec.defaults(), Method.AUTO, "");
		assertEquals(Shape.of(64, 24, 24), JitWarmup.smallPlan(wide).inputShape());
		ConvJob grouped = ConvJob.of(Kernel.of(new float[4 * 2 * 9], 4, 2, 3, 3), null, ConvSpec.builder().groups(2).build(), Method.AUTO, "");
		assertEquals(Shape.of(4, 48, 48), JitWarmup.smallPlan(grouped).inputShape());
		ConvJob volume = ConvJob.of(ConvOptions.from(OptionString.parse("kernel=[box3d(3)]"), 3));
		assertEquals(Shape.of(1, 24, 48, 48), JitWarmup.smallPlan(volume).inputShape());
		assertNull(JitWarmup.smallPlan(job("kernel=[random(255, 1)]")), "too much work even small");

		ConvPlan plan = ConvPlan.of(Shape.of(1, 4, 4), Kernel.of(new float[] { 1 }, 1, 1), null, ConvSpec.defaults());
		assertEquals("timing: median_ms=2.500 min_ms=1.000 runs=4", new RunReport(plan, "direct", 3, new double[] { 5, 1, 3, 2 }).timing());
		RunReport odd = new RunReport(plan, "fft", 7, new double[] { 4, 1, 9 });
		assertEquals("timing: median_ms=4.000 min_ms=1.000 runs=3", odd.timing());
		assertEquals(7, odd.positions());
		assertEquals("fft", odd.method());
		assertSame(plan, odd.plan());
		assertArrayEquals(new double[] { 4, 1, 9 }, odd.millis());
	}

	@Test
	void aKernelWantingAsManyChannelsAsAPlainStackHasSlicesSaysChannelsSlices() throws IOException {
		String[] wanting = { "kernel=[[[[1]], [[1]], [[1]]]]", "kernel=[[[1]], [[1]], [[1]]]",
			"kernel=[[[[1]]], [[[1]]], [[[1]]]] groups=3" }; // [1, 3, 1, 1]; [3, 1, 1]; [3, 1, 1, 1] in 3 groups: 3 channels
		for (String k : wanting) {
			IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
				() -> new ConvRunner(job(k), MemoryBudget.jvm("m")).run(whole(), new Recording(false, 0), Execution.defaults(), 1), k);
			assertTrue(e.getMessage().endsWith("; 'stack.tif' is a plain stack of 3 slices: channels=slices reads them as its 3 input"
				+ " channels"), k + ": " + e.getMessage());
		}
		IllegalArgumentException four = assertThrows(IllegalArgumentException.class, () -> new ConvRunner(job(
			"kernel=[[[[1]], [[1]], [[1]], [[1]]]]"), MemoryBudget.jvm("m")).run(whole(), new Recording(false, 0), Execution.defaults(), 1));
		assertFalse(four.getMessage().contains("channels=slices"), "4 channels wanted, 3 slices: " + four.getMessage());
		Recording r = new Recording(false, 0);
		ConvJob slices = ConvJob.of(ConvOptions.from(OptionString.parse("kernel=[[[[1]], [[1]], [[1]]]] channels=slices"), 2));
		new ConvRunner(slices, MemoryBudget.jvm("m")).run(FileSource.open(stack, ChannelMapping.SLICES, 2), r, Execution.defaults(), 1);
		assertEquals(List.of(0), r.positions, "with channels=slices the slices are the 3 channels of one position");
	}

	@Test
	void theInfoStatesTheRegionPaddingFillAndPixelType() throws IOException {
		Recording flat = new Recording(false, 0);
		new ConvRunner(job(BOX), MemoryBudget.jvm("m")).run(whole(), flat, Execution.defaults(), 1);
		List<String> lines = List.of(flat.info.split("\n"));
		assertEquals("ConvKit Conv2D", lines.get(0));
		assertEquals("source: stack.tif", lines.get(1));
		assertEquals("region: x=0 y=0 width=30 height=20", lines.get(2));
		assertTrue(lines.contains("padding (l,r,t,b): 1,1,1,1"), flat.info);
		assertTrue(lines.contains("pixel type: 32-bit float"), flat.info);
		assertFalse(flat.info.contains("fill value"), flat.info);
		assertFalse(flat.info.contains("ConvKit.sourceId"), "the source's ID is one session's number");
		assertTrue(flat.info.contains("ConvKit.rf.x = 3"), flat.info);

		Recording volume = new Recording(false, 0);
		ConvJob conv3d = ConvJob.of(ConvOptions.from(OptionString.parse("kernel=[box3d(3)] padding=1,1,1 padding_mode=constant value=7"
			+ " output_type=same"), 3));
		new ConvRunner(conv3d, MemoryBudget.jvm("m")).run(FileSource.open(stack, ChannelMapping.AUTO, 3), volume, Execution.defaults(), 1);
		lines = List.of(volume.info.split("\n"));
		assertEquals("ConvKit Conv3D", lines.get(0));
		assertEquals("region: x=0 y=0 z=0 width=30 height=20 depth=3", lines.get(2));
		assertTrue(lines.contains("padding (l,r,t,b,f,k): 1,1,1,1,1,1"), volume.info);
		assertTrue(lines.contains("fill value: 7"), volume.info);
		assertTrue(lines.contains("pixel type: 16-bit (convert=clamp), from the 32-bit result (output_type=same, input 16-bit)"), volume.info);
		assertTrue(lines.contains("z: " + conv3dAxisZ(conv3d)), volume.info);
	}

	/** The z axis's formula line of {@code job} over the stack as a volume. */
	private String conv3dAxisZ(ConvJob job) throws IOException {
		return new ConvRunner(job, MemoryBudget.jvm("m")).prepare(FileSource.open(stack, ChannelMapping.AUTO, 3)).plan().z().formula();
	}

	@Test
	void aVolumeIsConvolvedASlabOfPlanesAtATimeWithItsProgress() throws IOException {
		ConvJob box3d = ConvJob.of(ConvOptions.from(OptionString.parse("kernel=[box3d(3)] padding=1 padding_mode=replicate"), 3));
		Recording whole = new Recording(false, 0);
		new ConvRunner(box3d, MemoryBudget.jvm("m")).run(FileSource.open(stack, ChannelMapping.AUTO, 3), whole, Execution.defaults(), 1);
		float[] want = whole.position(0);
		// a plane is 600 floats in and 600 out, the halo 2 planes (1200 floats): 2400 floats hold 1 plane, 3600 two
		int[][] cases = { { 2400, 1 }, { 3600, 2 }, { 1 << 20, 3 } };
		for (int[] c : cases) {
			List<long[]> events = new ArrayList<>();
			Execution exec = Execution.defaults().withThreads(1).withProgress((d, t) -> {
				synchronized (events) {
					events.add(new long[] { d, t });
				}
			});
			Recording r = new Recording(true, 0);
			new ConvRunner(box3d, MemoryBudget.jvm("m"), c[0]).run(FileSource.openStreamed(stack, ChannelMapping.AUTO, 3, Streaming.YES)
				.orElseThrow(AssertionError::new), r, exec, 1);
			int[] depths = r.outputs.stream().mapToInt(Tensor::depth).toArray();
			int slabs = (3 + c[1] - 1) / c[1];
			assertEquals(slabs, depths.length, c[0] + " floats: slabs of " + c[1] + " planes");
			assertEquals(c[1], depths[0]);
			assertEquals(3 - c[1] * (slabs - 1), depths[slabs - 1]);
			assertArrayEquals(want, r.position(0), c[0] + " floats");
			long total = events.get(events.size() - 1)[1];
			assertEquals(0, total % slabs, "each slab an equal share of the total");
			long last = -1;
			for (long[] e : events) {
				assertEquals(total, e[1]);
				assertTrue(e[0] >= last && e[0] <= total);
				last = e[0];
			}
			assertEquals(total, last);
		}
	}
}
