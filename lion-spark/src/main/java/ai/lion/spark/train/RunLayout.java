package ai.lion.spark.train;

/**
 * The settings that decide which examples are trained together and in what order. A run can only
 * continue from a checkpoint written with the same layout.
 *
 * @param seed               the run's seed
 * @param workers            training workers
 * @param averagingFrequency minibatches per worker between averagings
 * @param batchSizePerWorker examples per worker minibatch
 * @param minibatchSize      rows per minibatch built from the data ({@code BatchSpec.batchSize()})
 */
record RunLayout(long seed, int workers, int averagingFrequency, int batchSizePerWorker, int minibatchSize) {

    /** Minibatches of the data each worker trains per split. */
    int minibatchesPerWorker() {
        return averagingFrequency * (batchSizePerWorker / minibatchSize);
    }
}
