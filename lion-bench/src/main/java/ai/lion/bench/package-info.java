/**
 * JMH benchmarks of the LION operator and, later, of the layers and scoring built on it.
 *
 * <p>Build with {@code mvn -o -q -pl lion-bench -am package -DskipTests} and run with
 * {@code java -jar lion-bench/target/benchmarks.jar [JMH options]}; {@code docs/benchmarks.md} records
 * the commands and the results.
 */
package ai.lion.bench;
