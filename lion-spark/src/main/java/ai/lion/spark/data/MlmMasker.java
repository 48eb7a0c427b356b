package ai.lion.spark.data;

import java.util.SplittableRandom;

/**
 * BERT-style token masking for masked-language modelling. Each token is selected with probability
 * {@code p}; a selected token is replaced by the mask token (80%), by a uniformly random id from the
 * vocabulary (10%) or left as it is (10%), and its original id becomes the prediction target.
 *
 * <p>Draws come from one seeded generator, so the same seed and the same order of sequences give the
 * same masks.
 */
final class MlmMasker {

    static final double MASK_TOKEN_SHARE = 0.8;
    static final double RANDOM_TOKEN_SHARE = 0.1;

    /** Target value at steps that were not selected. */
    static final int NOT_SELECTED = -1;

    private final double probability;
    private final int maskTokenId;
    private final int vocabularySize;
    private final SplittableRandom random;

    MlmMasker(double probability, int maskTokenId, int vocabularySize, long seed) {
        this(probability, maskTokenId, vocabularySize, new SplittableRandom(seed));
    }

    private MlmMasker(double probability, int maskTokenId, int vocabularySize, SplittableRandom random) {
        this.probability = probability;
        this.maskTokenId = maskTokenId;
        this.vocabularySize = vocabularySize;
        this.random = random;
    }

    /** A masker for one partition: its stream depends on both the run's seed and the partition. */
    static MlmMasker forPartition(BatchSpec spec, long seed, int partition) {
        return new MlmMasker(spec.mlmProbability(), spec.maskTokenId(), spec.vocabularySize(),
                PartitionRandom.of(seed, partition));
    }

    /**
     * Masks {@code ids} in place and returns the targets: the original id at each selected step,
     * {@link #NOT_SELECTED} elsewhere.
     */
    int[] maskInPlace(int[] ids) {
        int[] targets = new int[ids.length];
        for (int t = 0; t < ids.length; t++) {
            if (random.nextDouble() >= probability) {
                targets[t] = NOT_SELECTED;
                continue;
            }
            targets[t] = ids[t];
            double action = random.nextDouble();
            if (action < MASK_TOKEN_SHARE) {
                ids[t] = maskTokenId;
            } else if (action < MASK_TOKEN_SHARE + RANDOM_TOKEN_SHARE) {
                ids[t] = random.nextInt(vocabularySize);
            }
        }
        return targets;
    }
}
