package convkit.files;

import convkit.io.AtomicOutput;
import convkit.engine.ConvPlan;
import convkit.engine.Tensor;
import convkit.ij.ImageTensors;
import convkit.ij.OutputCalibration;
import convkit.io.NdArray;
import convkit.io.Npy;
import convkit.options.ChannelMapping;
import ij.ImagePlus;
import ij.io.Opener;
import ij.measure.Calibration;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Reads the command line's input ({@code .npy} as {@code [C,H,W]} or {@code [H,W]}, or any image
 * ImageJ opens) and writes its output ({@code .npy}, or TIFF through ImageJ) atomically.
 */
public final class TensorFiles {

	/** An input: one tensor per (z, t) position, and the image it came from, if any. */
	public static final class Input {

		public final List<Tensor> tensors;
		public final int slices;
		public final int frames;
		public final ImagePlus image;

		Input(List<Tensor> tensors, int slices, int frames, ImagePlus image) {
			this.tensors = tensors;
			this.slices = slices;
			this.frames = frames;
			this.image = image;
		}
	}

	private TensorFiles() {}

	public static boolean isNpy(Path p) {
		return p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy");
	}

	public static boolean isTiff(Path p) {
		String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
		return n.endsWith(".tif") || n.endsWith(".tiff");
	}

	/** Refuses an output path that cannot be written, before any work is done. */
	public static void checkOutput(Path out) {
		if (!isNpy(out) && !isTiff(out)) {
			throw new IllegalArgumentException("output '" + out + "' has an unsupported extension; 32-bit results are"
				+ " written as .tif, .tiff or .npy");
		}
		Path dir = out.toAbsolutePath().getParent();
		if (dir == null || !Files.isDirectory(dir)) {
			throw new IllegalArgumentException("output folder '" + dir + "' does not exist");
		}
		if (Files.isDirectory(out)) throw new IllegalArgumentException("output '" + out + "' is a folder, not a file");
	}

	/** Reads {@code in}; refuses missing files and unsupported shapes with the reason. */
	public static Input read(Path in, ChannelMapping mapping) throws IOException {
		if (!Files.isRegularFile(in)) throw new IllegalArgumentException("input file '" + in + "' does not exist");
		if (isNpy(in)) {
			NdArray a = Npy.read(in);
			int[] s = a.shape();
			Tensor t;
			if (s.length == 2) t = Tensor.of(1, s[0], s[1], a.toArray());
			else if (s.length == 3) t = Tensor.of(s[0], s[1], s[2], a.toArray());
			else {
				throw new IllegalArgumentException("input '" + in + "' has shape " + a.shapeString()
					+ "; allowed are [C, H, W] and [H, W]");
			}
			return new Input(Collections.singletonList(t), 1, 1, null);
		}
		ImagePlus imp = new Opener().openImage(in.toString());
		if (imp == null) {
			throw new IllegalArgumentException("input '" + in + "' is not an image ImageJ can open (or not .npy)");
		}
		ImageTensors.Layout layout = ImageTensors.layout(imp, mapping);
		return new Input(ImageTensors.toTensors(imp, mapping, null), layout.slices(), layout.frames(), imp);
	}

	/** Writes the outputs to {@code out}: {@code .npy} holds one {@code [C,H,W]} tensor, TIFF a hyperstack. */
	public static void write(Path out, Input input, List<Tensor> outputs, ConvPlan plan, String info) throws IOException {
		write(out, out.toAbsolutePath().getParent(), input, outputs, plan, info);
	}

	/** As {@link #write(Path, Input, List, ConvPlan, String)}, with the temporary file in {@code temporaryDir}. */
	public static void write(Path out, Path temporaryDir, Input input, List<Tensor> outputs, ConvPlan plan, String info)
		throws IOException
	{
		if (isNpy(out)) {
			Tensor t = outputs.get(0);
			AtomicOutput.write(out, temporaryDir, tmp -> {
				try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
					Npy.write(os, new int[] { t.channels(), t.height(), t.width() }, t.toArray());
				}
			});
			return;
		}
		String title = out.getFileName().toString();
		ImagePlus imp = ImageTensors.toImage(outputs, input.slices, input.frames, title);
		Calibration cal = input.image == null ? new Calibration() : input.image.getCalibration();
		imp.setCalibration(OutputCalibration.of(cal, plan.x(), plan.y(), null));
		imp.setProperty("Info", info);
		AtomicOutput.write(out, temporaryDir, tmp -> {
			if (!ImageTensors.saveTiff(imp, tmp.toString())) throw new IOException("ImageJ could not write " + out);
		});
	}
}
