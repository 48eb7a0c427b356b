package ai.lion.jobs;

import ai.lion.core.models.AdamW;
import ai.lion.core.models.LionConfig;
import ai.lion.core.models.LionModels;
import ai.lion.jobs.config.TrainConfig;
import ai.lion.spark.train.GraphFactory;

/** The network {@code train} builds for a {@link LionConfig}: the LION model of {@link LionModels}. */
final class LionGraphs {

    private LionGraphs() {
    }

    /**
     * The factory of {@code model}'s network, trained with AdamW at {@code train.learning-rate} and the
     * decoupled weight decay {@code train.weight-decay}.
     */
    static GraphFactory factory(LionConfig model, TrainConfig train) {
        AdamW optimizer = AdamW.of(train.learningRate()).withWeightDecay(train.weightDecay());
        return GraphFactory.of(() -> LionModels.configuration(model, optimizer), model.toJson());
    }
}
