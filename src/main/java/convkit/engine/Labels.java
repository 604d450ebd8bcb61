package convkit.engine;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
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
		return parse(type, text, label, what, Collections.emptyMap());
	}

	/**
	 * As {@link #parse(Class, String, Function, String)}; a refused name found in {@code otherNames}
	 * (another library's name for a value, e.g. scipy's {@code mirror}) is answered with the value it
	 * means there, else with the closest allowed name.
	 */
	public static <E extends Enum<E>> E parse(Class<E> type, String text, Function<E, String> label, String what,
		Map<String, String> otherNames)
	{
		String l = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
		for (E e : type.getEnumConstants()) {
			if (label.apply(e).equals(l)) return e;
		}
		String other = otherNames.get(l);
		String closest = Suggestions.closest(l, Arrays.asList(all(type, label)));
		String hint = other != null ? "did you mean " + other + "? " : closest != null ? "did you mean " + closest + "? " : "";
		throw new IllegalArgumentException(what + " '" + text + "' is not known; " + hint + "allowed are "
			+ String.join(", ", all(type, label)));
	}
}
