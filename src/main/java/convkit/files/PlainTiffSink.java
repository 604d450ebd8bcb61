package convkit.files;

import convkit.engine.ConvPlan;
import convkit.engine.Tensor;
import convkit.geometry.OutputGeometry;
import convkit.geometry.SpatialCalibration;
import convkit.image.OutputPlanes;
import convkit.io.AtomicOutput;
import convkit.run.OutputPixels;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A hyperstack TIFF written without ImageJ ({@link TiffWriter}): the same planes, labels,
 * calibration, {@code ConvKit.*} properties and Info as the ImageJ output of the same run.
 */
final class PlainTiffSink extends FileSink {

	private final SpatialCalibration inputCalibration;
	private final int slices;
	private final int frames;
	private ConvPlan plan;
	private OutputPixels pixels;
	private OutputPlanes planes;

	PlainTiffSink(Path target, Path temporaryDir, SpatialCalibration inputCalibration, int slices, int frames) {
		super(target, temporaryDir);
		this.inputCalibration = inputCalibration;
		this.slices = slices;
		this.frames = frames;
	}

	@Override
	public long retainedBytes(ConvPlan p, int positions, OutputPixels px) {
		return OutputPlanes.retainedBytes(p, positions, px);
	}

	@Override
	public void begin(ConvPlan p, int positions, OutputPixels px) {
		planes = new OutputPlanes(p, positions, slices, frames);
		plan = p;
		pixels = px;
	}

	@Override
	public void accept(int p, Tensor output) {
		planes.add(p, output);
	}

	@Override
	public void finish(OutputGeometry geometry, String info) throws IOException {
		TiffWriter writer = new TiffWriter(plan.outputWidth(), plan.outputHeight(), plan.outChannels(), planes.depth(), frames,
			pixels.bits(), planes.take(pixels), planes.labels(), inputCalibration.after(geometry), info, geometry.toProperties());
		planes = null;
		writer.size(); // refuses a file over 4 GB before anything is written
		AtomicOutput.write(target, temporaryDir, tmp -> {
			try (OutputStream os = Files.newOutputStream(tmp)) {
				writer.write(os);
			}
		});
	}

	@Override
	public void abort() {
		planes = null;
	}
}
