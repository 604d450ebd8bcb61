package convkit.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.engine.Conv2d;
import convkit.engine.ConvPlan;
import convkit.engine.ConvSpec;
import convkit.engine.Kernel;
import convkit.engine.Padding;
import convkit.engine.PaddingMode;
import convkit.engine.Tensor;
import convkit.io.NdArray;
import convkit.io.Npy;
import convkit.options.ChannelMapping;

import java.io.File;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.plugin.Parameter;

/** The SciJava command run with no UI through {@code new Context(CommandService.class)}. */
class Conv2DCommandTest {

	@TempDir
	Path dir;

	@Test
	void runsThroughCommandServiceAndMatchesTheEngine() throws Exception {
		Random r = new Random(4);
		float[] x = new float[3 * 13 * 17];
		for (int i = 0; i < x.length; i++) x[i] = r.nextFloat();
		float[] w = new float[2 * 3 * 3 * 3];
		for (int i = 0; i < w.length; i++) w[i] = r.nextFloat() - 0.5f;
		Path in = dir.resolve("in.npy");
		Path k = dir.resolve("w.npy");
		try (OutputStream o = Files.newOutputStream(in)) {
			Npy.write(o, new int[] { 3, 13, 17 }, x);
		}
		try (OutputStream o = Files.newOutputStream(k)) {
			Npy.write(o, new int[] { 2, 3, 3, 3 }, w);
		}
		Path out = dir.resolve("out.npy");
		Map<String, Object> inputs = new HashMap<>();
		inputs.put("input", in.toFile());
		inputs.put("output", out.toFile());
		inputs.put("kernel", k.toString());
		inputs.put("bias", "0.5, -1");
		inputs.put("stride", "2,1");
		inputs.put("padding", "same");
		inputs.put("padding_mode", "reflect");
		inputs.put("dilation", "1,2");
		try (Context context = new Context(CommandService.class)) {
			CommandModule m = context.getService(CommandService.class).run(Conv2DCommand.class, true, inputs).get();
			assertTrue(((String) m.getOutput("report")).contains("o = floor("));
		}
		ConvSpec spec = ConvSpec.builder().stride(2, 1).dilation(1, 2).padding(Padding.same()).mode(PaddingMode.REFLECT).build();
		ConvPlan plan = ConvPlan.of(3, 13, 17, Kernel.of(w, 2, 3, 3, 3), new float[] { 0.5f, -1 }, spec);
		Tensor expected = Conv2d.run(plan, Tensor.of(3, 13, 17, x));
		NdArray got = Npy.read(out);
		assertArrayEquals(new int[] { 2, expected.height(), expected.width() }, got.shape());
		assertArrayEquals(expected.toArray(), got.toArray(), 1e-6f);
	}

	@Test
	void refusalsCarryTheMessageAndWriteNothing() throws Exception {
		Path in = dir.resolve("in.npy");
		try (OutputStream o = Files.newOutputStream(in)) {
			Npy.write(o, new int[] { 4, 4 }, new float[16]);
		}
		Path out = dir.resolve("out.npy");
		Map<String, Object> inputs = new HashMap<>();
		inputs.put("input", in.toFile());
		inputs.put("output", out.toFile());
		inputs.put("kernel", "box(3)");
		inputs.put("padding", "4");
		inputs.put("padding_mode", "reflect");
		try (Context context = new Context(CommandService.class)) {
			ExecutionException e = assertThrows(ExecutionException.class,
				() -> context.getService(CommandService.class).run(Conv2DCommand.class, true, inputs).get());
			Throwable cause = e.getCause();
			while (cause.getCause() != null && !(cause instanceof IllegalArgumentException)) cause = cause.getCause();
			assertTrue(cause.getMessage().contains("reflect padding must be smaller than the input size"), cause.getMessage());
		}
		assertFalse(Files.exists(out));
		try (java.util.stream.Stream<Path> s = Files.list(dir)) {
			assertEquals(1, s.count(), "only the input");
		}
	}

	@Test
	void parameterNamesAreTheMacroKeysAndChoicesTheEnums() throws Exception {
		for (String key : convkit.options.ConvOptions.KEYS) {
			Field f = Conv2DCommand.class.getDeclaredField(key);
			assertTrue(f.isAnnotationPresent(Parameter.class), key);
		}
		assertArrayEquals(PaddingMode.getAllLabels(), Conv2DCommand.class.getDeclaredField("padding_mode")
			.getAnnotation(Parameter.class).choices());
		assertArrayEquals(ChannelMapping.getAllLabels(), Conv2DCommand.class.getDeclaredField("channels")
			.getAnnotation(Parameter.class).choices());
		assertArrayEquals(convkit.engine.Method.getAllLabels(), Conv2DCommand.class.getDeclaredField("method")
			.getAnnotation(Parameter.class).choices());
		assertTrue(Arrays.asList(File.class, String.class, int.class, boolean.class).contains(
			Conv2DCommand.class.getDeclaredField("input").getType()));
	}
}
