package convkit.files;

import convkit.engine.Shape;
import convkit.engine.Tensor;
import convkit.geometry.OutputGeometry;
import convkit.geometry.SpatialCalibration;
import convkit.run.OutputPlanes;
import convkit.run.PlaneCollector;
import convkit.io.AtomicOutput;
import convkit.run.OutputPixels;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A hyperstack TIFF written without ImageJ ({@link TiffWriter}): the same planes, labels,
 * calibration, {@code ConvKit.*} properties and Info as the ImageJ output of the same run.
 */
final class PlainTiffSink extends TiffFileSink {

	private final PlaneCollector collected;

	PlainTiffSink(Path target, Path temporaryDir, SpatialCalibration inputCalibration, int slices, int frames) {
		super(target, temporaryDir, inputCalibration, slices, frames);
		collected = new PlaneCollector(slices, frames);
	}

	@Override
	public long retainedBytes(Shape shape, int positions, OutputPixels px) {
		return collected.retainedBytes(shape, positions, px);
	}

	@Override
	public void begin(Shape shape, int positions, OutputPixels px) {
		collected.begin(shape, positions, px);
	}

	@Override
	public void accept(int p, Tensor output) {
		collected.accept(p, output);
	}

	@Override
	public void finish(OutputGeometry geometry, String info) throws IOException {
		Shape shape = collected.shape();
		OutputPixels pixels = collected.pixels();
		OutputPlanes planes = collected.take();
		List<Object> converted = planes.take(pixels);
		TiffWriter writer = new TiffWriter(shape.width(), shape.height(), shape.channels(), planes.depth(), frames,
			pixels.bits(), converted.size(), TiffWriter.displayRange(converted.get(0)), planes.labels(), inputCalibration.after(geometry),
			info, geometry.toProperties());
		writer.checkSize(); // refuses a file over 4 GB before anything is written
		AtomicOutput.write(target, temporaryDir, tmp -> {
			try (OutputStream os = Files.newOutputStream(tmp)) {
				writer.write(os, converted);
			}
		});
	}

	@Override
	public void abort() {
		collected.abort();
	}
}
