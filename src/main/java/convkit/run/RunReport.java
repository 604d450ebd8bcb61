package convkit.run;

import convkit.engine.ConvPlan;

import java.util.Arrays;
import java.util.Locale;

/** What a run did: the plan, the algorithm, how many positions, and how long each repetition of the convolution took. */
public final class RunReport {

	private final ConvPlan plan;
	private final String method;
	private final int positions;
	private final double[] millis;

	RunReport(ConvPlan plan, String method, int positions, double[] millis) {
		this.plan = plan;
		this.method = method;
		this.positions = positions;
		this.millis = millis.clone();
	}

	/** The resolved convolution of one position. */
	public ConvPlan plan() {
		return plan;
	}

	/** The algorithm that ran: direct, separable, fft or winograd. */
	public String method() {
		return method;
	}

	/** Number of positions convolved. */
	public int positions() {
		return positions;
	}

	/** Milliseconds the convolution of every position took, one value per repetition (reading and writing not included). */
	public double[] millis() {
		return millis.clone();
	}

	/** {@code timing: median_ms=… min_ms=… runs=N}. */
	public String timing() {
		return timing(millis);
	}

	/** {@code timing: median_ms=… min_ms=… runs=N} of the run times {@code millis}. */
	public static String timing(double[] millis) {
		double[] s = millis.clone();
		Arrays.sort(s);
		int n = s.length;
		double median = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
		return String.format(Locale.ROOT, "timing: median_ms=%.3f min_ms=%.3f runs=%d", median, s[0], n);
	}
}
