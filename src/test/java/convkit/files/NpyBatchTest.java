package convkit.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.cli.Main;
import convkit.io.NdArray;
import convkit.io.Npy;
import convkit.options.ChannelMapping;
import convkit.run.PositionSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch of samples in one {@code .npy} file larger than the pieces the writer converts at a
 * time (262,144 values; here 3 x 300 x 300): the identity kernel gives every sample back in its
 * place, and {@code convert=rescale} takes its range from every sample — the extremes lie in the
 * last one, so any other range would change the values. Input files are laid out byte by byte here
 * (numpy's header, little- and big-endian).
 */
class NpyBatchTest {

	@TempDir
	Path dir;

	private static final int N = 3;
	private static final int S = 300;

	/** A {@code .npy} file of {@code descr} ({@code <u2}, {@code >u2}, {@code <f4}) and {@code shape}, values from {@code v}. */
	private Path npy(String name, String descr, int[] shape, double[] v) throws IOException {
		StringBuilder dims = new StringBuilder();
		for (int d : shape) dims.append(d).append(", ");
		StringBuilder h = new StringBuilder("{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + dims.toString().trim() + "), }");
		while ((10 + h.length() + 1) % 64 != 0) h.append(' ');
		h.append('\n');
		int size = descr.endsWith("2") ? 2 : 4;
		ByteBuffer b = ByteBuffer.allocate(10 + h.length() + size * v.length);
		b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.ISO_8859_1)).put((byte) 1).put((byte) 0);
		b.order(ByteOrder.LITTLE_ENDIAN).putShort((short) h.length()).put(h.toString().getBytes(StandardCharsets.ISO_8859_1));
		b.order(descr.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
		for (double x : v) {
			if (size == 2) b.putShort((short) (int) x);
			else b.putFloat((float) x);
		}
		return Files.write(dir.resolve(name), b.array());
	}

	private static double[] values() {
		double[] v = new double[N * S * S];
		for (int i = 0; i < v.length; i++) v[i] = 1000 + (i * 37) % 49000;
		v[v.length - 1] = 65535; // the extremes, in the last sample
		v[v.length - 2] = 0;
		return v;
	}

	/** Runs {@code conv} with the identity kernel on {@code in} into {@code out}, with {@code more} keys; it must succeed. */
	static void conv(Path in, Path out, String... more) {
		String[] args = new String[4 + more.length];
		args[0] = "conv";
		args[1] = "input=" + in;
		args[2] = "output=" + out;
		args[3] = "kernel=[[[1]]]";
		System.arraycopy(more, 0, args, 4, more.length);
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		assertEquals(0, Main.run(args, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err)), err.toString());
	}

	@Test
	void everySampleComesBackInItsPlaceOverPieces() throws IOException {
		double[] v = values();
		float[] want = new float[v.length];
		for (int i = 0; i < v.length; i++) want[i] = (float) v[i];
		int[] shape = { N, 1, S, S };
		for (String descr : new String[] { "<u2", ">u2", "<f4" }) {
			Path in = npy("in" + descr.charAt(0) + descr.substring(1) + ".npy", descr, shape, v);
			PositionSource s = FileSource.open(in, ChannelMapping.AUTO, 2);
			assertEquals(N, s.positions());
			assertTrue(s.batched() && s.isArray());
			assertEquals(in.getFileName().toString(), s.name());
			assertEquals(descr.endsWith("2") ? 16 : 32, s.bitDepth());
			assertArrayEquals(java.util.Arrays.copyOfRange(want, 2 * S * S, 3 * S * S), s.read(2).toArray(), descr + ": the last sample");
			for (String type : new String[] { "output_type=float", "output_type=same", "output_type=same convert=rescale" }) {
				Path out = dir.resolve("out.npy");
				Files.deleteIfExists(out);
				conv(in, out, type.split(" "));
				NdArray a = Npy.read(out);
				assertArrayEquals(shape, a.shape(), descr + ", " + type);
				// the range of all samples is 0..65535 (16-bit): rescale changes nothing; float and clamp keep every value
				assertArrayEquals(want, a.toArray(), descr + ", " + type);
			}
		}
	}

	@Test
	void aNpyOutputKeepsEveryOutputButItsLastAndHoldsOneTensorUnlessBatched() throws IOException {
		Path batched = npy("batched.npy", "<f4", new int[] { N, 1, 4, 5 }, new double[N * 20]);
		Path single = npy("single.npy", "<f4", new int[] { 1, 4, 5 }, new double[20]);
		convkit.engine.ConvPlan plan = convkit.engine.ConvPlan.of(1, 4, 5, convkit.engine.Kernel.of(new float[] { 1 }, 1, 1), null,
			convkit.engine.ConvSpec.defaults());
		FileSink a = FileSinks.to(dir.resolve("a.npy"), FileSource.open(batched, ChannelMapping.AUTO, 2));
		assertEquals(4L * 20 * (N - 1), a.retainedBytes(plan.outputShape(), N, convkit.run.OutputPixels.FLOAT), "the outputs before the last");
		FileSink b = FileSinks.to(dir.resolve("b.npy"), FileSource.open(single, ChannelMapping.AUTO, 2));
		assertEquals(0, b.retainedBytes(plan.outputShape(), 1, convkit.run.OutputPixels.FLOAT));
		IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
			() -> b.begin(plan.outputShape(), 3, convkit.run.OutputPixels.FLOAT));
		assertEquals("a .npy output holds one tensor [1, 4, 5], but the input has 3 z/t positions; write a .tif instead", e.getMessage());
	}
}
