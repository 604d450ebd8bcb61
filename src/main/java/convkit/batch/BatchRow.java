package convkit.batch;

import java.io.Serializable;
import java.util.Locale;

/** What became of one file of a batch: its name relative to the input folder, ok / skipped / failed, why, and how long it took. */
public final class BatchRow implements Serializable {

	private static final long serialVersionUID = 1L;

	/** The status of a file written. */
	public static final String OK = "ok";
	/** The status of a file whose output existed ({@code skip_existing}). */
	public static final String SKIPPED = "skipped";
	/** The status of a file that could not be convolved. */
	public static final String FAILED = "failed";

	private final String file;
	private final String status;
	private final String message;
	private final double seconds;

	public BatchRow(String file, String status, String message, double seconds) {
		if (!status.equals(OK) && !status.equals(SKIPPED) && !status.equals(FAILED)) {
			throw new IllegalArgumentException("status '" + status + "' is not ok, skipped or failed");
		}
		this.file = file;
		this.status = status;
		this.message = message;
		this.seconds = seconds;
	}

	public String file() {
		return file;
	}

	public String status() {
		return status;
	}

	public String message() {
		return message;
	}

	public double seconds() {
		return seconds;
	}

	/** The row of {@code convkit-batch-log.csv}: {@code file,status,message,seconds}. */
	public String csv() {
		return csv(file) + "," + status + "," + csv(message) + "," + String.format(Locale.ROOT, "%.3f", seconds);
	}

	private static String csv(String v) {
		return v.contains(",") || v.contains("\"") || v.contains("\n") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
	}

	@Override
	public String toString() {
		return csv();
	}
}
