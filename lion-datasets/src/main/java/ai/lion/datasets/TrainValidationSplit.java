package ai.lion.datasets;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The indices of a training file divided into a training part and a validation part of fixed size,
 * chosen uniformly at random by a seeded shuffle. Both parts are sorted.
 */
record TrainValidationSplit(int[] train, int[] validation) {

    /** Stream key that keeps this shuffle independent of other uses of the same seed. */
    private static final long STREAM = 0x76616c6964L;

    static TrainValidationSplit carve(int count, int validationSize, long seed) {
        if (validationSize >= count) {
            throw new IllegalArgumentException("validationSize " + validationSize + " must be smaller than the "
                    + count + " training images");
        }
        int[] order = new int[count];
        Arrays.setAll(order, i -> i);
        SplittableRandom random = new SplittableRandom(Seeds.derive(seed, STREAM));
        for (int i = 0; i < validationSize; i++) {
            int j = i + random.nextInt(count - i);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        int[] validation = Arrays.copyOfRange(order, 0, validationSize);
        int[] train = Arrays.copyOfRange(order, validationSize, count);
        Arrays.sort(validation);
        Arrays.sort(train);
        return new TrainValidationSplit(train, validation);
    }
}
