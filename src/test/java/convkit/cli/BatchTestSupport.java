package convkit.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ij.ImagePlus;
import ij.io.Opener;

import java.nio.file.Path;

/** Compares a batch output with what {@code conv} makes of the same file, in-process. */
final class BatchTestSupport {

	private BatchTestSupport() {}

	static void assertSameAsConv(Path input, Path batchOutput, String options, Path dir) {
		Path single = dir.resolve("single-" + System.nanoTime() + ".tif");
		MainTest.Result r = MainTest.run("conv", "input=" + input, "output=" + single, options);
		assertEquals(0, r.status, r.err);
		ImagePlus a = new Opener().openImage(single.toString());
		ImagePlus b = new Opener().openImage(batchOutput.toString());
		assertArrayEquals((float[]) a.getProcessor().getPixels(), (float[]) b.getProcessor().getPixels());
	}
}
