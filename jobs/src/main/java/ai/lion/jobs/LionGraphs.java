package ai.lion.jobs;

import ai.lion.core.models.LionConfig;
import ai.lion.jobs.config.TrainConfig;
import ai.lion.spark.train.GraphFactory;
import ai.lion.spark.train.LionGraphFactory;

/** The network {@code train} builds for a {@link LionConfig}: the LION model of {@link LionGraphFactory}. */
final class LionGraphs {

    private LionGraphs() {
    }

    /**
     * The factory of {@code model}'s network, trained with AdamW at {@code train.learning-rate} and the
     * decoupled weight decay {@code train.weight-decay}.
     */
    static GraphFactory factory(LionConfig model, TrainConfig train) {
        return LionGraphFactory.of(model, train.learningRate(), train.weightDecay());
    }
}
