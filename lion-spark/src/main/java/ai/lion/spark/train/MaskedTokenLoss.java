package ai.lion.spark.train;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.DoubleAccumulator;
import org.apache.spark.util.LongAccumulator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.api.TrainingHook;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * A training hook that measures the masked-language-model training loss per masked token: over every
 * minibatch fit on the workers it sums the cross-entropy of the masked tokens and counts them ({@link Targets}),
 * in Spark accumulators the driver reads after the split.
 *
 * <p>DL4J's score of a minibatch is the cross-entropy summed over its masked tokens, divided by its
 * examples, plus the regularisation term of the parameters it was computed with; the hook takes that
 * term (measured before the update, with the same parameters) out and multiplies by the examples.
 */
final class MaskedTokenLoss implements TrainingHook {

    private static final long serialVersionUID = 1L;

    private final DoubleAccumulator lossSum;
    private final LongAccumulator maskedTokens;
    private transient double regularization;

    MaskedTokenLoss(JavaSparkContext sc) {
        lossSum = sc.sc().doubleAccumulator("lion masked-token cross-entropy");
        maskedTokens = sc.sc().longAccumulator("lion masked tokens fit");
    }

    /** Mean cross-entropy per masked token (nats) of every minibatch fit since this hook was made. */
    double lossPerMaskedToken() {
        return lossSum.value() / maskedTokens.value();
    }

    /** Records {@code graph}'s score of {@code minibatch}, computed with parameters whose regularisation term is {@code regularization}. */
    private void record(MultiDataSet minibatch, double score, double regularization) {
        lossSum.add((score - regularization) * minibatch.getFeatures(0).size(0));
        maskedTokens.add(Targets.positions(minibatch).length);
    }

    @Override
    public void preUpdate(MultiDataSet minibatch, Model model) {
        regularization = ((ComputationGraph) model).calcRegularizationScore(true);
    }

    @Override
    public void postUpdate(MultiDataSet minibatch, Model model) {
        record(minibatch, model.score(), regularization);
    }

    @Override
    public void preUpdate(DataSet minibatch, Model model) {
        throw new UnsupportedOperationException("masked-language models train on MultiDataSet minibatches");
    }

    @Override
    public void postUpdate(DataSet minibatch, Model model) {
        throw new UnsupportedOperationException("masked-language models train on MultiDataSet minibatches");
    }
}
