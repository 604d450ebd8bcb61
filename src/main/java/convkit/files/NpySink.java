package convkit.files;

import convkit.engine.Shape;
import convkit.engine.Tensor;
import convkit.geometry.OutputGeometry;
import convkit.io.AtomicOutput;
import convkit.io.Npy;
import convkit.run.OutputPixels;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** One tensor as {@code .npy}, or a batch of them ({@code [N, C, ...]}) when the input was one. */
final class NpySink extends FileSink {
	private final boolean batched;
	private Tensor[] results;
	private OutputPixels pixels;

	NpySink(Path target, Path temporaryDir, boolean batched) {
		super(target, temporaryDir);
		this.batched = batched;
	}

	@Override
	public long retainedBytes(Shape shape, int positions, OutputPixels px) {
		// the last output is the run's own, converted piece by piece as it is written; a batch keeps the others
		return batched ? 4L * shape.values() * (positions - 1) : 0;
	}

	@Override
	public void begin(Shape shape, int positions, OutputPixels px) {
		pixels = px;
		if (positions > 1 && !batched) {
			throw new IllegalArgumentException("a .npy output holds one tensor " + shape + ", but the input has "
				+ positions + (shape.rank() == 3 ? " frames" : " z/t positions") + "; write a .tif instead");
		}
		results = new Tensor[positions];
	}

	@Override
	public void accept(int p, Tensor output) {
		results[p] = output;
	}

	@Override
	public void finish(OutputGeometry geometry, String info) throws IOException {
		if (pixels.isFloat()) {
			writeFloats(target, temporaryDir, results, batched);
			return;
		}
		int[] npyShape = npyShape(results, batched);
		AtomicOutput.write(target, temporaryDir, tmp -> {
			try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
				writeConverted(os, npyShape);
			}
		});
	}

	/**
	 * Writes {@code results} (tensors of one shape) as one float32 {@code .npy}, {@code [N, ...]}
	 * when {@code batched} (else there is one), through a temporary file in {@code temporaryDir}:
	 * whole or not at all.
	 */
	static void writeFloats(Path target, Path temporaryDir, Tensor[] results, boolean batched) throws IOException {
		int[] npyShape = npyShape(results, batched);
		AtomicOutput.write(target, temporaryDir, tmp -> {
			try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
				Npy.write(os, npyShape, (from, dst, n) -> copy(results, from, dst, n));
			}
		});
	}

	/** {@code [C, (D,) H, W]} of the results, with their number first for a batch. */
	private static int[] npyShape(Tensor[] results, boolean batched) {
		Tensor first = results[0];
		int[] one = first.shape().rank() == 3
			? new int[] { first.channels(), first.depth(), first.height(), first.width() }
			: new int[] { first.channels(), first.height(), first.width() };
		if (!batched) return one;
		int[] shape = new int[one.length + 1];
		shape[0] = results.length;
		System.arraycopy(one, 0, shape, 1, one.length);
		return shape;
	}

	private void copy(int from, float[] dst, int n) {
		copy(results, from, dst, n);
	}

	/** Copies {@code n} values from C-order index {@code from} of the whole output (every sample) into {@code dst}. */
	private static void copy(Tensor[] results, int from, float[] dst, int n) {
		int size = (int) results[0].shape().values();
		for (int done = 0; done < n;) {
			int at = from + done;
			int k = Math.min(n - done, size - at % size);
			results[at / size].copyTo(at % size, dst, done, k);
			done += k;
		}
	}

	private void writeConverted(OutputStream os, int[] shape) throws IOException {
		float[] range = OutputPixels.emptyRange();
		float[] piece = new float[1 << 18]; // the pieces Npy.writeUnsigned asks for
		long count = results[0].shape().values() * results.length;
		if (pixels.needsRange()) {
			for (long i = 0; i < count; i += piece.length) {
				int n = (int) Math.min(piece.length, count - i);
				copy((int) i, piece, n);
				OutputPixels.widen(range, piece, 0, n);
			}
		}
		Npy.writeUnsigned(os, shape, pixels.bits(), (from, dst, n) -> {
			float[] v = n <= piece.length ? piece : new float[n];
			copy(from, v, n);
			for (int j = 0; j < n; j++) dst[j] = pixels.value(v[j], range);
		});
	}

	@Override
	public void abort() {
		results = null;
	}
}
