/**
 * Test support for running real ImageJ 1 macros: {@link convkit.ijtest.BatchLauncher} starts
 * {@code ij.ImageJ -batch} in a child JVM and reports macro errors and created images on stdout.
 */
package convkit.ijtest;
