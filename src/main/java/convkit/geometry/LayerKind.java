package convkit.geometry;

import convkit.engine.Labels;

/**
 * The kinds of layer the receptive-field calculator knows, named as the stack text that runs names
 * them. Element-wise layers (activations, batch norm) have k = 1; a transposed convolution spreads
 * each input pixel over its output.
 */
public enum LayerKind {
	CONV("conv"), CONVT("convt"), MAXPOOL("maxpool"), AVGPOOL("avgpool"), BN("bn"), RELU("relu"), LEAKYRELU("leakyrelu");

	private final String label;

	LayerKind(String label) {
		this.label = label;
	}

	/** The name users type. */
	public String label() {
		return label;
	}

	/** Whether this layer works value by value (batch norm, activations): no kernel, stride or padding. */
	public boolean isElementWise() {
		return this == BN || this == RELU || this == LEAKYRELU;
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
