package convkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The messages a first-hour user meets on the command line: each a sentence with the value and the way out. */
class FirstHourMessagesTest {

	@TempDir
	Path dir;

	private static final String CELLS = Paths.get("samples", "cells.tif").toString();

	private static MainTest.Result refused(String... args) {
		MainTest.Result r = MainTest.run(args);
		assertEquals(2, r.status, String.join(" ", args) + ": " + r.out + r.err);
		assertEquals(1, r.err.split("\n").length, "one line: " + r.err);
		return r;
	}

	@Test
	void mistypedKeysAndValuesGetTheOneMeant() {
		assertTrue(refused("conv", "input=" + CELLS, "kernel=box(3)", "strid=2").err.contains(
			"unknown option 'strid'; did you mean 'stride'? allowed are input, output, kernel, bias, stride, padding"));
		assertTrue(refused("conv", "input=" + CELLS, "kernel=box(3)", "padding=sam").err.contains(
			"padding 'sam' is not understood; did you mean same?"));
		assertTrue(refused("conv", "input=" + CELLS, "kernel=gauss(2)").err.contains("did you mean the preset gaussian(sigma)?"));
		assertTrue(refused("conv", "input=" + CELLS, "kernel=box(3)", "padding_mode=mirror").err.contains(
			"padding_mode 'mirror' is not known; did you mean reflect (mirror in scipy.ndimage)?"));
		assertTrue(refused("conv", "input=" + CELLS, "kernel=box(3)", "padding_mode=BORDER_WRAP").err.contains(
			"did you mean circular (BORDER_WRAP in OpenCV)?"));
		assertTrue(refused("conv", "input=" + CELLS, "kernel=box(3)", "method=winogard").err.contains("did you mean winograd?"));
	}

	@Test
	void aFileNamedWithoutItsKeyIsToldToWriteInput() {
		MainTest.Result r = refused("conv", CELLS, "kernel=box(3)");
		assertTrue(r.err.contains("'" + CELLS + "' is not an option; name a file with its key, e.g. input=" + CELLS), r.err);
	}

	@Test
	void aRunWithoutOutputSaysThatNothingWasWritten() {
		MainTest.Result r = MainTest.run("conv", "input=" + CELLS, "kernel=box(3)");
		assertEquals(0, r.status, r.err);
		assertTrue(r.out.contains("nothing written: no output= was given (add output=FILE.tif or output=FILE.npy"), r.out);
	}

	@Test
	void aCutNpyFileIsNamedAndSaidToBeCut() throws IOException {
		Path magicOnly = dir.resolve("magic.npy");
		Files.write(magicOnly, new byte[] { (byte) 0x93, 'N', 'U', 'M', 'P', 'Y' });
		MainTest.Result r = refused("conv", "input=" + magicOnly, "kernel=box(3)", "output=" + dir.resolve("o.tif"));
		assertTrue(r.err.contains(magicOnly + ": the file ends early, before its header and values are complete; it is cut short"),
			r.err);
		assertFalse(r.err.contains("(no message)"), r.err);
		assertFalse(Files.exists(dir.resolve("o.tif")));
		MainTest.Result k = refused("conv", "input=" + CELLS, "kernel=" + magicOnly);
		assertTrue(k.err.contains("the file ends early"), k.err);
	}

	@Test
	void conv3dOnAPlaneSaysItIsNotAZStack() {
		MainTest.Result r = refused("conv3d", "input=" + CELLS, "kernel=[box3d(3)]", "padding=same");
		assertTrue(r.err.contains("'cells.tif' has one slice, so it is not a z-stack: Conv3D convolves volumes"), r.err);
		assertTrue(r.err.contains("conv on the command line"), r.err);
	}

	@Test
	void theWarmUpCanBeLeftOutAndIsAnOptionTableRow() {
		MainTest.Result r = MainTest.run("conv", "input=" + CELLS, "kernel=box(3)", "warmup=no");
		assertEquals(0, r.status, r.err);
		assertTrue(refused("conv", "input=" + CELLS, "kernel=box(3)", "warmup=maybe").err.contains(
			"warmup 'maybe' is not understood; allowed are yes and no"));
		String help = MainTest.run("conv", "--help").out;
		assertTrue(help.contains("  warmup=yes|no") && help.contains("compile the convolution's loops"), help);
		assertTrue(refused("batch", "input=samples", "output=" + dir.resolve("o"), "kernel=box(3)", "warmup=no").err.contains(
			"unknown option 'warmup'"), "a batch has no warm-up of its own");
	}

	@Test
	void aPyTorchLayersArgumentsPasteAsPyTorchWritesThem() {
		// nn.Conv2d(3, 2, 3, stride=(1, 1), padding='same', dilation=(1, 2), padding_mode='reflect') on the sample
		MainTest.Result quoted = MainTest.run("conv", "input=" + CELLS, "kernel=samples/edges_3to2.npy", "stride=(1, 1)",
			"padding='same'", "dilation=(1, 2)", "padding_mode='reflect'");
		MainTest.Result plain = MainTest.run("conv", "input=" + CELLS, "kernel=samples/edges_3to2.npy", "stride=1", "padding=same",
			"dilation=2,1", "padding_mode=reflect");
		assertEquals(0, quoted.status, quoted.err);
		assertEquals(plain.out, quoted.out, "PyTorch's quoted strings read as the plain words");
		assertTrue(refused("conv", "input=" + CELLS, "kernel=box(3)", "kernel_size=(3, 3)").err.contains(
			"'kernel_size' is PyTorch's; the kernel's size and channels come from its weights"));
		assertTrue(refused("conv", "input=" + CELLS, "kernel=samples/edges_3to2.npy", "bias=True").err.contains(
			"bias 'True' is PyTorch's switch; ConvKit takes the bias values"));
		assertTrue(refused("conv", "input=" + CELLS, "kernel=box(3)", "output_type=sam").err.contains("did you mean same?"));
	}
}
