/**
 * ConvKit's batch job on Apache Spark: {@link convkit.spark.SparkMain} starts it,
 * {@link convkit.spark.SparkBatch} lists the files on the driver and spreads them as one task per
 * file, largest first; each task runs ConvKit's own batch item ({@code convkit.batch.BatchItem}) —
 * the same runner, the same files as the single-machine {@code batch} — and the driver writes the
 * log rows and the summary.
 */
package convkit.spark;
