package convkit.engine;

/** ReLU ({@code nn.ReLU}) or LeakyReLU ({@code nn.LeakyReLU(slope)}): {@code x} where positive, else {@code slope·x}; NaN stays NaN. */
public final class ActivationLayer implements StackLayer {

	private final float slope;
	private final boolean leaky;

	private ActivationLayer(float slope, boolean leaky) {
		this.slope = slope;
		this.leaky = leaky;
	}

	/** {@code nn.ReLU()}. */
	public static ActivationLayer relu() {
		return new ActivationLayer(0f, false);
	}

	/** {@code nn.LeakyReLU(slope)}; the slope must be a finite number. */
	public static ActivationLayer leaky(float slope) {
		if (!Float.isFinite(slope)) throw new IllegalArgumentException("slope " + slope + " is not allowed (a finite number, e.g. 0.01)");
		return new ActivationLayer(slope, true);
	}

	@Override
	public String label() {
		return leaky ? "leakyrelu" : "relu";
	}

	@Override
	public Prepared prepare(Shape input) {
		return new ElementWiseStep(input, leaky ? "nn.LeakyReLU(" + slope + ")" : "nn.ReLU()", (c, src, dst, from, to) -> {
			for (int i = from; i < to; i++) {
				float v = src[i];
				dst[i] = v > 0 || Float.isNaN(v) ? v : leaky ? v * slope : 0f;
			}
		});
	}
}
