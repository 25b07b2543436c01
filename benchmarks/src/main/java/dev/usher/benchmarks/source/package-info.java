/**
 * Benchmarks of user sources: how fast people are read from local files into users.
 * Run with {@code java -jar benchmarks/target/benchmarks.jar CsvUserSourceBenchmark}.
 */
@NullMarked
package dev.usher.benchmarks.source;

import org.jspecify.annotations.NullMarked;
