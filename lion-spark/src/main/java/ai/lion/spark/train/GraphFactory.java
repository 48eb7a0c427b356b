package ai.lion.spark.train;

import java.util.Objects;
import java.util.function.Supplier;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;

/**
 * Describes the network to train, so that the trainer does not depend on any one model family: LION
 * models come from {@code ai.lion.core.models.LionModels#configuration}, tests use small built-in
 * DL4J graphs.
 *
 * <p>The trainer calls {@link #configuration()} once per run, applies its own settings to it (gradient
 * clipping, weight decay, learning rate) and initialises the parameters from the configuration's seed.
 * A restarted run must get an equivalent configuration: it continues from the checkpoint's
 * parameters and refuses a checkpoint whose parameter shapes differ.
 */
@FunctionalInterface
public interface GraphFactory {

    /** A fresh configuration of the network (the trainer may modify it). */
    ComputationGraphConfiguration configuration();

    /** The model's own configuration as JSON, stored verbatim in every checkpoint; {@code {}} by default. */
    default String modelConfigJson() {
        return "{}";
    }

    /** A factory for the configurations {@code configurations} supplies, described by {@code modelConfigJson}. */
    static GraphFactory of(Supplier<ComputationGraphConfiguration> configurations, String modelConfigJson) {
        Objects.requireNonNull(configurations, "configurations");
        Objects.requireNonNull(modelConfigJson, "modelConfigJson");
        return new GraphFactory() {
            @Override
            public ComputationGraphConfiguration configuration() {
                return configurations.get();
            }

            @Override
            public String modelConfigJson() {
                return modelConfigJson;
            }
        };
    }
}
