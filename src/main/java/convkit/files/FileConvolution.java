package convkit.files;

import convkit.engine.Conv2d;
import convkit.engine.ConvPlan;
import convkit.engine.Execution;
import convkit.engine.Kernel;
import convkit.engine.Tensor;
import convkit.options.ConvOptions;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One input file convolved: read and planned when made, computed by {@link #run}, written by {@link #write}. */
public final class FileConvolution {

	public final Path inputPath;
	public final TensorFiles.Input input;
	public final ConvPlan plan;
	private final ConvOptions options;
	private List<Tensor> results;

	private FileConvolution(Path inputPath, TensorFiles.Input input, ConvPlan plan, ConvOptions options) {
		this.inputPath = inputPath;
		this.input = input;
		this.plan = plan;
		this.options = options;
	}

	/** Reads {@code in} and resolves the convolution against its shape; refuses what cannot work. */
	public static FileConvolution prepare(Path in, ConvOptions options, Kernel kernel, float[] bias) throws IOException {
		TensorFiles.Input input = TensorFiles.read(in, options.channels());
		Tensor first = input.tensors.get(0);
		ConvPlan plan = ConvPlan.of(first.channels(), first.height(), first.width(), kernel, bias, options.spec());
		return new FileConvolution(in, input, plan, options);
	}

	/** Refuses an output file that cannot hold the result, before any work. */
	public void checkOutput(Path out) {
		if (TensorFiles.isNpy(out) && input.tensors.size() > 1) {
			throw new IllegalArgumentException("a .npy output holds one [C, H, W] tensor, but '" + inputPath + "' has "
				+ input.tensors.size() + " z/t positions; write a .tif instead");
		}
	}

	/** Number of z/t positions (tensors) in the input. */
	public int positions() {
		return input.tensors.size();
	}

	/** Convolves every position. */
	public void run(Execution exec) {
		List<Tensor> res = new ArrayList<>(input.tensors.size());
		for (Tensor t : input.tensors) res.add(Conv2d.run(plan, t, exec));
		results = res;
	}

	/** Writes the results to {@code out} through a temporary file in {@code temporaryDir}. */
	public void write(Path out, Path temporaryDir) throws IOException {
		if (results == null) throw new IllegalStateException("run() first");
		String info = "ConvKit Conv2D\ninput: " + inputPath + "\noptions: " + options.toOptionString() + "\n";
		TensorFiles.write(out, temporaryDir, input, results, plan, info);
	}
}
