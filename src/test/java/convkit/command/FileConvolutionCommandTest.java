package convkit.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.engine.Method;
import convkit.engine.PaddingMode;
import convkit.io.NdArray;
import convkit.io.Npy;
import convkit.options.ChannelMapping;
import convkit.testing.Reference;
import convkit.testing.Tolerance;

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
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.module.ModuleItem;
import org.scijava.plugin.Parameter;

/**
 * The SciJava commands (Conv2D and Conv3D, file to file) run with no UI through
 * {@code new Context(CommandService.class)}, their outputs against the independent reference.
 */
class FileConvolutionCommandTest {

	@TempDir
	Path dir;

	private Path npy(String name, int[] shape, float[] values) throws Exception {
		Path p = dir.resolve(name);
		try (OutputStream o = Files.newOutputStream(p)) {
			Npy.write(o, shape, values);
		}
		return p;
	}

	private static float[] random(Random r, int n, float shift) {
		float[] v = new float[n];
		for (int i = 0; i < n; i++) v[i] = r.nextFloat() - shift;
		return v;
	}

	/** As a Fiji script runs it: by class name, through the CommandService. */
	private static CommandModule run(Class<? extends FileConvolutionCommand> type, Map<String, Object> inputs) throws Exception {
		try (Context context = new Context(CommandService.class)) {
			return context.getService(CommandService.class).run(type.getName(), true, inputs).get();
		}
	}

	/** {@link #run} for a run expected to fail: SciJava's log of the failure (an [ERROR] and a trace) is switched off. */
	private static CommandModule runExpectingFailure(Class<? extends FileConvolutionCommand> type, Map<String, Object> inputs)
		throws Exception {
		try (Context context = new Context(CommandService.class, org.scijava.log.LogService.class)) {
			context.getService(org.scijava.log.LogService.class).setLevel(org.scijava.log.LogLevel.NONE);
			return context.getService(CommandService.class).run(type.getName(), true, inputs).get();
		}
	}

	@Test
	void conv2dRunsThroughCommandServiceAndMatchesTheReference() throws Exception {
		Random r = new Random(4);
		Reference.Case c = new Reference.Case();
		c.channels = 3;
		c.height = 13;
		c.width = 17;
		c.input = random(r, 3 * 13 * 17, 0);
		c.outChannels = 2;
		c.kh = 3;
		c.kw = 3;
		c.weights = random(r, 2 * 3 * 9, 0.5f);
		c.bias = new float[] { 0.5f, -1 };
		c.stride = new int[] { 2, 1, 1 };
		c.dilation = new int[] { 1, 2, 1 };
		c.same = true;
		c.mode = "reflect";
		Path out = dir.resolve("out.npy");
		Map<String, Object> inputs = new HashMap<>();
		inputs.put("input", npy("in.npy", new int[] { 3, 13, 17 }, c.input).toFile());
		inputs.put("output", out.toFile());
		inputs.put("kernel", npy("w.npy", new int[] { 2, 3, 3, 3 }, c.weights).toString());
		inputs.put("bias", "0.5, -1");
		inputs.put("stride", "2,1");
		inputs.put("padding", "same");
		inputs.put("padding_mode", "reflect");
		inputs.put("dilation", "1,2");
		CommandModule m = run(Conv2DCommand.class, inputs);
		assertTrue(((String) m.getOutput("report")).contains("o = floor("));
		NdArray got = Npy.read(out);
		int[] o = c.outputSize();
		assertArrayEquals(new int[] { 2, o[1], o[0] }, got.shape());
		Tolerance.assertClose(Reference.conv(c), got.toArray(), 1e-5, "Conv2DCommand");
	}

	@Test
	void constantFillAndSameLowerThroughTheCommandService() throws Exception {
		Random r = new Random(6);
		Reference.Case c = new Reference.Case();
		c.channels = 2;
		c.height = 11;
		c.width = 12;
		c.input = random(r, 2 * 11 * 12, 0);
		c.outChannels = 1;
		c.kh = 2;
		c.kw = 4;
		c.weights = random(r, 2 * 8, 0.5f);
		c.stride = new int[] { 2, 1, 1 };
		c.same = true;
		c.sameLower = true;
		c.mode = "constant";
		c.value = -1.5f;
		Path out = dir.resolve("out.npy");
		Map<String, Object> inputs = new HashMap<>();
		inputs.put("input", npy("in.npy", new int[] { 2, 11, 12 }, c.input).toFile());
		inputs.put("output", out.toFile());
		inputs.put("kernel", npy("w.npy", new int[] { 1, 2, 2, 4 }, c.weights).toString());
		inputs.put("stride", "2,1");
		inputs.put("padding", "same_lower");
		inputs.put("padding_mode", "constant");
		inputs.put("value", -1.5);
		run(Conv2DCommand.class, inputs);
		NdArray got = Npy.read(out);
		int[] o = c.outputSize();
		assertArrayEquals(new int[] { 1, o[1], o[0] }, got.shape());
		Tolerance.assertClose(Reference.conv(c), got.toArray(), 1e-5, "Conv2DCommand constant same_lower");
	}

	@Test
	void conv3dRunsThroughCommandServiceAndMatchesTheReference() throws Exception {
		Random r = new Random(5);
		Reference.Case c = new Reference.Case();
		c.rank = 3;
		c.channels = 2;
		c.depth = 6;
		c.height = 7;
		c.width = 9;
		c.input = random(r, 2 * 6 * 7 * 9, 0);
		c.outChannels = 1;
		c.kd = 3;
		c.kh = 3;
		c.kw = 3;
		c.weights = random(r, 2 * 27, 0.5f);
		c.stride = new int[] { 1, 2, 2 };
		c.padding = new int[] { 1, 1, 0, 2, 1, 0 };
		c.mode = "circular";
		Path out = dir.resolve("out3.npy");
		Map<String, Object> inputs = new HashMap<>();
		inputs.put("input", npy("in3.npy", new int[] { 2, 6, 7, 9 }, c.input).toFile());
		inputs.put("output", out.toFile());
		inputs.put("kernel", npy("w3.npy", new int[] { 2, 3, 3, 3 }, c.weights).toString()); // [C_in, kD, kH, kW]: one output
		inputs.put("stride", "1,2,2");
		inputs.put("padding", "1,1,0,2,1,0");
		inputs.put("padding_mode", "circular");
		CommandModule m = run(Conv3DCommand.class, inputs);
		assertTrue(((String) m.getOutput("report")).contains("z: o = floor("), (String) m.getOutput("report"));
		NdArray got = Npy.read(out);
		int[] o = c.outputSize();
		assertArrayEquals(new int[] { 1, o[2], o[1], o[0] }, got.shape());
		Tolerance.assertClose(Reference.conv(c), got.toArray(), 1e-5, "Conv3DCommand");
	}

	@Test
	void refusalsCarryTheMessageAndWriteNothing() throws Exception {
		Path in = npy("in.npy", new int[] { 4, 4 }, new float[16]);
		Path out = dir.resolve("out.npy");
		Map<String, Object> inputs = new HashMap<>();
		inputs.put("input", in.toFile());
		inputs.put("output", out.toFile());
		inputs.put("kernel", "box(3)");
		inputs.put("padding", "4");
		inputs.put("padding_mode", "reflect");
		ExecutionException e = assertThrows(ExecutionException.class, () -> runExpectingFailure(Conv2DCommand.class, inputs));
		Throwable cause = e.getCause();
		while (cause.getCause() != null && !(cause instanceof IllegalArgumentException)) cause = cause.getCause();
		assertTrue(cause.getMessage().contains("reflect padding must be smaller than the input size"), cause.getMessage());
		inputs.put("padding", "0");
		inputs.put("output", in.toFile());
		e = assertThrows(ExecutionException.class, () -> runExpectingFailure(Conv2DCommand.class, inputs));
		cause = e.getCause();
		while (cause.getCause() != null && !(cause instanceof IllegalArgumentException)) cause = cause.getCause();
		assertTrue(cause.getMessage().contains("is the input file"), cause.getMessage());
		assertFalse(Files.exists(out));
		try (java.util.stream.Stream<Path> s = Files.list(dir)) {
			assertEquals(1, s.count(), "only the input");
		}
	}

	@Test
	void parameterNamesAreTheMacroKeysAndChoicesTheEnums() throws Exception {
		for (String key : convkit.options.ConvOptions.KEYS) {
			Field f = FileConvolutionCommand.class.getDeclaredField(key);
			assertTrue(f.isAnnotationPresent(Parameter.class), key);
		}
		assertArrayEquals(PaddingMode.getAllLabels(), choices("padding_mode"));
		assertArrayEquals(ChannelMapping.getAllLabels(), choices("channels"));
		assertArrayEquals(Method.getAllLabels(), choices("method"));
		try (Context context = new Context(CommandService.class)) {
			for (Class<? extends FileConvolutionCommand> type : Arrays.asList(Conv2DCommand.class, Conv3DCommand.class)) {
				CommandInfo info = context.getService(CommandService.class).getCommand(type);
				ModuleItem<?> mode = info.getInput("padding_mode");
				assertEquals(Arrays.asList(PaddingMode.getAllLabels()), mode.getChoices(), type.getName());
				assertTrue(info.getInput("kernel") != null, type.getName());
			}
		}
	}

	private static String[] choices(String field) throws NoSuchFieldException {
		return FileConvolutionCommand.class.getDeclaredField(field).getAnnotation(Parameter.class).choices();
	}
}
