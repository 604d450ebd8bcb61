package convkit.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an output may not be — the input, the kernel, the bias, by any spelling, through links
 * and hard links, also when the output does not exist yet — and how outputs are named; the
 * hostile suite's refusals, one rule at a time.
 */
class OutputPolicyTest {

	@TempDir
	Path dir;

	@Test
	void titlesDropTheExtensionOnly() {
		assertEquals("cells-conv", OutputPolicy.title("cells.tif"));
		assertEquals("a.b-conv", OutputPolicy.title("a.b.OME.TIFF"));
		assertEquals("x-conv", OutputPolicy.title("x.npy"));
		assertEquals(".tif-conv", OutputPolicy.title(".tif"), "a name that is only an extension keeps it");
		assertEquals("photo.raw-conv", OutputPolicy.title("photo.raw"));
	}

	@Test
	void anOutputThatIsAFileTheRunReadsIsRefusedByAnySpelling() throws IOException {
		Path input = Files.write(dir.resolve("in.tif"), new byte[] { 1 });
		Path kernel = Files.write(dir.resolve("k.npy"), new byte[] { 2 });
		Path bias = Files.write(dir.resolve("b.npy"), new byte[] { 3 });
		Map<String, Path> reads = new LinkedHashMap<>();
		reads.put("kernel", kernel);
		reads.put("bias", bias);
		Path sub = Files.createDirectories(dir.resolve("sub"));
		Path kernelLink = Files.createSymbolicLink(dir.resolve("k-link.npy"), kernel);
		Path biasHard = Files.createLink(dir.resolve("b-hard.npy"), bias);

		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> OutputPolicy.checkWrites(Optional.of(input), reads, Optional.of(sub.resolve("../in.tif"))));
		assertEquals("output '" + sub.resolve("../in.tif") + "' is the input file '" + input
			+ "'; write the result to another file (the input is never changed)", e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> OutputPolicy.checkWrites(Optional.of(input), reads, Optional.of(kernelLink)));
		assertEquals("output '" + kernelLink + "' is the kernel file '" + kernel
			+ "' this run reads; write the result to another file (no file a run reads is changed)", e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> OutputPolicy.checkNotRead(reads, Optional.of(biasHard)));
		assertTrue(e.getMessage().startsWith("output '" + biasHard + "' is the bias file '" + bias + "'"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> OutputPolicy.checkNotRead(reads, Optional.of(kernel)));
		assertTrue(e.getMessage().contains("is the kernel file"), e.getMessage());

		OutputPolicy.checkWrites(Optional.of(input), reads, Optional.of(dir.resolve("out.tif")));
		OutputPolicy.checkWrites(Optional.empty(), reads, Optional.empty());
		OutputPolicy.checkDistinct(Optional.empty(), Optional.of(input));
		OutputPolicy.checkDistinct(Optional.of(input), Optional.empty());
	}

	@Test
	void sameFileAlsoWhenOneDoesNotExistYet() throws IOException {
		Path real = Files.createDirectories(dir.resolve("real"));
		Path link = Files.createSymbolicLink(dir.resolve("link"), real);
		// neither exists: the same through the folder's link
		assertTrue(OutputPolicy.same(real.resolve("new.tif"), link.resolve("new.tif")));
		assertTrue(OutputPolicy.same(real.resolve("a/b/new.tif"), link.resolve("a/../a/b/new.tif")));
		assertFalse(OutputPolicy.same(real.resolve("new.tif"), link.resolve("other.tif")));
		Path file = Files.write(real.resolve("f.tif"), new byte[] { 1 });
		assertTrue(OutputPolicy.same(file, link.resolve("f.tif")));
		assertFalse(OutputPolicy.same(file, Files.write(real.resolve("g.tif"), new byte[] { 1 })), "two files with the same bytes");
		assertFalse(OutputPolicy.same(file, real.resolve("missing.tif")));
	}

	@Test
	void batchFoldersMayNeitherBeNorLieInsideTheInputFolder() throws IOException {
		Path in = Files.createDirectories(dir.resolve("in"));
		Path linkToIn = Files.createSymbolicLink(dir.resolve("in-link"), in);
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OutputPolicy.checkBatchFolders(in, linkToIn));
		assertTrue(e.getMessage().startsWith("output folder '" + linkToIn + "' is the input folder '" + in + "'"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> OutputPolicy.checkBatchFolders(in, linkToIn.resolve("not/yet")));
		assertTrue(e.getMessage().contains("lies inside the input folder"), e.getMessage());
		OutputPolicy.checkBatchFolders(in, dir.resolve("in-out"));
		OutputPolicy.checkBatchFolders(in, dir.resolve("out/deeper"));
		e = assertThrows(IllegalArgumentException.class, () -> OutputPolicy.checkBatchFolders(dir.resolve("missing"), dir.resolve("o")));
		assertTrue(e.getMessage().startsWith("cannot resolve the folders"), e.getMessage());
	}
}
