package convkit.spark;

import java.io.PrintStream;
import java.util.Locale;

import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.StageInfo;

/** Prints a line on the console for each finished Spark stage: its tasks, time, and the reason if it failed. */
final class StageLines extends SparkListener {

	private final PrintStream out;

	StageLines(PrintStream out) {
		this.out = out;
	}

	@Override
	public void onStageCompleted(SparkListenerStageCompleted e) {
		StageInfo s = e.stageInfo();
		long ms = s.submissionTime().isDefined() && s.completionTime().isDefined()
			? (Long) s.completionTime().get() - (Long) s.submissionTime().get() : 0;
		out.println(String.format(Locale.ROOT, "spark: stage %d (%s) %s: %d tasks in %.1f s", s.stageId(), s.name().split(" at ")[0],
			s.failureReason().isDefined() ? "failed (" + s.failureReason().get() + ")" : "finished", s.numTasks(), ms / 1e3));
	}
}
