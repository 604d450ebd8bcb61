package convkit.testing;

import convkit.engine.ConvSpec;
import convkit.engine.Kernel;
import convkit.engine.Padding;
import convkit.engine.PaddingMode;
import convkit.engine.Shape;
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

/**
 * One row of a conformance {@code cases.tsv} or {@code errors.tsv} in the test resources: 2-D
 * (PyTorch {@code Conv2d}) or 3-D ({@code Conv3d}, rows with z columns).
 */
public final class ConformanceCase {

	public final String folder;
	public final Map<String, String> row;

	private ConformanceCase(String folder, Map<String, String> row) {
		this.folder = folder;
		this.row = row;
	}

	/** Folders of 2-D cases: the shared set, the project's own, and cases of other libraries (constant fill, same_lower). */
	public static final String[] FOLDERS_2D = { "conformance", "conformance-extra", "conformance-peers" };

	/** Folders of 3-D cases: the shared set and the project's own. */
	public static final String[] FOLDERS_3D = { "conformance3d", "conformance3d-extra" };

	/** The rows of {@code file} in the 2-D folders. */
	public static List<ConformanceCase> all(String file) {
		return all(file, FOLDERS_2D);
	}

	/** The rows of {@code file} in {@code folders}. */
	public static List<ConformanceCase> all(String file, String... folders) {
		List<ConformanceCase> all = new ArrayList<>();
		for (String f : folders) all.addAll(load(f, file));
		return all;
	}

	/** The rows of {@code file} in every folder, 2-D and 3-D. */
	public static List<ConformanceCase> everywhere(String file) {
		List<ConformanceCase> all = all(file, FOLDERS_2D);
		all.addAll(all(file, FOLDERS_3D));
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
				String[] v = line.split("\t", -1);
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

	/** 3 for a {@code Conv3d} case (it has z columns), else 2. */
	public int rank() {
		return row.containsKey("stride_z") ? 3 : 2;
	}

	/** The case's padding, {@code same} when the row says so, else per side. */
	public Padding padding() {
		if ("same".equals(row.get("padding"))) return Padding.same();
		if ("same_lower".equals(row.get("padding"))) return Padding.sameLower();
		if (rank() == 3) {
			return Padding.of(i("pad_left"), i("pad_right"), i("pad_top"), i("pad_bottom"), i("pad_front"), i("pad_back"));
		}
		return Padding.of(i("pad_left"), i("pad_right"), i("pad_top"), i("pad_bottom"));
	}

	/** The case's spec from its columns. */
	public ConvSpec spec() {
		ConvSpec.Builder b = ConvSpec.builder(rank()).padding(padding()).mode(PaddingMode.fromLabel(row.get("padding_mode")))
			.value(value()).groups(i("groups"));
		if (rank() == 3) {
			return b.stride(i("stride_x"), i("stride_y"), i("stride_z")).dilation(i("dilation_x"), i("dilation_y"), i("dilation_z"))
				.build();
		}
		return b.stride(i("stride_x"), i("stride_y")).dilation(i("dilation_x"), i("dilation_y")).build();
	}

	/** The fill value of a {@code constant} case (column {@code value}; 0 where the column is absent). */
	public float value() {
		String v = row.get("value");
		return v == null || v.isEmpty() ? 0f : Float.parseFloat(v);
	}

	/** The input's shape from its columns (also for error rows, which have no files). */
	public Shape inputShape() {
		return rank() == 3 ? Shape.of(i("c_in"), i("depth"), i("height"), i("width")) : Shape.of(i("c_in"), i("height"), i("width"));
	}

	/** {@code NAME.<part>.npy} of this case. */
	public NdArray array(String part) {
		return read(folder, name() + "." + part + ".npy");
	}

	public Tensor input() {
		NdArray a = array("input");
		int[] s = a.shape();
		return Tensor.of(s.length == 4 ? Shape.of(s[0], s[1], s[2], s[3]) : Shape.of(s[0], s[1], s[2]), a.toArray());
	}

	public Kernel weight() {
		NdArray a = array("weight");
		return Kernel.of(a.toArray(), a.shape());
	}

	public float[] bias() {
		return hasBias() ? array("bias").toArray() : null;
	}

	/** The case for the {@link Reference}: its arrays and settings as plain values ({@code same} resolved by the reference itself). */
	public Reference.Case reference() {
		Reference.Case r = new Reference.Case();
		NdArray in = array("input");
		NdArray w = array("weight");
		int[] s = in.shape();
		r.rank = rank();
		r.channels = s[0];
		r.depth = rank() == 3 ? s[1] : 1;
		r.height = s[s.length - 2];
		r.width = s[s.length - 1];
		r.input = in.toArray();
		r.weights = w.toArray();
		int[] k = w.shape();
		r.outChannels = k[0];
		r.kd = rank() == 3 ? k[2] : 1;
		r.kh = k[k.length - 2];
		r.kw = k[k.length - 1];
		r.bias = bias();
		r.stride = new int[] { i("stride_x"), i("stride_y"), rank() == 3 ? i("stride_z") : 1 };
		r.dilation = new int[] { i("dilation_x"), i("dilation_y"), rank() == 3 ? i("dilation_z") : 1 };
		r.same = "same".equals(row.get("padding")) || "same_lower".equals(row.get("padding"));
		r.sameLower = "same_lower".equals(row.get("padding"));
		r.value = value();
		r.padding = rank() == 3
			? new int[] { i("pad_left"), i("pad_right"), i("pad_top"), i("pad_bottom"), i("pad_front"), i("pad_back") }
			: new int[] { i("pad_left"), i("pad_right"), i("pad_top"), i("pad_bottom"), 0, 0 };
		r.mode = row.get("padding_mode");
		r.groups = i("groups");
		return r;
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

	/** The expected output as doubles. */
	public double[] expected() {
		float[] e = array("expected").toArray();
		double[] d = new double[e.length];
		for (int i = 0; i < e.length; i++) d[i] = e[i];
		return d;
	}

	/** Max |got − expected| relative to max(1, max |expected|), as the shared conformance README says. */
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
