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

/** An open image convolved into a file instead of a new image ({@code output=}). */
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
}
