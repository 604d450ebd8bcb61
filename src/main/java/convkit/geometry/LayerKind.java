package convkit.geometry;

import convkit.engine.Labels;

/** The kinds of layer the receptive-field calculator knows. Element-wise layers have k = 1. */
public enum LayerKind {
	CONV("conv"), MAXPOOL("maxpool"), AVGPOOL("avgpool"), RELU("relu");

	private final String label;

	LayerKind(String label) {
		this.label = label;
	}

	/** The name users type. */
	public String label() {
		return label;
	}

	/** Whether this is a pooling layer (its stride defaults to its kernel size, as in PyTorch). */
	public boolean isPooling() {
		return this == MAXPOOL || this == AVGPOOL;
	}

	/** All names users may type. */
	public static String[] getAllLabels() {
		return Labels.all(LayerKind.class, LayerKind::label);
	}

	/** The kind named {@code label} (case-insensitive). */
	public static LayerKind fromLabel(String label) {
		return Labels.parse(LayerKind.class, label, LayerKind::label, "layer kind");
	}
}
