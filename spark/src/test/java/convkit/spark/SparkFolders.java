package convkit.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Folders for the Spark tests: 20 good {@code .npy} files (6 in a subfolder) and a corrupt one, and ways to compare outputs. */
final class SparkFolders {

	private SparkFolders() {}

	/** A command's exit status and what it printed. */
	static final class Result {
		final int status;
		final String out;
		final String err;

		Result(int status, String out, String err) {
			this.status = status;
			this.out = out;
			this.err = err;
		}
	}

	interface Command {
		int run(String[] args, PrintStream out, PrintStream err);
	}

	static Result run(Command c, String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int status = c.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
		return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	/** Writes a float32 C-order {@code .npy} of {@code shape} with seeded values. */
	static void npy(Path p, Random r, int... shape) throws IOException {
		StringBuilder dims = new StringBuilder();
		int n = 1;
		for (int s : shape) {
			dims.append(s).append(", ");
			n *= s;
		}
		String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims.toString().trim() + "), }";
		int total = 10 + header.length() + 1;
		header = header + " ".repeat((64 - total % 64) % 64) + "\n";
		ByteBuffer b = ByteBuffer.allocate(10 + header.length() + 4 * n).order(ByteOrder.LITTLE_ENDIAN);
		b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0).putShort((short) header.length());
		b.put(header.getBytes(StandardCharsets.US_ASCII));
		for (int i = 0; i < n; i++) b.putFloat((float) r.nextGaussian() * 10);
		Files.createDirectories(p.getParent());
		Files.write(p, b.array());
	}

	/** The folder of the issue: 20 good files of several sizes and channel counts, one subfolder, one corrupt file. */
	static Path folder(Path dir) throws IOException {
		Path in = dir.resolve("in");
		Random r = new Random(15);
		for (int i = 0; i < 20; i++) {
			Path p = (i >= 14 ? in.resolve("sub") : in).resolve(String.format("img%02d.npy", i));
			npy(p, r, 1 + i % 3, 30 + 7 * i, 40 + 3 * i);
		}
		Files.write(in.resolve("broken.npy"), new byte[] { (byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 'x' });
		return in;
	}

	/** A 32-bit stack of {@code n} planes of 64 x 48 (calibrated), a 16-bit hyperstack (2 channels, 3 slices, 2 frames) and one 32-bit plane. */
	static void stacks(Path in, int n) throws IOException {
		Random r = new Random(7);
		ij.ImageStack s = new ij.ImageStack(64, 48);
		for (int i = 0; i < n; i++) {
			float[] v = new float[64 * 48];
			for (int k = 0; k < v.length; k++) v[k] = (float) r.nextGaussian() * 100;
			s.addSlice("p" + i, new ij.process.FloatProcessor(64, 48, v));
		}
		ij.ImagePlus imp = new ij.ImagePlus("stack", s);
		imp.getCalibration().pixelWidth = 0.5;
		imp.getCalibration().pixelHeight = 0.5;
		imp.getCalibration().setUnit("um");
		Files.createDirectories(in.resolve("stacks"));
		if (!new ij.io.FileSaver(imp).saveAsTiff(in.resolve("stacks/big.tif").toString())) throw new IOException("could not save");
		ij.ImageStack h = new ij.ImageStack(40, 30);
		for (int i = 0; i < 12; i++) {
			short[] v = new short[40 * 30];
			for (int k = 0; k < v.length; k++) v[k] = (short) r.nextInt(4000);
			h.addSlice("h" + i, new ij.process.ShortProcessor(40, 30, v, null));
		}
		ij.ImagePlus hs = new ij.ImagePlus("hs", h);
		hs.setDimensions(2, 3, 2);
		hs.setOpenAsHyperStack(true);
		if (!new ij.io.FileSaver(hs).saveAsTiff(in.resolve("stacks/hyper.tif").toString())) throw new IOException("could not save");
		float[] one = new float[61 * 47];
		for (int k = 0; k < one.length; k++) one[k] = (float) r.nextGaussian() * 30;
		ij.ImagePlus plane = new ij.ImagePlus("plane", new ij.process.FloatProcessor(61, 47, one));
		if (!new ij.io.FileSaver(plane).saveAsTiff(in.resolve("stacks/plane.tif").toString())) throw new IOException("could not save");
	}

	/** Relative names of the regular files under {@code dir}, sorted, leaving out the log and hidden files. */
	static List<String> outputs(Path dir) throws IOException {
		try (Stream<Path> s = Files.walk(dir)) {
			return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString())
				.filter(n -> !n.startsWith(".") && !n.equals("convkit-batch-log.csv")).sorted().collect(Collectors.toList());
		}
	}

	/** Asserts both folders hold the same files with the same bytes. */
	static void assertSameFiles(Path expected, Path got) throws IOException {
		List<String> names = outputs(expected);
		assertEquals(names, outputs(got));
		for (String n : names) assertArrayEquals(Files.readAllBytes(expected.resolve(n)), Files.readAllBytes(got.resolve(n)), n);
	}
}
