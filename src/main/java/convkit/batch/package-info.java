/**
 * The batch job, one folder of files convolved with one setting: which files and under which
 * names ({@link convkit.batch.BatchSettings}), one file's run as a log row ({@link convkit.batch.BatchItem},
 * {@link convkit.batch.BatchRow}), the log and the summary ({@link convkit.batch.BatchLog}), and the
 * output folder's lock. Shared by the command line's {@code batch} and the Spark job, so both
 * write the same files and the same log rows.
 */
package convkit.batch;
