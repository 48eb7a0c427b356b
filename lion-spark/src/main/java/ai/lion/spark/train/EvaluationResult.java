package ai.lion.spark.train;

/**
 * Loss and accuracy of a network on a data set, per prediction target: one target per example for
 * sequence classification, one per selected (label-mask) position for masked-language modelling.
 *
 * @param loss     the cross-entropy -log p(label) summed over all targets, divided by {@code targets}
 * @param accuracy share of targets whose arg-max output class equals the label
 * @param targets  number of prediction targets
 * @param examples number of examples
 */
public record EvaluationResult(double loss, double accuracy, long targets, long examples) {
}
