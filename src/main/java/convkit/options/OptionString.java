package convkit.options;

import convkit.engine.Suggestions;
import convkit.io.Brackets;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An ImageJ-style option string: {@code key=value} pairs separated by spaces, values with spaces
 * in brackets ({@code kernel=[1 2 1]}, nested brackets allowed), and bare words for flags
 * ({@code flip}, read as {@code "true"}). Keys are lower case; a repeated key is refused.
 * <p>
 * Example: {@code OptionString.parse("kernel=[w.npy] stride=2 flip").get("stride")} is {@code "2"}.
 */
public final class OptionString {

	private final Map<String, String> values;

	private OptionString(Map<String, String> values) {
		this.values = Collections.unmodifiableMap(values);
	}

	/** Parses {@code text}; refuses unbalanced brackets and repeated keys. */
	public static OptionString parse(String text) {
		Map<String, String> map = new LinkedHashMap<>();
		addTo(map, text);
		return new OptionString(map);
	}

	/** An option string from already separated pairs. */
	public static OptionString of(Map<String, String> pairs) {
		Map<String, String> map = new LinkedHashMap<>();
		for (Map.Entry<String, String> e : pairs.entrySet()) put(map, e.getKey().toLowerCase(java.util.Locale.ROOT), e.getValue());
		return new OptionString(map);
	}

	static void addTo(Map<String, String> map, String text) {
		int i = 0;
		int n = text.length();
		while (i < n) {
			while (i < n && Character.isWhitespace(text.charAt(i))) i++;
			if (i >= n) break;
			int keyStart = i;
			while (i < n && text.charAt(i) != '=' && !Character.isWhitespace(text.charAt(i))) i++;
			String key = text.substring(keyStart, i).toLowerCase(java.util.Locale.ROOT);
			if (i >= n || text.charAt(i) != '=') {
				put(map, key, "true");
				continue;
			}
			i++;
			String value;
			if (i < n && text.charAt(i) == '[') {
				int start = i + 1;
				int end = Brackets.closing(text, i);
				if (end < 0) throw new IllegalArgumentException("option '" + key + "' opens '[' without a matching ']'");
				value = text.substring(start, end);
				i = end + 1;
			}
			else {
				// up to the next space outside parentheses: kernel=random(3, 7) is one value, as typed
				int start = i;
				int depth = 0;
				while (i < n && (depth > 0 || !Character.isWhitespace(text.charAt(i)))) {
					char c = text.charAt(i);
					if (c == '(') depth++;
					else if (c == ')' && depth > 0) depth--;
					i++;
				}
				value = text.substring(start, i).trim();
			}
			put(map, key, value);
		}
	}

	/** Adds {@code key}: refuses an empty key and a key given twice (the one place that says so). */
	static void put(Map<String, String> map, String key, String value) {
		if (key.isEmpty()) throw new IllegalArgumentException("an option has no key before '='");
		if (map.containsKey(key)) throw new IllegalArgumentException("option '" + key + "' is given twice");
		map.put(key, value);
	}

	/** The value of {@code key}, or null when absent. */
	public String get(String key) {
		return values.get(key);
	}

	/** The value of {@code key}, or {@code dflt} when absent. */
	public String get(String key, String dflt) {
		String v = values.get(key);
		return v == null ? dflt : v;
	}

	/** Whether {@code key} is present. */
	public boolean has(String key) {
		return values.containsKey(key);
	}

	/** The keys, in the order given. */
	public Set<String> keys() {
		return values.keySet();
	}

	/**
	 * Refuses keys not in {@code allowed}, naming the first unknown one, the closest allowed key
	 * ("did you mean") and every allowed key in the order {@code allowed} gives them.
	 */
	public void checkKeys(Set<String> allowed) {
		for (Map.Entry<String, String> e : values.entrySet()) {
			String k = e.getKey();
			if (allowed.contains(k)) continue;
			String closest = Suggestions.closest(k, allowed);
			String hint = closest != null ? "did you mean '" + closest + "'? " : "";
			String torch = PYTORCH_ONLY.get(k);
			if (torch != null && allowed.contains(OptionKey.KERNEL.key())) hint = torch + "; ";
			if (closest == null && "true".equals(e.getValue()) && looksLikeFile(k) && allowed.contains(OptionKey.INPUT.key())) {
				hint = "a file is named with a key, e.g. input=" + k + "; ";
			}
			throw new IllegalArgumentException("unknown option '" + k + "'; " + hint + "allowed are " + String.join(", ", allowed));
		}
	}

	/** PyTorch's arguments that are no ConvKit key, and what ConvKit takes instead. */
	private static final Map<String, String> PYTORCH_ONLY = pytorchOnly();

	private static Map<String, String> pytorchOnly() {
		Map<String, String> m = new java.util.HashMap<>();
		String weights = "the kernel's size and channels come from its weights: kernel=w.npy (PyTorch's layer.weight, [C_out, C_in/groups,"
			+ " kH, kW])";
		m.put("kernel_size", "'kernel_size' is PyTorch's; " + weights);
		m.put("in_channels", "'in_channels' is PyTorch's; " + weights);
		m.put("out_channels", "'out_channels' is PyTorch's; " + weights);
		m.put("device", "'device' is PyTorch's; ConvKit computes on the CPU");
		m.put("dtype", "'dtype' is PyTorch's; ConvKit computes in float32 (output_type=same keeps 8/16-bit inputs' depth)");
		return java.util.Collections.unmodifiableMap(m);
	}

	private static boolean looksLikeFile(String word) {
		return word.contains("/") || word.contains("\\") || word.matches(".*\\.[a-z0-9]{2,4}");
	}

	/** The text form, values in brackets where they need them. */
	@Override
	public String toString() {
		StringBuilder sb = new StringBuilder();
		for (Map.Entry<String, String> e : values.entrySet()) {
			if (sb.length() > 0) sb.append(' ');
			String v = e.getValue();
			sb.append(e.getKey()).append('=');
			boolean plain = !v.isEmpty() && v.chars().noneMatch(c -> Character.isWhitespace(c) || c == '[' || c == ']');
			sb.append(plain ? v : "[" + v + "]");
		}
		return sb.toString();
	}
}
