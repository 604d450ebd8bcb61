package convkit.cli;

import convkit.options.Arguments;
import convkit.batch.BatchItem;
import convkit.batch.BatchLock;
import convkit.batch.BatchLog;
import convkit.batch.BatchRow;
import convkit.batch.BatchSettings;
import convkit.batch.BatchWork;
import convkit.engine.Execution;
import convkit.options.OptionString;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code batch input=DIR output=DIR [pattern=*.tif] [recursive] [skip_existing] <conv options>|layers=[...]}:
 * convolves every matching file with the same settings (or runs it through a layer stack) and writes it under the same relative
 * name ({@link BatchSettings}). A file that fails, whatever the reason, is reported (stderr and
 * {@code convkit-batch-log.csv}, appended run after run) and the rest go on; the exit status is 1
 * if any failed. Refused before anything is written: an output folder that is or lies inside the
 * input folder (through links too), two inputs with one output name, an output folder another run
 * is writing to. Outputs are written in {@code .convkit-tmp/} and renamed, so an interrupted run
 * leaves no partial file and {@code skip_existing} resumes it.
 */
final class BatchCommand {

	private BatchCommand() {}

	static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
		OptionString o = Arguments.parse(args, 1, BatchSettings.KEYS);
		BatchSettings settings = BatchSettings.from(o);
		Execution exec = ConvCommand.execution(o);
		BatchWork work = BatchWork.of(settings, ConvCommand.MEMORY);
		List<Path> files = settings.files();
		Files.createDirectories(settings.outputFolder());
		try (BatchLock lock = BatchLock.take(settings.outputFolder())) {
			settings.prepareOutput(); // inside the lock: another run's temporary files are its own
			int failed;
			try (BatchLog log = BatchLog.open(settings.outputFolder())) {
				for (int i = 0; i < files.size(); i++) {
					BatchRow row = BatchItem.run(settings, files.get(i), work, exec);
					if (row.status().equals(BatchRow.FAILED)) err.println("convkit: " + row.file() + ": " + row.message());
					log.add(row);
					out.println(log.progress(i + 1, files.size(), row));
				}
				out.println(log.summary(files.size()));
				failed = log.failed();
			}
			finally {
				settings.removeTemporaryFolder(); // also when the log cannot be written
			}
			return failed > 0 ? 1 : 0;
		}
	}
}
