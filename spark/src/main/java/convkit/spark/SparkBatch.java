package convkit.spark;

import convkit.batch.BatchLock;
import convkit.batch.BatchLog;
import convkit.batch.BatchPiece;
import convkit.batch.BatchPlan;
import convkit.batch.BatchRow;
import convkit.batch.BatchSettings;
import convkit.batch.BatchWork;
import convkit.io.StackText;
import convkit.options.Arguments;
import convkit.options.OptionString;
import convkit.run.MemoryBudget;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The batch job on Spark. On the driver: the keys checked as the single-machine {@code batch}
 * checks them (folders, pattern, kernel or layers — before Spark starts), the files listed, the output
 * folder locked, the tasks planned ({@link BatchPlan}: one per file, largest first, a large stack
 * cut into pieces of planes for one convolution; a layer stack runs each file whole); the tasks run
 * {@link ConvertPiece}; then the stacks' outputs are
 * finished and the log rows written in file order, a line per file and the summary, as
 * {@code batch} prints them.
 */
final class SparkBatch {

	static final String MASTER = "master";
	static final Set<String> KEYS;
	static {
		Set<String> k = new LinkedHashSet<>(BatchSettings.KEYS);
		k.add(MASTER);
		KEYS = k;
	}

	private SparkBatch() {}

	static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
		long start = System.nanoTime();
		OptionString o = Arguments.parse(args, 1, KEYS);
		BatchSettings settings = BatchSettings.from(o);
		// reads and checks the kernel and bias, or the layers' weights, here, once, before Spark starts
		BatchWork work = BatchWork.of(settings, MemoryBudget.jvm("give the driver more memory (--driver-memory)"));
		String master = master(o);
		List<Path> files = settings.files();
		HashMap<String, String> taskKeys = taskKeys(o, settings);
		JavaSparkContext sc = start(master, out); // a master that cannot start: nothing made
		try {
			Files.createDirectories(settings.outputFolder());
			try (BatchLock lock = BatchLock.take(settings.outputFolder())) {
				settings.prepareOutput();
				BatchPlan plan = null;
				try {
					plan = BatchPlan.of(settings, files, work, 2 * sc.defaultParallelism());
					List<BatchPiece> pieces = plan.pieces();
					out.println("spark: " + pieces.size() + " tasks for " + files.size() + " file" + (files.size() > 1 ? "s" : "") + ", largest first" + (plan.stacks() > 0
						? " (" + plan.stacks() + " large file" + (plan.stacks() > 1 ? "s" : "") + " in pieces: stacks by planes, single planes by rows)"
						: " (one per file)"));
					List<BatchRow> results = sc.parallelize(pieces, pieces.size()).map(new ConvertPiece(taskKeys)).collect();
					List<BatchRow> rows = plan.rows(results);
					plan = null; // finished or discarded, stack by stack
					return log(settings, rows, start, out, err) > 0 ? 1 : 0;
				}
				finally {
					if (plan != null) plan.abort(); // the job failed: no stack's output remains half-made
					settings.removeTemporaryFolder(); // nor temporary files (outputs written are whole)
				}
			}
		}
		finally {
			sc.stop();
		}
	}

	/** Writes the rows to the log and the console, and the summary; returns how many failed. */
	private static int log(BatchSettings settings, List<BatchRow> rows, long start, PrintStream out, PrintStream err) throws IOException {
		try (BatchLog log = BatchLog.open(settings.outputFolder(), start)) {
			for (int i = 0; i < rows.size(); i++) {
				BatchRow row = rows.get(i);
				if (row.status().equals(BatchRow.FAILED)) err.println("convkit-spark: " + row.file() + ": " + row.message());
				log.add(row);
				out.println(BatchLog.done(i + 1, rows.size(), row));
			}
			out.println(log.summary(rows.size()));
			return log.failed();
		}
	}

	/**
	 * The executors' JVMs get {@code --add-modules=jdk.incubator.vector} (added to any
	 * {@code spark.executor.extraJavaOptions} already set) when this driver runs with the module, so
	 * executors on Java 21+ take the Vector API kernels as the driver does ({@code driverHasIt}).
	 */
	static SparkConf withVectorModule(SparkConf conf, boolean driverHasIt) {
		if (!driverHasIt) return conf;
		String key = "spark.executor.extraJavaOptions";
		String option = "--add-modules=" + convkit.engine.SimdPath.MODULE;
		String given = conf.get(key, "").trim();
		if (!given.contains(convkit.engine.SimdPath.MODULE)) conf.set(key, given.isEmpty() ? option : given + " " + option);
		return conf;
	}

	/** Starts Spark on {@code master} (null: spark-submit's), saying where it runs and where its UI is. */
	private static JavaSparkContext start(String master, PrintStream out) {
		SparkConf conf = new SparkConf().setAppName("ConvKit batch").set("spark.ui.showConsoleProgress", "false");
		if (master != null) conf.setMaster(master);
		withVectorModule(conf, convkit.engine.SimdPath.moduleAdded());
		JavaSparkContext sc;
		try {
			sc = new JavaSparkContext(conf);
		}
		catch (Exception e) { // Spark's SparkException is thrown undeclared
			throw new IllegalArgumentException("Spark could not start with master '" + conf.get("spark.master", "") + "': " + e.getMessage()
				+ "; allowed are local, local[N], local[*], spark://HOST:PORT, yarn and k8s://https://HOST:PORT", e);
		}
		sc.setLogLevel("WARN");
		out.println("spark: " + sc.master() + (sc.sc().uiWebUrl().isDefined() ? ", progress at " + sc.sc().uiWebUrl().get() : ""));
		sc.sc().addSparkListener(new StageLines(out));
		return sc;
	}

	/**
	 * The master from {@code master=}, or the one spark-submit gives ({@code spark.master}); refuses
	 * none, and a standalone master that does not answer, in one line.
	 */
	static String master(OptionString o) throws IOException {
		String m = o.get(MASTER);
		if (m == null || m.trim().isEmpty()) {
			if (System.getProperty("spark.master") != null) return null; // spark-submit's --master
			throw new IllegalArgumentException("option 'master' is required outside spark-submit: e.g. master=local[2] (this machine,"
				+ " 2 cores), master=spark://HOST:7077, master=yarn");
		}
		m = m.trim();
		if (m.startsWith("spark://")) checkReachable(m);
		return m;
	}

	/** Refuses a standalone master none of whose hosts accepts a connection (Spark itself would retry for a minute). */
	private static void checkReachable(String master) throws IOException {
		String reason = "";
		for (String hostPort : master.substring("spark://".length()).split(",")) {
			URI u = URI.create("spark://" + hostPort);
			if (u.getHost() == null) throw new IllegalArgumentException("master '" + master + "' is not spark://HOST:PORT");
			try (Socket s = new Socket()) {
				s.connect(new InetSocketAddress(u.getHost(), u.getPort() < 0 ? 7077 : u.getPort()), 3000);
				return;
			}
			catch (IOException e) {
				reason = e.getMessage();
			}
		}
		throw new IOException("master '" + master + "' is unreachable (" + reason + "); is the Spark master running there?");
	}

	/** The keys the tasks rebuild the settings from: the folders made absolute (executors start elsewhere), master left out. */
	private static HashMap<String, String> taskKeys(OptionString o, BatchSettings settings) {
		HashMap<String, String> m = new HashMap<>();
		for (String k : o.keys()) {
			if (!k.equals(MASTER)) m.put(k, o.get(k));
		}
		m.put(convkit.options.OptionKey.INPUT.key(), settings.inputFolder().toAbsolutePath().toString());
		if (m.containsKey(StackText.OPTION)) m.put(StackText.OPTION, StackText.recordable(m.get(StackText.OPTION))); // the weights by absolute names
		m.put(convkit.options.OptionKey.OUTPUT.key(), settings.outputFolder().toAbsolutePath().toString());
		return m;
	}
}
