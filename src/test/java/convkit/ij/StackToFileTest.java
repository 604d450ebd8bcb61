package convkit.ij;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.engine.Execution;
import convkit.image.ImageLayerStack;
import convkit.image.ImageLayerStackTest;
import ij.ImagePlus;
import ij.process.FloatProcessor;

import org.junit.jupiter.api.Test;

/**
 * Conv Stack's {@code output=}: a virtual stack read and written plane by plane to a TIFF holding
 * what the images would hold, with its geometry; the input file is never the output.
 */
class StackToFileTest {

	@Test
	void aVirtualStackIsWrittenToAFilePlaneByPlaneAsTheImagesWouldHoldIt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
		ij.ImageStack st = new ij.ImageStack(16, 12);
		for (int z = 0; z < 5; z++) {
			float[] v = new float[16 * 12];
			for (int i = 0; i < v.length; i++) v[i] = (i * 7 + z * 13) % 11 - 5;
			st.addSlice(new FloatProcessor(16, 12, v));
		}
		java.nio.file.Path file = dir.resolve("planes.tif");
		assertTrue(new ij.io.FileSaver(new ImagePlus("planes", st)).saveAsTiffStack(file.toString()));
		ImagePlus virtual = ij.IJ.openVirtual(file.toString());
		assertTrue(virtual.getStack().isVirtual());
		java.nio.file.Path out = dir.resolve("planes-stack.tif");
		String report = ImageToFile.stack(virtual, ImageLayerStackTest.threeLayers(), java.util.Collections.emptyMap(), out, Execution.defaults());
		assertTrue(report.contains("wrote " + out + " [1, 6, 8] x 5 positions, plane by plane (virtual stack)"), report);
		ImagePlus written = new ij.io.Opener().openImage(out.toString());
		ImagePlus inMemory = ImageLayerStack.process(new ImagePlus("planes", st), ImageLayerStackTest.threeLayers(), false, Execution.defaults()).last();
		assertEquals(5, written.getStackSize());
		for (int i = 1; i <= 5; i++) {
			assertArrayEquals((float[]) inMemory.getStack().getPixels(i), (float[]) written.getStack().getPixels(i), "plane " + i);
		}
		assertEquals("w 16 3 2 1 1 1 8 0; t 8 2 2 1 0 0 16 0; w 16 2 2 1 0 0 8 0", written.getProp("ConvKit.chain.x"));
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageToFile.stack(virtual, ImageLayerStackTest.threeLayers(),
			java.util.Collections.emptyMap(), file, Execution.defaults()));
		assertTrue(e.getMessage().contains("is the input file"), e.getMessage());
	}
}
