package convkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each command's {@code --help}, and its example run through bash as a user pastes it. */
class UsageTest {

	@ParameterizedTest
	@ValueSource(strings = { "conv", "conv3d", "stack", "batch", "calc" })
	void helpPrintsTheCommandsOptionsAndExitsZero(String command) {
		for (String flag : new String[] { "--help", "-h", "help" }) {
			MainTest.Result r = MainTest.run(command, flag);
			assertEquals(0, r.status, command + " " + flag + ": " + r.err);
			assertTrue(r.out.startsWith(command + ": "), r.out);
			assertEquals("", r.err);
		}
		assertTrue(MainTest.run("--help").out.contains(Usage.of(command)), "the whole help holds " + command + "'s");
	}

	/** The example line, split into arguments by bash itself, reaches the command with every option understood. */
	@ParameterizedTest
	@ValueSource(strings = { "conv", "conv3d", "stack", "batch", "calc" })
	void theExamplePastesIntoBash(String command) throws IOException, InterruptedException {
		String example = Usage.of(command).lines().filter(l -> l.startsWith("  e.g. java -jar ConvKit_.jar ")).findFirst()
			.orElseThrow(() -> new AssertionError("no example in " + command + " --help"));
		String shellWords = example.substring("  e.g. java -jar ConvKit_.jar ".length());
		Process p = new ProcessBuilder("bash", "-c", "printf '%s\\n' " + shellWords).start();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(p.waitFor(30, TimeUnit.SECONDS));
		assertEquals(0, p.exitValue(), "bash: " + err);
		List<String> args = new ArrayList<>(Arrays.asList(out.split("\n")));
		assertEquals(command, args.get(0));
		MainTest.Result r = MainTest.run(args.toArray(new String[0]));
		if (command.equals("calc")) {
			assertEquals(0, r.status, r.err);
		}
		else { // the example's files do not exist here: the refusal must be about them, not about an option
			assertEquals(2, r.status, r.err);
			assertTrue(r.err.contains("does not exist"), args.stream().collect(Collectors.joining(" | ")) + " -> " + r.err);
			assertFalse(r.err.contains("unknown option") || r.err.contains("not understood"), r.err);
		}
	}
}
