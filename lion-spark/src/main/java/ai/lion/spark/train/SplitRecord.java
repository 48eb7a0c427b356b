package ai.lion.spark.train;

/**
 * What one split (one parameter-averaging round) did.
 *
 * @param epoch        zero-based epoch
 * @param split        zero-based split within the epoch
 * @param splits       splits in the epoch
 * @param examples     training examples in the split
 * @param trainLoss    the training loss without its weight-decay term: for classification the mean of the
 *                     workers' losses on their last minibatch (DL4J's averaged score); for masked-language
 *                     modelling the mean cross-entropy per masked token over every minibatch of the split
 *                     ({@link MaskedTokenLoss})
 * @param learningRate the learning rate the split was trained with
 * @param seconds      wall time of the split
 */
record SplitRecord(int epoch, int split, int splits, long examples, double trainLoss, double learningRate,
                   double seconds) {
}
