package ai.lion.spark.train;

import ai.lion.core.models.AdamW;
import ai.lion.core.models.LionConfig;
import ai.lion.core.models.LionModels;

/** The network of a {@link LionConfig} as the trainer builds it: the LION model of {@link LionModels}, with AdamW. */
public final class LionGraphFactory {

    private LionGraphFactory() {
    }

    /**
     * The factory of {@code model}'s network, trained with AdamW at {@code learningRate} (the schedule
     * replaces it before every split) and the decoupled weight decay {@code weightDecay}; the
     * {@code LionConfig}'s JSON goes into every checkpoint.
     */
    public static GraphFactory of(LionConfig model, double learningRate, double weightDecay) {
        AdamW optimizer = AdamW.of(learningRate).withWeightDecay(weightDecay);
        return GraphFactory.of(() -> LionModels.configuration(model, optimizer), model.toJson());
    }
}
