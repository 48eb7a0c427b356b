package ai.lion.spark.report;

/**
 * The metrics of one completed epoch, as the chart draws them.
 *
 * @param epoch              zero-based epoch number
 * @param trainLoss          mean training loss of the epoch
 * @param validationLoss     loss on the validation split after the epoch
 * @param validationAccuracy accuracy on the validation split after the epoch, in [0, 1]
 */
public record EpochPoint(int epoch, double trainLoss, double validationLoss, double validationAccuracy) {
}
