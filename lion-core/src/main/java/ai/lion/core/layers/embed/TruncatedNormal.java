package ai.lion.core.layers.embed;

import org.deeplearning4j.nn.conf.distribution.TruncatedNormalDistribution;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInitDistribution;

/** The initialisation of LION's linear weights and embeddings: a normal(0, 0.02) truncated at two standard deviations. */
public final class TruncatedNormal {

    /** Standard deviation of every initialised weight (ViT/DeiT convention). */
    public static final double STD = 0.02;

    /** The initialisation as a DL4J weight initialiser, for built-in layers. */
    public static final IWeightInit INIT = new WeightInitDistribution(new TruncatedNormalDistribution(0, STD));

    private TruncatedNormal() {
    }
}
