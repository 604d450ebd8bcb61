package convkit.testing;

import convkit.engine.ConvSpec;
import convkit.engine.Kernel;
import convkit.engine.Padding;
import convkit.engine.PaddingMode;
import convkit.engine.Tensor;
import convkit.io.NdArray;
import convkit.io.Npy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One row of a conformance {@code cases.tsv} or {@code errors.tsv} in the test resources. */
public final class ConformanceCase {

	public final String folder;
	public final Map<String, String> row;

	private ConformanceCase(String folder, Map<String, String> row) {
		this.folder = folder;
		this.row = row;
	}

	/** The rows of {@code file} in the shared set ("conformance") and the project's extra set. */
	public static List<ConformanceCase> all(String file) {
		List<ConformanceCase> all = new ArrayList<>(load("conformance", file));
		all.addAll(load("conformance-extra", file));
		return all;
	}

	/** The rows of {@code /folder/file} on the test class path. */
	public static List<ConformanceCase> load(String folder, String file) {
		String path = "/" + folder + "/" + file;
		try (InputStream in = ConformanceCase.class.getResourceAsStream(path)) {
			if (in == null) throw new IllegalStateException("missing test resource " + path);
			BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			String[] header = r.readLine().split("\t");
			List<ConformanceCase> out = new ArrayList<>();
			for (String line; (line = r.readLine()) != null;) {
				if (line.trim().isEmpty()) continue;
				String[] v = line.split("\t");
				Map<String, String> m = new HashMap<>();
				for (int i = 0; i < header.length; i++) m.put(header[i], v[i]);
				out.add(new ConformanceCase(folder, m));
			}
			return out;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	public String name() {
		return row.get("name");
	}

	public int i(String column) {
		return Integer.parseInt(row.get(column));
	}

	public boolean hasBias() {
		return "1".equals(row.get("bias"));
	}

	/** The case's spec from its columns. */
	public ConvSpec spec() {
		return ConvSpec.builder().stride(i("stride_x"), i("stride_y")).dilation(i("dilation_x"), i("dilation_y"))
			.padding(Padding.of(i("pad_left"), i("pad_right"), i("pad_top"), i("pad_bottom")))
			.mode(PaddingMode.fromLabel(row.get("padding_mode"))).groups(i("groups")).build();
	}

	/** {@code NAME.<part>.npy} of this case. */
	public NdArray array(String part) {
		return read(folder, name() + "." + part + ".npy");
	}

	public Tensor input() {
		NdArray a = array("input");
		return Tensor.of(a.dim(0), a.dim(1), a.dim(2), a.toArray());
	}

	public Kernel weight() {
		NdArray a = array("weight");
		return Kernel.of(a.toArray(), a.shape());
	}

	public float[] bias() {
		return hasBias() ? array("bias").toArray() : null;
	}

	/** Reads a .npy test resource. */
	public static NdArray read(String folder, String file) {
		String path = "/" + folder + "/" + file;
		try (InputStream in = ConformanceCase.class.getResourceAsStream(path)) {
			if (in == null) throw new IllegalStateException("missing test resource " + path);
			return Npy.read(in, path);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Max |got − expected| relative to max(1, max |expected|), as the conformance README says. */
	public static double relativeError(float[] got, float[] expected) {
		double maxAbs = 1;
		double maxDiff = 0;
		for (int i = 0; i < expected.length; i++) {
			maxAbs = Math.max(maxAbs, Math.abs(expected[i]));
			maxDiff = Math.max(maxDiff, Math.abs(got[i] - expected[i]));
		}
		return maxDiff / maxAbs;
	}

	@Override
	public String toString() {
		return name();
	}
}
