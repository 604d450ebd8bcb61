package convkit.spark;

import convkit.batch.BatchPiece;
import convkit.batch.BatchPlan;
import convkit.batch.BatchRow;
import convkit.batch.BatchSettings;
import convkit.batch.BatchWork;
import convkit.engine.Execution;
import convkit.options.ConvOptions;
import convkit.options.OptionString;
import convkit.run.MemoryBudget;

import java.util.HashMap;
import java.util.Map;

import org.apache.spark.api.java.function.Function;

/**
 * A Spark task: one piece of the batch — a whole file, or positions of a large stack — run by
 * ConvKit's own {@link BatchPlan#run} into a {@link BatchRow} (a failure is a row, never a task
 * failure). Each executor JVM reads the kernel (or the layers' weights) and prepares the work once
 * per setting and reuses it for every piece it is given.
 */
final class ConvertPiece implements Function<BatchPiece, BatchRow> {

	private static final long serialVersionUID = 1L;

	/** What each executor prepared, per setting. */
	private static final Map<Map<String, String>, Prepared> PREPARED = new HashMap<>();

	private final HashMap<String, String> keys;

	ConvertPiece(HashMap<String, String> keys) {
		this.keys = keys;
	}

	/** A setting's parsed keys and its work (a runner keeps the prepared convolution of each shape). */
	private static final class Prepared {
		final BatchSettings settings;
		final BatchWork work;
		final Execution exec;

		Prepared(Map<String, String> keys) {
			OptionString o = OptionString.of(keys);
			settings = BatchSettings.from(o);
			work = BatchWork.of(settings, MemoryBudget.jvm("give the executors more memory (--executor-memory, or spark.executor.memory)"));
			exec = Execution.defaults().withThreads(ConvOptions.threads(o, 1));
		}
	}

	private static synchronized Prepared prepared(Map<String, String> keys) {
		return PREPARED.computeIfAbsent(keys, Prepared::new);
	}

	@Override
	public BatchRow call(BatchPiece piece) {
		if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
		Prepared p;
		try {
			p = prepared(keys);
		}
		catch (RuntimeException e) { // checked on the driver already; an executor that sees other files says why here
			return new BatchRow(piece.file(), BatchRow.FAILED, convkit.run.Failures.describe(e), 0);
		}
		return BatchPlan.run(p.settings, piece, p.work, p.exec);
	}
}
