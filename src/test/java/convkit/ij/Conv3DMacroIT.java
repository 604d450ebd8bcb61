package convkit.ij;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.ijtest.DialogDriver;
import convkit.ijtest.ImageJRunner;
import convkit.io.NdArray;
import convkit.testing.CaseFiles;
import convkit.testing.ConformanceCase;
import convkit.testing.Tolerance;
import ij.ImagePlus;
import ij.io.Opener;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run("Conv3D...", ...)} in a real ImageJ 1 under Xvfb: the 3-D PyTorch cases on hyperstacks
 * made as users make them ({@code Raw...}, then {@code Stack to Hyperstack...}), every voxel
 * compared, the input unchanged; the dialog's recorded line replays to the same voxels; bad
 * options abort the macro with the message.
 */
class Conv3DMacroIT {

	@TempDir
	static Path dir;

	static ImageJRunner imagej;

	@BeforeAll
	static void startImageJHome() throws IOException {
		imagej = new ImageJRunner(dir);
	}

	private static String path(Path p) {
		return p.toString().replace("\\", "/");
	}

	/** The case's input as a raw little-endian float32 file, planes in ImageJ's xyczt order (channel fastest). */
	private static Path raw(ConformanceCase c, Path folder) throws IOException {
		NdArray in = c.array("input");
		int[] s = in.shape(); // [C, D, H, W]
		float[] v = in.toArray();
		int plane = s[2] * s[3];
		ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
		for (int z = 0; z < s[1]; z++) {
			for (int ch = 0; ch < s[0]; ch++) {
				for (int i = 0; i < plane; i++) b.putFloat(v[(ch * s[1] + z) * plane + i]);
			}
		}
		Path p = folder.resolve(c.name() + ".raw");
		Files.write(p, b.array());
		return p;
	}

	@Test
	void conformanceCasesMatchOnHyperstacksMadeFromRawFiles() throws Exception {
		List<ConformanceCase> cases = new ArrayList<>(ConformanceCase.load("conformance3d", "cases.tsv"));
		cases.addAll(ConformanceCase.load("conformance3d-extra", "cases.tsv"));
		Path data = Files.createDirectories(dir.resolve("conformance3d"));
		StringBuilder macro = new StringBuilder(Conv2DMacroIT.FINGERPRINT);
		for (ConformanceCase c : cases) {
			CaseFiles.copy(c, data);
			int[] s = c.array("input").shape();
			macro.append("run('Raw...', 'open=[").append(path(raw(c, data))).append("] image=[32-bit Real] width=").append(s[3])
				.append(" height=").append(s[2]).append(" number=").append(s[0] * s[1]).append(" little-endian');\n");
			macro.append("run('Stack to Hyperstack...', 'order=xyczt(default) channels=").append(s[0]).append(" slices=").append(s[1])
				.append(" frames=1 display=Grayscale');\n");
			macro.append("id = getImageID(); fp = fingerprint(id);\n");
			StringBuilder opts = new StringBuilder();
			for (String a : CaseFiles.convArguments(c, data)) opts.append(a).append(' ');
			macro.append("run('Conv3D...', '").append(opts.toString().trim()).append("');\n");
			macro.append("saveAs('Tiff', '").append(path(data.resolve(c.name() + ".out.tif"))).append("');\n");
			macro.append("print('same-").append(c.name()).append("=' + (fp == fingerprint(id))); close('*');\n");
		}
		String out = imagej.macro("batch", macro.toString());
		assertFalse(out.contains("MACRO ERROR"), out);
		for (ConformanceCase c : cases) {
			assertEquals("1", ImageJRunner.value(out, "same-" + c.name()), c.name() + ": input changed");
			ImagePlus res = new Opener().openImage(data.resolve(c.name() + ".out.tif").toString());
			int[] e = c.array("expected").shape(); // [C_out, D_out, H_out, W_out]
			assertArrayEquals(new int[] { e[0], e[1], e[2], e[3] }, new int[] { res.getNChannels(), res.getNSlices(), res.getHeight(),
				res.getWidth() }, c.name() + " shape");
			float[] got = new float[e[0] * e[1] * e[2] * e[3]];
			for (int co = 0; co < e[0]; co++) {
				for (int z = 0; z < e[1]; z++) {
					float[] px = (float[]) res.getStack().getProcessor(res.getStackIndex(co + 1, z + 1, 1)).getPixels();
					System.arraycopy(px, 0, got, (co * e[1] + z) * px.length, px.length);
				}
			}
			Tolerance.assertClose(c.expected(), Tolerance.roundingFloor(c.reference()), got, 1e-4, c.name());
		}
	}

	@Test
	void dialogRecordsALineThatReplaysToTheSameVoxels() throws Exception {
		Path shots = Paths.get("target", "screenshots").toAbsolutePath();
		String out = imagej.java(DialogDriver.class.getName(), shots.toString(), "samples/nuclei3d.tif", "gaussian3d(2, 2, 0.8)", "",
			"1", "same", "reflect", "1", "Conv3D");
		assertEquals("run(\"Conv3D...\", \"kernel=[gaussian3d(2, 2, 0.8)] stride=1 padding=same padding_mode=reflect value=0"
			+ " dilation=1 groups=1 output_type=float convert=clamp\");", ImageJRunner.value(out, "RECORDED"));
		assertEquals("true", ImageJRunner.value(out, "REPLAY_SAME"), out);
		assertTrue(ImageJRunner.value(out, "STATUS").startsWith("Output [1, 36, 72, 80] per frame; receptive field 13 x 13 x 7"),
			"live output size in the dialog: " + out);
		assertTrue(Files.size(shots.resolve("dialog3d.png")) > 1000);
	}

	@Test
	void browsePreviewRecordAndReplayWithAVolumeKernelAndBias() throws Exception {
		Path shots = Paths.get("target", "screenshots").toAbsolutePath();
		Path folder = Files.createDirectories(dir.resolve("browse3d"));
		Path stack = Files.copy(Paths.get("samples", "nuclei3d.tif"), folder.resolve("nuclei3d.tif"));
		float[] w = new float[2 * 27];
		for (int i = 0; i < 27; i++) {
			w[i] = 1f / 27;
			w[27 + i] = (i % 3) - 1;
		}
		Path kernel = folder.resolve("w3d.npy");
		Path bias = folder.resolve("b3d.npy");
		try (java.io.OutputStream os = Files.newOutputStream(kernel)) {
			convkit.io.Npy.write(os, new int[] { 2, 1, 3, 3, 3 }, w);
		}
		try (java.io.OutputStream os = Files.newOutputStream(bias)) {
			convkit.io.Npy.write(os, new int[] { 2 }, new float[] { 10, -5 });
		}
		String out = imagej.java(convkit.ijtest.BrowseDialogDriver.class.getName(), shots.toString(), stack.toString(),
			kernel.toString(), bias.toString(), "Conv3D");
		assertEquals(folder.toString(), ImageJRunner.value(out, "BROWSE_FOLDER"), out);
		assertEquals("1", ImageJRunner.value(out, "KERNEL_KEYS"), out);
		assertEquals("1", ImageJRunner.value(out, "BIAS_KEYS"), out);
		assertEquals("run(\"Conv3D...\", \"kernel=" + kernel + " bias=" + bias + " stride=2 padding=0 padding_mode=zeros value=0"
			+ " dilation=1 groups=1 output_type=float convert=clamp\");", ImageJRunner.value(out, "RECORDED"));
		assertEquals("78x70x34x2", ImageJRunner.value(out, "PREVIEW_SIZE"), "the frame's volume, padding 0: " + out);
		assertEquals("39x35x17x2", ImageJRunner.value(out, "PREVIEW_AFTER_STRIDE"), out);
		assertEquals("true", ImageJRunner.value(out, "PREVIEW_CLOSED"), out);
		assertEquals("true", ImageJRunner.value(out, "REPLAY_SAME"), out);
	}

	@Test
	void theDemoMacroFindsTheSampleBesideItselfWhereverItRuns() throws Exception {
		// a copy of the macro in a kit of its own, with a stack of another size as its sample: the
		// macro must take the one beside it, not the one in the folder ImageJ runs in
		Path kit = dir.resolve("kit");
		Files.createDirectories(kit.resolve("macros"));
		Files.createDirectories(kit.resolve("samples"));
		Path macro = Files.copy(Paths.get("macros", "conv3d_demo.ijm"), kit.resolve("macros").resolve("conv3d_demo.ijm"));
		ij.ImageStack st = new ij.ImageStack(20, 10);
		for (int i = 0; i < 6; i++) st.addSlice(new ij.process.FloatProcessor(20, 10));
		ImagePlus small = new ImagePlus("small", st);
		small.getCalibration().pixelWidth = 0.2;
		small.getCalibration().pixelHeight = 0.2;
		small.getCalibration().pixelDepth = 0.5;
		small.getCalibration().setUnit("micron");
		assertTrue(new ij.io.FileSaver(small).saveAsTiffStack(kit.resolve("samples").resolve("nuclei3d.tif").toString()));
		String out = imagej.macro("batch", "runMacro('" + path(macro) + "', '');\n");
		assertTrue(out.contains("conv3d: nuclei3d-conv, 20 x 10 x 6"), out);
		Files.delete(kit.resolve("samples").resolve("nuclei3d.tif"));
		Files.move(kit.resolve("samples"), kit.resolve("elsewhere"));
		String fallback = imagej.macro("batch", "runMacro('" + path(macro) + "', '');\n");
		assertTrue(fallback.contains("conv3d: nuclei3d-conv, 80 x 72 x 36"), "none beside it: the one in the folder ImageJ runs in: "
			+ fallback);
	}

	@Test
	void anImageWithOneSliceIsRefusedWithTheWayToConv2D() throws Exception {
		imagej.assertEachAborts("'32-bit ramp', 6, 5, 1", "Conv3D...", new String[][] {
			{ "kernel=[box3d(3)] padding=same", "has one slice, so it is not a z-stack: Conv3D convolves volumes" },
			{ "kernel=[box3d(3)]", "use Conv2D for single planes" } });
	}

	@Test
	void exampleMacroSmoothsTheSampleStackAndDrawsOrthogonalViews() throws Exception {
		Path png = Paths.get("target", "screenshots").toAbsolutePath().resolve("conv3d.png");
		Files.createDirectories(png.getParent());
		String out = imagej.macro("batch", "runMacro('" + path(Paths.get("macros", "conv3d_demo.ijm").toAbsolutePath()) + "', '"
			+ path(Paths.get("samples", "nuclei3d.tif").toAbsolutePath()) + " " + path(png) + "');\n");
		// same padding keeps the size; the calibration is the input's (stride 1)
		assertTrue(out.contains("conv3d: nuclei3d-conv, 80 x 72 x 36, voxel 0.2 x 0.2 x 0.5 micron"), out);
		assertTrue(out.contains("method: separable"), "a 3-D gaussian runs as three 1-D passes: " + out);
		assertTrue(out.contains("nn.Conv3d(1, 1, kernel_size=(7, 17, 17)"), out);
		assertTrue(Files.size(png) > 10000);
	}

	@Test
	void badOptionsAbortTheMacroWithTheMessageAndCreateNothing() throws Exception {
		String[][] bad = {
			{ "kernel=[box3d(3)] stride=1,1,0", "stride must be positive: 1,1,0" },
			{ "kernel=[box3d(3)] padding=1,1,1,1,4,4 padding_mode=reflect", "front padding 4 with input depth 4 (allowed 0..3)" },
			{ "kernel=[box3d(5)]", "output size along z would be 0" },
			{ "kernel=[box(3)]", "a 2-D kernel is for Conv2D" },
			{ "kernel=[box3d(3)] padding=1,1", "a 3-D convolution takes P, PX,PY,PZ or L,R,T,B,F,K" },
			{ "kernel=[box3d(3)] channels=slices", "channels=slices is for Conv2D" } };
		imagej.assertEachAborts("'32-bit ramp', 6, 5, 4", "Conv3D...", bad); // one ImageJ for all
	}
}
