package ai.lion.spark.train;

/**
 * What one completed epoch achieved.
 *
 * @param epoch              zero-based epoch number
 * @param splits             number of splits (parameter-averaging rounds) in the epoch
 * @param examples           training examples in the epoch
 * @param trainLoss          example-weighted mean of the training losses of the splits: per
 *                           example for classification, per masked token for masked-language modelling, as
 *                           the validation loss is
 * @param validationLoss     validation loss per prediction target (see {@link Evaluator})
 * @param validationAccuracy validation accuracy per prediction target
 * @param learningRate       learning rate of the epoch's last split
 * @param dataSeconds        time spent shuffling, batching and laying out the epoch's minibatches
 * @param trainSeconds       time spent training the splits (summed over restarts)
 * @param validationSeconds  time spent evaluating
 * @param skipped            rows the batcher skipped as bad in this epoch, per split and problem
 */
public record EpochMetrics(int epoch, int splits, long examples, double trainLoss, double validationLoss,
                           double validationAccuracy, double learningRate, double dataSeconds,
                           double trainSeconds, double validationSeconds, SkippedRows skipped) {

    /** Wall time of the epoch: data preparation, training and validation. */
    public double seconds() {
        return dataSeconds + trainSeconds + validationSeconds;
    }

    /** Training examples per second of training time. */
    public double examplesPerSecond() {
        return examples / trainSeconds;
    }
}
