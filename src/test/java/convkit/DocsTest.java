package convkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The README is for users and short; every command in it pastes into bash as written; the names
 * the README and docs/ cite in backticks exist in the source tree as they are cited (a class, a
 * {@code Class.member}, a method name), so the docs cannot drift from the code unseen.
 */
class DocsTest {

	/** Names in backticks that are not this project's code: other projects' classes, products, flags. */
	private static final Set<String> ELSEWHERE = new HashSet<>(Arrays.asList("PyTorch", "ImageJ", "ConvKit", "Conv2D", "Conv3D",
		"CommandService", "UseFMA", "sepFilter2D", "IJ", "Math", "Djava", "Dconvkit", "SNAPSHOT",
		// PyTorch's modules the layer stacks equal
		"ConvTranspose2d", "ConvTranspose3d", "MaxPool2d", "MaxPool3d", "AvgPool2d", "AvgPool3d", "BatchNorm2d", "BatchNorm3d", "ReLU", "LeakyReLU"));

	private static final Pattern CODE = Pattern.compile("`([^`\\n]+)`");
	private static final Pattern FENCE = Pattern.compile("(?ms)^```(\\w*)\\n(.*?)^```");
	private static final Pattern CLASS = Pattern.compile("\\b([A-Z][a-z0-9]+[A-Z][A-Za-z0-9]*)\\b");
	private static final Pattern MEMBER = Pattern.compile("\\b([A-Z][A-Za-z0-9]+)\\.([a-z][A-Za-z0-9]+)\\b");
	private static final Pattern METHOD = Pattern.compile("(?:^|[^A-Za-z0-9_.])([a-z][a-z0-9]+[A-Z][A-Za-z0-9]*)\\b");

	private static String read(Path p) throws IOException {
		return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
	}

	private static List<Path> docs() throws IOException {
		List<Path> d = new ArrayList<>();
		d.add(Paths.get("README.md"));
		try (Stream<Path> s = Files.list(Paths.get("docs"))) {
			d.addAll(s.filter(p -> p.toString().endsWith(".md")).sorted().collect(Collectors.toList()));
		}
		return d;
	}

	/** Every .java file of the project (main, tests, the Spark module) by simple name. */
	private static Map<String, Path> sources() throws IOException {
		Map<String, Path> m = new HashMap<>();
		for (String root : new String[] { "src", "spark/src" }) {
			try (Stream<Path> s = Files.walk(Paths.get(root))) {
				s.filter(p -> p.toString().endsWith(".java")).forEach(p -> m.put(p.getFileName().toString().replace(".java", ""), p));
			}
		}
		return m;
	}

	@Test
	void theReadmeIsShortAndForUsers() throws IOException {
		List<String> lines = Files.readAllLines(Paths.get("README.md"), StandardCharsets.UTF_8);
		assertTrue(lines.size() <= 650, "README.md has " + lines.size() + " lines; at most 650 (maintainers' material goes to docs/)");
		String text = String.join("\n", lines);
		for (String doc : new String[] { "docs/design.md", "docs/testing.md", "docs/performance.md", "docs/scale-out.md" }) {
			assertTrue(Files.isRegularFile(Paths.get(doc)), doc);
			assertTrue(text.contains("(" + doc + ")"), "the README links " + doc);
		}
	}

	@Test
	void everyBashBlockOfTheReadmeParsesAndQuotesItsBracketsAndParentheses() throws Exception {
		Matcher m = FENCE.matcher(read(Paths.get("README.md")));
		int blocks = 0;
		while (m.find()) {
			String lang = m.group(1);
			String body = m.group(2);
			assertTrue(!lang.isEmpty(), "every code block says what it is (bash, text, python): " + body);
			if (!lang.equals("bash")) continue;
			blocks++;
			Process p = new ProcessBuilder("bash", "-n").redirectErrorStream(true).start();
			p.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
			p.getOutputStream().close();
			assertTrue(p.waitFor(20, TimeUnit.SECONDS));
			String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertEquals(0, p.exitValue(), "bash -n on\n" + body + "\n" + out);
			// brackets outside quotes are globs (and in some shells errors): every one is quoted
			String unquoted = body.replaceAll("'[^']*'", "''").replaceAll("\"[^\"]*\"", "\"\"");
			assertTrue(!unquoted.matches("(?s).*[\\[\\]].*"), "unquoted brackets in\n" + body);
		}
		assertTrue(blocks >= 8, "the README's commands are bash blocks: " + blocks);
	}

	@Test
	void theNamesTheDocsCiteExistInTheSourceTree() throws IOException {
		Map<String, Path> sources = sources();
		String all = sources.values().stream().map(p -> {
			try {
				return read(p);
			}
			catch (IOException e) {
				throw new IllegalStateException(e);
			}
		}).collect(Collectors.joining("\n"));
		List<String> stale = new ArrayList<>();
		for (Path doc : docs()) {
			Matcher code = CODE.matcher(read(doc));
			while (code.find()) {
				String cited = code.group(1);
				Matcher c = CLASS.matcher(cited);
				while (c.find()) {
					String name = c.group(1);
					if (!ELSEWHERE.contains(name) && !sources.containsKey(name)) stale.add(doc + ": class `" + name + "`");
				}
				Matcher mem = MEMBER.matcher(cited);
				while (mem.find()) {
					Path file = sources.get(mem.group(1));
					if (file != null && !Pattern.compile("\\b" + mem.group(2) + "\\b").matcher(read(file)).find()) {
						stale.add(doc + ": `" + mem.group(1) + "." + mem.group(2) + "` (no " + mem.group(2) + " in " + file + ")");
					}
				}
				Matcher meth = METHOD.matcher(cited);
				while (meth.find()) {
					String name = meth.group(1);
					if (!ELSEWHERE.contains(name) && !Pattern.compile("\\b" + name + "\\b").matcher(all).find()) {
						stale.add(doc + ": `" + name + "`");
					}
				}
			}
		}
		assertTrue(stale.isEmpty(), "names the docs cite that the source tree does not have:\n" + String.join("\n", stale));
	}

	@Test
	void theReadmesTableOfDefaultsIsTheOptionTables() throws IOException {
		String readme = read(Paths.get("README.md"));
		String table = readme.substring(readme.indexOf("## Defaults"), readme.indexOf("## From PyTorch"));
		for (convkit.options.OptionKey k : convkit.options.OptionKey.values()) {
			if (!convkit.options.OptionKey.convolution().contains(k.key()) || k.dflt() == null) continue;
			if (k == convkit.options.OptionKey.FLIP || k == convkit.options.OptionKey.NORMALIZE) {
				assertTrue(table.contains("| `flip`, `normalize` | off |"), "flip and normalize are off by default");
				continue;
			}
			String row = "`" + k.key() + "`";
			int at = table.indexOf("| " + row);
			if (at < 0) at = table.indexOf(", " + row + " |"); // a row of two keys: `output_type`, `convert`
			assertTrue(at >= 0, "the README's table of defaults has a row for " + k.key());
			String line = table.substring(at, table.indexOf('\n', at));
			assertTrue(line.contains("`" + k.dflt() + "`"), "the README gives " + k.key() + "'s default as the option table does ("
				+ k.dflt() + "): " + line);
		}
	}
}
