package convkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every failure names the thing, what it is and what is allowed: never "(no message)", "null" or
 * "internal error" for a file that is merely bad; the hostile suite's style (exit status, one
 * line, no file added or changed).
 */
class FailureMessagesTest {

	@TempDir
	Path dir;

	private MainTest.Result refused(int status, String says, String... args) throws IOException {
		Map<String, String> before = HostileInputTest.hashes(dir);
		MainTest.Result r = MainTest.run(args);
		assertEquals(status, r.status, String.join(" ", args) + ": " + r.err);
		HostileInputTest.assertOneLine(r.err, String.join(" ", args));
		assertTrue(r.err.contains(says), "'" + says + "' not in " + r.err);
		for (String bad : new String[] { "(no message)", ": null", "internal error", "Exception" }) {
			assertFalse(r.err.contains(bad), r.err);
		}
		assertEquals(before, HostileInputTest.hashes(dir), "nothing added or changed");
		return r;
	}

	private Path npyHeader(String name, String header, int dataBytes) throws IOException {
		StringBuilder h = new StringBuilder(header);
		while ((10 + h.length() + 1) % 64 != 0) h.append(' ');
		h.append('\n');
		ByteBuffer b = ByteBuffer.allocate(10 + h.length() + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
		b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0).putShort((short) h.length());
		b.put(h.toString().getBytes(StandardCharsets.US_ASCII));
		return Files.write(dir.resolve(name), b.array());
	}

	@Test
	void specialAndEmptyPathsAreNamedForWhatTheyAre() throws Exception {
		refused(2, "input '/dev/null' is not a regular file (a device, a pipe or another special file)", "conv", "input=/dev/null",
			"kernel=box(3)");
		refused(2, "input '/dev/zero' is not a regular file", "conv", "input=/dev/zero", "kernel=box(3)");
		Path fifo = dir.resolve("pipe.npy");
		Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
		assertEquals(0, mk.waitFor());
		refused(2, "is not a regular file", "conv", "input=" + fifo, "kernel=box(3)");
		refused(2, "input is empty; give a .npy or image file", "conv", "input=", "kernel=box(3)");
		Path x = npyHeader("x.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (4, 5), }", 80);
		refused(2, "output is empty; give a .tif or .npy file", "conv", "input=" + x, "kernel=box(3)", "output=");
	}

	@Test
	void npyHeadersAreReadAsNumpyReadsThemOrRefusedByName() throws Exception {
		Path big = npyHeader("big.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (1099511627776, 2), }", 8);
		refused(2, "has a size 1099511627776 along axis 0, more than a Java array holds", "conv", "input=" + big, "kernel=box(3)");
		Path twice = npyHeader("twice.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 2), 'shape': (4, 5), }", 80);
		refused(2, ".npy header gives 'shape' twice", "conv", "input=" + twice, "kernel=box(3)");
		Path noOrder = npyHeader("noorder.npy", "{'descr': 'f4', 'fortran_order': False, 'shape': (4, 5), }", 80);
		MainTest.Result ok = MainTest.run("conv", "input=" + noOrder, "kernel=box(3)");
		assertEquals(0, ok.status, "descr 'f4' is numpy's native little-endian float32: " + ok.err);
	}

	@Test
	void valuesOutOfRangeAreNamedAsSuch() throws Exception {
		Path x = npyHeader("x.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (4, 5), }", 80);
		refused(2, "sigma 1.0E-300 is not allowed (0.01 <= sigma <= 100", "conv", "input=" + x, "kernel=gaussian(1e-300)");
		refused(2, "bias '1e39,0,0': row 1: '1e39' is not a finite number", "conv", "input=" + x, "kernel=box(3)", "bias=1e39,0,0");
		refused(2, "layer 1: 'k=5' \u2014 k is given twice", "calc", "layers=[conv k=3 k=5]", "size=10");
		refused(2, "option 'kernel' is given twice", "conv", "input=" + x, "kernel=box(3)", "kernel=box(5)");
	}

	@Test
	void damagedImageFilesAreNamedAsDamaged() throws Exception {
		Path empty = Files.write(dir.resolve("empty.tif"), new byte[0]);
		refused(2, "input '" + empty + "' has 0 bytes: too short to be a TIFF", "conv", "input=" + empty, "kernel=box(3)");
		Path atZero = Files.write(dir.resolve("zero.tif"), new byte[] { 'I', 'I', 42, 0, 0, 0, 0, 0, 1, 2, 3, 4 });
		refused(2, "has no readable image directory", "conv", "input=" + atZero, "kernel=box(3)");
		ByteBuffer many = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
		many.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8).putShort((short) 0xffff);
		Path entries = Files.write(dir.resolve("entries.tif"), many.array());
		refused(2, "directory 1 at byte 8 claims 65535 entries", "conv", "input=" + entries, "kernel=box(3)");
		byte[] noise = new byte[4000];
		new Random(7).nextBytes(noise);
		noise[0] = 'G';
		noise[1] = 'I';
		noise[2] = 'F';
		noise[3] = '8';
		noise[4] = '9';
		noise[5] = 'a';
		Path gif = Files.write(dir.resolve("noise.gif"), noise);
		MainTest.Result r = MainTest.run("conv", "input=" + gif, "kernel=box(3)");
		assertEquals(2, r.status, r.err);
		assertTrue(r.err.contains("noise.gif"), r.err);
		assertFalse(r.err.contains("internal error"), r.err);
	}

	@Test
	void namesDifferingInCaseAreTwoOutputsOnACaseSensitiveFileSystem() throws Exception {
		Path in = Files.createDirectories(dir.resolve("in"));
		npyHeader("in/a.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (4, 5), }", 80);
		npyHeader("in/A.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (4, 5), }", 80);
		MainTest.Result r = MainTest.run("batch", "input=" + in, "output=" + dir.resolve("out"), "kernel=box(3)", "pattern=*.npy");
		assertEquals(0, r.status, r.err);
		assertTrue(Files.exists(dir.resolve("out/a.npy")) && Files.exists(dir.resolve("out/A.npy")), r.out);
	}

	@Test
	void aFileGoneMidRunIsSaidToBeGone() {
		assertEquals("file 'in.tif' does not exist (any more)", convkit.run.Failures.describe(new java.nio.file.NoSuchFileException("in.tif")));
		assertEquals("read error: a file ends early (cut short, or still being written)",
			convkit.run.Failures.describe(new java.io.EOFException()));
		assertEquals("read or write error: IOException", convkit.run.Failures.describe(new IOException()));
	}
}
