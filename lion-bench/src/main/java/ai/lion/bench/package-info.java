/**
 * JMH benchmarks of the LION operator ({@link ai.lion.bench.LionFormBenchmark}) and of one training
 * step through a LION layer next to Deeplearning4j's self-attention
 * ({@link ai.lion.bench.LionBlockBenchmark}), of one fit step of the demo model
 * ({@link ai.lion.bench.PatchClassifierFitBenchmark}) and of ND4J's cost per call
 * ({@link ai.lion.bench.Nd4jOpOverheadBenchmark}).
 *
 * <p>Build with {@code mvn -o -q -pl lion-bench -am package -DskipTests} and run with
 * {@code java -jar lion-bench/target/benchmarks.jar [JMH options]}; {@code docs/benchmarks.md} records
 * the commands and the results.
 */
package ai.lion.bench;
