package ai.lion.core.models;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Adam with decoupled weight decay (AdamW): after the Adam step every weight matrix shrinks by
 * {@code learningRate · weightDecay · w}. Biases, LayerNorm parameters, the cls token and position
 * embeddings are not decayed.
 *
 * <p>The learning rate is not part of the optimiser: whoever trains the model owns it. The distributed
 * trainer sets the rate of its schedule before every split; a local training loop calls
 * {@code ComputationGraph.setLearningRate} before its first {@code fit}. The decay follows the rate.
 *
 * <pre>{@code
 * ComputationGraph model = LionModels.build(config, AdamW.defaults().withWeightDecay(0.01));
 * model.setLearningRate(1e-3);
 * }</pre>
 *
 * @param weightDecay decay coefficient, &ge; 0 (the authors use 0.05)
 * @param beta1       first-moment decay, in [0, 1)
 * @param beta2       second-moment decay, in [0, 1)
 * @param epsilon     Adam's denominator term, &gt; 0
 */
public record AdamW(double weightDecay, double beta1, double beta2, double epsilon) {

    /** Weight decay of {@link #defaults()}: the authors' DeiT setting. */
    public static final double DEFAULT_WEIGHT_DECAY = 0.05;

    /** Validates the settings; messages name the field and the value. */
    public AdamW {
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("weightDecay must be non-negative and finite, got " + weightDecay);
        }
        Checks.probability("beta1", beta1);
        Checks.probability("beta2", beta2);
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("epsilon must be positive, got " + epsilon);
        }
    }

    /** AdamW with weight decay 0.05 and Adam's usual betas (0.9, 0.999) and epsilon 1e-8. */
    public static AdamW defaults() {
        return new AdamW(DEFAULT_WEIGHT_DECAY, 0.9, 0.999, 1e-8);
    }

    /** A copy with another weight decay. */
    public AdamW withWeightDecay(double weightDecay) {
        return new AdamW(weightDecay, beta1, beta2, epsilon);
    }

    /**
     * Sets the updater and the (weight-only) decoupled decay of a network configuration. Its learning
     * rate is DL4J's Adam default until the trainer sets its own.
     */
    void applyTo(NeuralNetConfiguration.Builder builder) {
        builder.updater(new Adam(Adam.DEFAULT_ADAM_LEARNING_RATE, beta1, beta2, epsilon))
                .weightDecay(weightDecay, true);
    }
}
