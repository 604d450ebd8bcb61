package convkit.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.engine.Kernel;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a kernel value comes from: file, open image, preset, text. */
class KernelSourceTest {

	@TempDir
	Path dir;

	@Test
	void filesOfEachFormat() throws IOException {
		Path npy = dir.resolve("w.npy");
		try (OutputStream o = Files.newOutputStream(npy)) {
			Npy.write(o, new int[] { 2, 1, 1, 2 }, new float[] { 1, 2, 3, 4 });
		}
		assertArrayEquals(new int[] { 2, 1, 1, 2 }, KernelSource.kernel(npy.toString(), KernelSource.NO_IMAGES).shape());
		Path txt = dir.resolve("k.txt");
		Files.write(txt, "0 1 0\n1 -4 1\n0 1 0\n".getBytes(StandardCharsets.UTF_8));
		assertArrayEquals(new float[] { 0, 1, 0, 1, -4, 1, 0, 1, 0 }, KernelSource.kernel(txt.toString(), KernelSource.NO_IMAGES).toArray());
		Path csv = dir.resolve("b.csv");
		Files.write(csv, "0.5,-1\n".getBytes(StandardCharsets.UTF_8));
		assertArrayEquals(new float[] { 0.5f, -1 }, KernelSource.bias(csv.toString()));
	}

	@Test
	void imagesPresetsAndText() {
		NdArray img = NdArray.of(new int[] { 1, 2 }, new float[] { 7, 8 });
		Kernel k = KernelSource.kernel("my kernel", t -> t.equals("my kernel") ? Optional.of(img) : Optional.empty());
		assertArrayEquals(new float[] { 7, 8 }, k.toArray());
		assertEquals(5, KernelSource.kernel("box(5)", KernelSource.NO_IMAGES).width());
		assertArrayEquals(new float[] { 1, 2, 3, 4 }, KernelSource.kernel("1 2\n3 4", KernelSource.NO_IMAGES).toArray());
		assertArrayEquals(new float[] { 1, -2, 3 }, KernelSource.bias("1, -2, 3"));
	}

	@Test
	void anythingElseIsRefusedByName() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> KernelSource.kernel("blobs", KernelSource.NO_IMAGES));
		assertTrue(e.getMessage().startsWith("kernel 'blobs' is neither"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> KernelSource.kernel(dir.resolve("missing.npy").toString(),
			KernelSource.NO_IMAGES));
		assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> KernelSource.kernel("[1, 2, 3]", KernelSource.NO_IMAGES));
		assertTrue(e.getMessage().contains("has shape [3]"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> KernelSource.bias("abc"));
		assertTrue(e.getMessage().contains("bias 'abc'"), e.getMessage());
	}
}
