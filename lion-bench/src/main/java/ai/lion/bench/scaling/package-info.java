/**
 * Where the time of distributed training goes and how it scales: the split benchmark (the demo model
 * trained on Spark for several worker counts, averaging frequencies and batch sizes, one row of split
 * times per configuration), and the {@link ai.lion.bench.scaling.CostModel} calibrated from it
 * ({@link ai.lion.bench.scaling.Calibration}) that predicts throughput and scaling efficiency of
 * parameter averaging on larger clusters. {@code docs/benchmarks.md} has the commands,
 * {@code docs/scaling.md} the model.
 */
package ai.lion.bench.scaling;
