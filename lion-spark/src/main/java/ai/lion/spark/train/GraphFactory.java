package ai.lion.spark.train;

import ai.lion.core.models.AdamW;
import ai.lion.core.models.LionConfig;
import ai.lion.core.models.LionModels;
import java.util.Objects;
import java.util.function.Supplier;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;

/**
 * Describes the network to train, so that the trainer does not depend on any one model family: LION
 * models come from {@link #of(LionConfig, AdamW)}, other DL4J graphs from
 * {@link #of(Supplier, String)}.
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

    /**
     * The LION model {@code config} describes ({@link LionModels#configuration}), trained with
     * {@code optimizer}; the config's JSON goes into every checkpoint.
     */
    static GraphFactory of(LionConfig config, AdamW optimizer) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(optimizer, "optimizer");
        return of(() -> LionModels.configuration(config, optimizer), config.toJson());
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
