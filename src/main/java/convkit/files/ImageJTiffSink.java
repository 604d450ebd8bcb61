package convkit.files;

import convkit.engine.Shape;
import convkit.engine.Tensor;
import convkit.geometry.OutputGeometry;
import convkit.image.ImageSink;
import convkit.image.ImageSource;
import convkit.image.ImageTensors;
import convkit.io.AtomicOutput;
import convkit.run.OutputPixels;
import convkit.run.PositionSource;
import ij.measure.Calibration;

import java.io.IOException;
import java.nio.file.Path;

/** A hyperstack as TIFF, made as an ImageJ image and written by ImageJ. */
final class ImageJTiffSink extends FileSink {

	private final ImageSink image;

	ImageJTiffSink(Path target, Path temporaryDir, PositionSource source) {
		super(target, temporaryDir);
		String title = target.getFileName().toString();
		if (source instanceof ImageSource) {
			ImageSource s = (ImageSource) source;
			image = new ImageSink(s.calibration(), title, s.layout().slices(), s.layout().frames());
		}
		else {
			image = new ImageSink(new Calibration(), title, 1, source.positions());
		}
	}

	@Override
	public long retainedBytes(Shape shape, int positions, OutputPixels pixels) {
		return image.retainedBytes(shape, positions, pixels);
	}

	@Override
	public void begin(Shape shape, int positions, OutputPixels pixels) {
		image.begin(shape, positions, pixels);
	}

	@Override
	public void accept(int p, Tensor output) {
		image.accept(p, output);
	}

	@Override
	public void finish(OutputGeometry geometry, String info) throws IOException {
		image.finish(geometry, info);
		AtomicOutput.write(target, temporaryDir, tmp -> {
			if (!ImageTensors.saveTiff(image.image(), tmp.toString())) throw new IOException("ImageJ could not write " + target);
		});
	}

	@Override
	public void abort() {
		image.abort();
	}
}
