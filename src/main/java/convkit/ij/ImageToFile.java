package convkit.ij;

import convkit.engine.Execution;
import convkit.files.FileSinks;
import convkit.image.ImageConvolution;
import convkit.image.ImageSource;
import convkit.options.ConvOptions;
import convkit.run.ConvRunner;
import convkit.run.PositionSource;
import convkit.run.RunReport;
import ij.IJ;
import ij.ImagePlus;

import java.io.IOException;
import java.nio.file.Path;

/** An open image convolved, or run through a layer stack, into a file instead of a new image ({@code output=}). */
final class ImageToFile {

	private ImageToFile() {}

	/**
	 * {@code output=}: the result written to a TIFF file instead of a new image — plane by plane
	 * for a virtual stack, which is read plane by plane too, so neither is ever in memory whole.
	 */
	static void write(ImagePlus imp, ConvOptions options, Path output, Execution exec, String name) throws IOException {
		FileSinks.checkOutput(output);
		PositionSource source = ImageSource.of(imp, options.channels(), options.rank());
		RunReport report = new ConvRunner(ImageConvolution.job(options), ImageConvolution.IMAGEJ_MEMORY).run(source,
			FileSinks.sink(output, output.toAbsolutePath().getParent(), source), exec, 1);
		IJ.showProgress(1.0);
		String line = name + ": wrote " + output + " " + report.plan().outputShape() + (report.positions() > 1 ? " x "
			+ report.positions() + " positions" : "") + (source.streamed() ? ", plane by plane (virtual stack)" : "")
			+ ", method " + report.method();
		IJ.log(line);
		IJ.showStatus(line);
	}

	/**
	 * Runs {@code stack} on every position of {@code imp} into the TIFF or {@code .npy} file
	 * {@code output} instead of new images — plane by plane for a virtual stack, which is read plane
	 * by plane too; refused before any work when the output is a file the run reads ({@code reads}:
	 * the layers' weights) or the image's own file. The report, with the line that says what was written.
	 */
	static String stack(ImagePlus imp, convkit.engine.LayerStack stack, java.util.Map<String, java.nio.file.Path> reads, java.nio.file.Path output,
		Execution exec) throws java.io.IOException
	{
		FileSinks.checkOutput(output);
		ImageSource source = ImageSource.of(imp, convkit.options.ChannelMapping.AUTO, stack.rank());
		convkit.run.OutputPolicy.checkWrites(source.file(), reads, java.util.Optional.of(output));
		int positions = source.positions();
		convkit.run.StackRun run = convkit.run.StackRun.of(stack, source.shape(), false);
		convkit.run.PositionSink sink = FileSinks.sink(output, output.toAbsolutePath().getParent(), source);
		run.requireMemory(sink.retainedBytes(run.prepared().outputShape(), positions, convkit.run.OutputPixels.FLOAT), ImageConvolution.IMAGEJ_MEMORY);
		String[] report = new String[1]; // made once, after the run, for the output's info and the Log
		double[] millis = run.runInto(source, sink, exec, 1, () -> report[0] = run.report(exec, positions));
		return report[0] + String.format(java.util.Locale.ROOT, "time: %.1f ms%nwrote %s %s%s%s%n", millis[0], output, run.prepared().outputShape(),
			positions > 1 ? " x " + positions + " positions" : "", source.streamed() ? ", plane by plane (virtual stack)" : "");
	}
}
