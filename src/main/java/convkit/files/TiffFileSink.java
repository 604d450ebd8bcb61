package convkit.files;

import convkit.geometry.SpatialCalibration;

import java.nio.file.Path;

/**
 * A TIFF output written without ImageJ, laid out as the input: its z positions and frames, and
 * its calibration (the output's is derived from it). Whole ({@link PlainTiffSink}) or plane by
 * plane ({@link StreamedTiffSink}).
 */
abstract class TiffFileSink extends FileSink {

	final SpatialCalibration inputCalibration;
	final int slices;
	final int frames;

	TiffFileSink(Path target, Path temporaryDir, SpatialCalibration inputCalibration, int slices, int frames) {
		super(target, temporaryDir);
		this.inputCalibration = inputCalibration;
		this.slices = slices;
		this.frames = frames;
	}
}
