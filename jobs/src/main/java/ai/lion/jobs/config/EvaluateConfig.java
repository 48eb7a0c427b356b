package ai.lion.jobs.config;

import java.util.Optional;

/**
 * The {@code evaluate} section: evaluation of a checkpoint on one split.
 *
 * @param split     split (subdirectory of {@code data.path}) to evaluate on
 * @param batchSize minibatch size
 * @param output    file the metrics are also written to as JSON, if set
 */
public record EvaluateConfig(String split, int batchSize, Optional<String> output) {

    /** Reads and checks the section; problems are recorded in {@code reader}. */
    public static EvaluateConfig read(ConfigReader reader) {
        return new EvaluateConfig(
                reader.string("evaluate.split"),
                reader.intAtLeast("evaluate.batch-size", 1),
                reader.optionalPath("evaluate.output"));
    }
}
