package convkit.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.testing.RandomCase;
import convkit.testing.Seeds;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * An image convolved tile by tile — each tile's input block with the halo {@link Tiles} gives, the
 * halo beyond the image made by the padding mode — equals the whole-image run bit for bit, with
 * {@code direct} and {@code separable}, for every padding mode at the borders, stride, dilation,
 * groups, bias, 2-D and 3-D.
 */
class TilingTest {

	private static final Method[] EXACT = { Method.DIRECT, Method.SEPARABLE };

	/** Cuts {@code n} outputs into 1 to 4 tiles at random: the cut points, 0 first and n last. */
	private static int[] cuts(Random r, int n) {
		int tiles = Math.min(n, 1 + r.nextInt(4));
		java.util.TreeSet<Integer> c = new java.util.TreeSet<>();
		c.add(0);
		c.add(n);
		while (c.size() < tiles + 1) c.add(1 + r.nextInt(n - 1));
		return c.stream().mapToInt(Integer::intValue).toArray();
	}

	/** Convolves {@code input} tile by tile and checks every tile against {@code whole}; returns the tiles compared. */
	private static int assertTilesEqualWhole(ConvPlan plan, Kernel kernel, float[] bias, Method m, Tensor input, Tensor whole, Random r,
		String what)
	{
		int rank = plan.rank();
		int[][] cuts = new int[3][];
		cuts[0] = cuts(r, plan.outputWidth());
		cuts[1] = cuts(r, plan.outputHeight());
		cuts[2] = rank == 3 ? cuts(r, plan.outputDepth()) : new int[] { 0, 1 };
		ConvSpec tileSpec = Tiles.tileSpec(plan.spec());
		int tiles = 0;
		for (int zi = 0; zi + 1 < cuts[2].length; zi++) {
			for (int yi = 0; yi + 1 < cuts[1].length; yi++) {
				for (int xi = 0; xi + 1 < cuts[0].length; xi++) {
					int[] from = { cuts[0][xi], cuts[1][yi], cuts[2][zi] };
					int[] to = { cuts[0][xi + 1], cuts[1][yi + 1], cuts[2][zi + 1] };
					Tensor block = Tiles.tileInput(plan, input, from, to);
					ConvPlan tilePlan = ConvPlan.of(block.shape(), kernel, bias, tileSpec);
					Tensor got = Convolution.prepare(tilePlan, m).run(block, Execution.defaults().withThreads(1 + r.nextInt(2)));
					assertEquals(to[0] - from[0], got.width(), what);
					assertEquals(to[1] - from[1], got.height(), what);
					for (int c = 0; c < got.channels(); c++) {
						for (int z = 0; z < got.depth(); z++) {
							for (int y = 0; y < got.height(); y++) {
								for (int x = 0; x < got.width(); x++) {
									float e = whole.get(c, from[2] + z, from[1] + y, from[0] + x);
									float g = got.get(c, z, y, x);
									if (Float.floatToIntBits(e) != Float.floatToIntBits(g)) {
										throw new AssertionError(what + " " + m + ": tile at " + java.util.Arrays.toString(from) + " differs at c" + c
											+ " z" + z + " y" + y + " x" + x + ": " + g + " vs the whole run's " + e);
									}
								}
							}
						}
					}
					tiles++;
				}
			}
		}
		return tiles;
	}

	@Test
	void randomLayersTiledEqualTheWholeRunBitForBit() {
		int compared = 0;
		for (int i = 0; i < Seeds.tries(300); i++) {
			Random r = new Random(Seeds.of("tiling", i));
			RandomCase c = RandomCase.of(r, 2 + r.nextInt(2));
			ConvPlan plan;
			try {
				plan = ConvPlan.of(c.shape, c.kernel, c.bias, c.spec);
			}
			catch (IllegalArgumentException invalidByConstruction) {
				continue;
			}
			for (Method m : EXACT) {
				Convolution whole;
				try {
					whole = Convolution.prepare(plan, m);
				}
				catch (IllegalArgumentException notForThisPlan) {
					continue;
				}
				Tensor out = whole.run(c.input, Execution.defaults().withThreads(1 + r.nextInt(3)));
				compared += assertTilesEqualWhole(plan, c.kernel, c.bias, m, c.input, out, r, Seeds.replay("tiling", i) + " " + plan);
			}
		}
		assertTrue(compared > Seeds.tries(300), "tiles compared: " + compared);
	}

	@Test
	void aLargeImageTiledEqualsTheWholeRunForEveryPaddingMode() {
		Random r = new Random(Seeds.FIXED);
		float[] v = new float[2 * 301 * 257];
		for (int k = 0; k < v.length; k++) v[k] = (float) r.nextGaussian() * 50;
		Tensor input = Tensor.of(Shape.of(2, 301, 257), v);
		float[] gauss = new float[2 * 2 * 9 * 9];
		float[] dense = new float[2 * 2 * 9 * 9];
		for (int o = 0; o < 4; o++) {
			for (int y = 0; y < 9; y++) {
				for (int x = 0; x < 9; x++) {
					gauss[o * 81 + y * 9 + x] = (float) (Math.exp(-((x - 4) * (x - 4) + (y - 4) * (y - 4)) / 8.0) * (1 + o));
					dense[o * 81 + y * 9 + x] = (float) r.nextGaussian();
				}
			}
		}
		int tiles = 0;
		for (PaddingMode mode : PaddingMode.values()) {
			for (int[] sd : new int[][] { { 1, 1 }, { 2, 1 }, { 3, 2 } }) {
				ConvSpec spec = ConvSpec.builder().stride(sd[0]).dilation(sd[1]).padding(Padding.same()).mode(mode)
					.value(mode == PaddingMode.CONSTANT ? 7.5f : 0).build();
				for (Method m : EXACT) {
					Kernel kernel = Kernel.of(m == Method.SEPARABLE ? gauss : dense, 2, 2, 9, 9);
					float[] bias = { 0.25f, -3 };
					ConvPlan plan = ConvPlan.of(input.shape(), kernel, bias, spec);
					Tensor whole = Convolution.prepare(plan, m).run(input, Execution.defaults());
					tiles += assertTilesEqualWhole(plan, kernel, bias, m, input, whole, r, mode + " stride " + sd[0] + " dilation " + sd[1]);
				}
			}
		}
		assertTrue(tiles > 36, "tiles " + tiles);
	}
}
