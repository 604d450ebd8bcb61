/** Benchmarks, apart from the tests: run with scripts/bench, never asserted. */
package convkit.bench;
