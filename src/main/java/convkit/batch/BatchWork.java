package convkit.batch;

import convkit.engine.Execution;
import convkit.files.FileConvolution;
import convkit.files.FileStack;
import convkit.run.ConvJob;
import convkit.run.ConvRunner;
import convkit.run.MemoryBudget;
import convkit.run.RunReport;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a batch does to each file: one convolution ({@link ConvRunner}; a large TIFF stack may be
 * cut into pieces over several machines) or a layer stack ({@link FileStack}; each file whole).
 * Made once per batch (or per Spark executor), the weights read and checked then.
 * <p>
 * Example: {@code BatchWork.of(settings, MemoryBudget.jvm("use -Xmx8g")).run(settings, file, target, exec)}.
 */
public final class BatchWork {

	private final ConvRunner runner;
	private final FileStack stack;

	private BatchWork(ConvRunner runner, FileStack stack) {
		this.runner = runner;
		this.stack = stack;
	}

	/** The work {@code settings} describe, within {@code memory}; the kernel, bias or weights are read and checked here. */
	public static BatchWork of(BatchSettings settings, MemoryBudget memory) {
		if (settings.stack().isPresent()) return new BatchWork(null, new FileStack(settings.stack().get(), memory, settings.streaming()));
		return new BatchWork(new ConvRunner(ConvJob.of(settings.options()), memory), null);
	}

	/** One convolution by {@code runner}. */
	public static BatchWork of(ConvRunner runner) {
		return new BatchWork(runner, null);
	}

	/** The convolution's runner, which can also run pieces of a stack; empty for a layer stack. */
	public Optional<ConvRunner> runner() {
		return Optional.ofNullable(runner);
	}

	/** Runs {@code file} into {@code target} through the settings' temporary folder; the log's message (the output's shape). */
	String run(BatchSettings settings, Path file, Path target, Execution exec) throws IOException {
		if (stack != null) {
			FileStack.Result r = stack.run(file, target, settings.temporaryFolder(), exec, 1);
			return BatchItem.written(r.output(), r.positions());
		}
		RunReport report = new FileConvolution(runner, settings.options().channels(), 2, settings.streaming()).run(file, target,
			settings.temporaryFolder(), exec, 1, (source, conv) -> { });
		return BatchItem.written(report.plan().outputShape(), report.positions());
	}
}
