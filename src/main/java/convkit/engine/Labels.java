package convkit.engine;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;

/**
 * The names users type for the values of an enum (padding modes, methods, channel mappings,
 * layer kinds, presets): every name in menu order, and the value a typed name means, refused with
 * the list of allowed names. One helper, so every choice list and every refusal reads alike.
 * <p>
 * Example: {@code Labels.parse(PaddingMode.class, "Reflect", PaddingMode::label, "padding_mode")}.
 */
public final class Labels {

	private Labels() {}

	/** Every value's name, in declaration order. */
	public static <E extends Enum<E>> String[] all(Class<E> type, Function<E, String> label) {
		return Arrays.stream(type.getEnumConstants()).map(label).toArray(String[]::new);
	}

	/** The value named {@code text} (case and surrounding spaces ignored); refused with the allowed names, {@code what} naming the option. */
	public static <E extends Enum<E>> E parse(Class<E> type, String text, Function<E, String> label, String what) {
		String l = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
		for (E e : type.getEnumConstants()) {
			if (label.apply(e).equals(l)) return e;
		}
		throw new IllegalArgumentException(what + " '" + text + "' is not known; allowed are " + String.join(", ", all(type, label)));
	}
}
