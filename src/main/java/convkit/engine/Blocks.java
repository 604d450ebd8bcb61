package convkit.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a run's output into {@link OutputBlock}s: per position and group, channel chunks, boxes
 * of planes and rows, and column tiles as large as the algorithm asks for; then smaller (rows
 * first, then planes) until every thread has a few blocks, where the output allows.
 */
final class Blocks {

	private Blocks() {}

	/** The blocks of {@code positions} outputs of {@code plan} computed by {@code algorithm} on {@code threads} threads. */
	static List<OutputBlock> of(ConvPlan plan, ConvAlgorithm algorithm, int positions, int threads) {
		int groups = plan.groups();
		int coG = plan.outChannelsPerGroup();
		int outD = plan.outputDepth();
		int outH = plan.outputHeight();
		int outW = plan.outputWidth();
		long wanted = Math.max(1, threads * 4L);
		int tiles = ceilDiv(outW, Math.max(1, algorithm.maxTileWidth()));
		int tileW = ceilDiv(outW, tiles);
		tiles = ceilDiv(outW, tileW);
		int channelChunk = coG;
		long regions = (long) positions * groups * outD * outH * tiles;
		// Few regions and many channels: split channels too, so every thread gets work on small outputs.
		if (regions < wanted && coG > 1) {
			int pieces = (int) Math.min(coG, (wanted + regions - 1) / regions);
			channelChunk = ceilDiv(coG, pieces);
		}
		int chunks = ceilDiv(coG, channelChunk);
		int[] band = algorithm.maxBand(channelChunk, tileW);
		int planes = Math.max(1, Math.min(outD, band[0]));
		int rows = Math.max(1, Math.min(outH, band[1]));
		long perBox = (long) positions * groups * chunks * tiles;
		while (perBox * ceilDiv(outD, planes) * ceilDiv(outH, rows) < wanted && (rows > 1 || planes > 1)) {
			if (rows > 1) rows = ceilDiv(rows, 2);
			else planes = ceilDiv(planes, 2);
		}
		rows = ceilDiv(outH, ceilDiv(outH, rows));
		planes = ceilDiv(outD, ceilDiv(outD, planes));
		List<OutputBlock> list = new ArrayList<>();
		for (int p = 0; p < positions; p++) {
			for (int g = 0; g < groups; g++) {
				for (int c0 = 0; c0 < coG; c0 += channelChunk) {
					for (int z0 = 0; z0 < outD; z0 += planes) {
						for (int y0 = 0; y0 < outH; y0 += rows) {
							for (int x0 = 0; x0 < outW; x0 += tileW) {
								list.add(new OutputBlock(p, g, g * coG + c0, g * coG + Math.min(coG, c0 + channelChunk), z0,
									Math.min(outD, z0 + planes), y0, Math.min(outH, y0 + rows), x0, Math.min(outW, x0 + tileW)));
							}
						}
					}
				}
			}
		}
		return list;
	}

	/** The widest column tile any block of {@code plan} gets with {@code algorithm}. */
	static int tileCapacity(ConvPlan plan, ConvAlgorithm algorithm) {
		return Math.min(plan.outputWidth(), algorithm.maxTileWidth());
	}

	static int ceilDiv(int a, int b) {
		return (a + b - 1) / b;
	}
}
