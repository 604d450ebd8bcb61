package convkit.options;

import convkit.io.Brackets;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Command-line arguments as options, for every front end that takes them (the command line, the
 * Spark job). Each argument is either one {@code key=value} (the value
 * may contain spaces, as the shell passes it, and may be wrapped in brackets) or a whole pasted
 * option string such as a recorded macro line's {@code "kernel=[w.npy] stride=2"}.
 */
public final class Arguments {

	private static final Pattern PAIR = Pattern.compile("(?s)([A-Za-z_]+)=(.*)");

	private Arguments() {}

	/** The options of {@code args[from..]}; refuses keys not in {@code allowed}. */
	public static OptionString parse(String[] args, int from, Set<String> allowed) {
		Map<String, String> map = new LinkedHashMap<>();
		for (int i = from; i < args.length; i++) {
			String a = args[i].trim();
			if (a.isEmpty()) continue;
			OptionString whole = tryWhole(a, allowed);
			if (whole != null) {
				for (String k : whole.keys()) OptionString.put(map, k, whole.get(k));
				continue;
			}
			Matcher m = PAIR.matcher(a);
			if (m.matches()) {
				String v = m.group(2);
				if (v.startsWith("[") && Brackets.closing(v, 0) == v.length() - 1) {
					v = v.substring(1, v.length() - 1);
				}
				OptionString.put(map, m.group(1).toLowerCase(java.util.Locale.ROOT), v);
			}
			else {
				String key = a.toLowerCase(java.util.Locale.ROOT);
				if (!allowed.contains(key) && allowed.contains(OptionKey.INPUT.key()) && (a.contains("/") || a.contains(".") || a.contains("\\"))) {
					throw new IllegalArgumentException("'" + a + "' is not an option; name a file with its key, e.g. input=" + a
						+ " (every option is key=value)");
				}
				OptionString.put(map, key, "true");
			}
		}
		OptionString o = OptionString.of(map);
		o.checkKeys(allowed);
		return o;
	}

	private static OptionString tryWhole(String a, Set<String> allowed) {
		try {
			OptionString o = OptionString.parse(a);
			if (o.keys().size() < 2) return null;
			o.checkKeys(allowed);
			return o;
		}
		catch (IllegalArgumentException e) {
			return null;
		}
	}

}
