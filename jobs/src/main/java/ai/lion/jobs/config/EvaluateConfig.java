package ai.lion.jobs.config;

import java.util.Optional;

/**
 * The {@code evaluate} section: evaluation of a checkpoint on one split.
 *
 * @param split     split (subdirectory of {@code data.path}) to evaluate on
 * @param batchSize minibatch size
 * @param output    file the summary is written to as JSON; empty: {@code evaluate-<split>.json} beside the checkpoints
 * @param seed      seed of the masked-language-model masking of the evaluated rows
 */
public record EvaluateConfig(String split, int batchSize, Optional<String> output, long seed) {

    /** Reads and checks the section; problems are recorded in {@code reader}. */
    public static EvaluateConfig read(ConfigReader reader) {
        return new EvaluateConfig(
                reader.string("evaluate.split"),
                reader.intAtLeast("evaluate.batch-size", 1),
                reader.optionalPath("evaluate.output"),
                reader.longValue("evaluate.seed"));
    }
}
