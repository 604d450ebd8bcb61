package convkit.ij;

import convkit.engine.Execution;
import convkit.image.ImageConvolution;
import convkit.options.ChannelMapping;
import convkit.options.ConvOptions;
import convkit.run.Failures;
import ij.ImagePlus;
import ij.ImageStack;
import ij.plugin.Duplicator;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The live preview of the Conv2D and Conv3D dialogs: the result for the image's current position
 * only (its plane at the current slice and frame for Conv2D, all channels; its volume at the
 * current frame for Conv3D), shown in one preview window that is updated as the settings change.
 * One computation runs at a time on its own thread; a newer request cancels the one under way, so
 * typing never queues up work. Nothing is recorded and the image is not changed; {@link #close}
 * ends the thread and closes the window.
 */
final class DialogPreview {

	private final ImagePlus imp;
	private final int rank;
	private final String title;
	private final Consumer<String> status;
	private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
		Thread t = new Thread(r, "ConvKit preview");
		t.setDaemon(true);
		t.setPriority(Thread.NORM_PRIORITY - 1);
		return t;
	});
	private AtomicBoolean running = new AtomicBoolean();
	private volatile ImagePlus window;

	/** A preview of {@code imp} for a convolution of {@code rank} axes; {@code status} receives one line per finished or failed try. */
	DialogPreview(ImagePlus imp, int rank, Consumer<String> status) {
		this.imp = imp;
		this.rank = rank;
		this.title = "Conv" + rank + "D preview";
		this.status = status;
	}

	/** Computes the preview of {@code options} (cancelling any earlier one still running). */
	synchronized void update(ConvOptions options) {
		running.set(true); // cancels the computation under way, if any
		AtomicBoolean cancelled = new AtomicBoolean();
		running = cancelled;
		worker.submit(() -> compute(options, cancelled));
	}

	/** Stops a computation under way and closes the preview window. */
	synchronized void hide() {
		running.set(true);
		ImagePlus w = window;
		window = null;
		if (w != null) java.awt.EventQueue.invokeLater(() -> w.close());
	}

	/** Ends the preview: nothing runs afterwards and the window is closed. */
	void close() {
		hide();
		worker.shutdownNow();
	}

	private void compute(ConvOptions options, AtomicBoolean cancelled) {
		if (cancelled.get()) return;
		try {
			ImagePlus position = currentPosition(options.channels());
			Execution exec = Execution.defaults().withCancellation(cancelled::get);
			ImagePlus result = ImageConvolution.process(position, options, exec).image();
			if (cancelled.get()) return;
			show(result);
			status.accept("Preview: " + describe(result));
		}
		catch (CancellationException stale) {
			// a newer request took over
		}
		catch (Throwable t) {
			if (!cancelled.get()) status.accept("Preview not shown: " + Failures.describe(t));
		}
	}

	/** The part of the image the preview convolves: the current (z, t) plane with every channel, or the current frame's volume. */
	private ImagePlus currentPosition(ChannelMapping mapping) {
		int c = imp.getNChannels();
		int z = imp.getSlice();
		int t = imp.getFrame();
		boolean wholeStack = rank == 3 || mapping == ChannelMapping.SLICES;
		ImagePlus part = new Duplicator().run(imp, 1, c, wholeStack ? 1 : z, wholeStack ? imp.getNSlices() : z,
			mapping == ChannelMapping.SLICES ? 1 : t, mapping == ChannelMapping.SLICES ? imp.getNFrames() : t);
		part.setTitle(imp.getTitle());
		part.setCalibration(imp.getCalibration());
		return part;
	}

	private synchronized void show(ImagePlus result) {
		ImagePlus w = window;
		if (w == null || w.getWindow() == null) {
			result.setTitle(title);
			window = result;
			java.awt.EventQueue.invokeLater(result::show);
			return;
		}
		ImageStack stack = result.getStack();
		java.awt.EventQueue.invokeLater(() -> {
			w.setStack(stack, result.getNChannels(), result.getNSlices(), result.getNFrames());
			w.setCalibration(result.getCalibration());
			w.resetDisplayRange();
			w.updateAndDraw();
		});
	}

	private String describe(ImagePlus result) {
		return result.getWidth() + " x " + result.getHeight() + (rank == 3 ? " x " + result.getNSlices() : "") + ", "
			+ result.getNChannels() + " channel" + (result.getNChannels() == 1 ? "" : "s") + " at "
			+ (rank == 3 ? "frame " + imp.getFrame() : "slice " + imp.getSlice() + ", frame " + imp.getFrame());
	}
}
