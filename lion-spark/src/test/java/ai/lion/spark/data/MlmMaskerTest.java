package ai.lion.spark.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** BERT-style masking statistics over many tokens, against the 80/10/10 rule. */
class MlmMaskerTest {

    private static final int VOCABULARY = 100;
    private static final int MASK_ID = 99;
    private static final int TOKENS = 400_000;

    /** Ids in [0, MASK_ID): the mask token never occurs as an original. */
    private static int[] originals() {
        return new Random(17).ints(TOKENS, 0, MASK_ID).toArray();
    }

    @Test
    void selectsTheConfiguredShareAndSplitsSelectedTokens80_10_10() {
        for (double p : new double[] {0.15, 0.4}) {
            int[] original = originals();
            int[] input = original.clone();
            int[] targets = new MlmMasker(p, MASK_ID, VOCABULARY, 1234L).maskInPlace(input);

            int selected = 0;
            int masked = 0;
            int kept = 0;
            for (int t = 0; t < TOKENS; t++) {
                if (targets[t] == MlmMasker.NOT_SELECTED) {
                    assertEquals(original[t], input[t], "unselected tokens stay as they are");
                    continue;
                }
                assertEquals(original[t], targets[t], "the target is the original id");
                selected++;
                masked += input[t] == MASK_ID ? 1 : 0;
                kept += input[t] == original[t] ? 1 : 0;
            }
            // a random replacement hits the mask id or the original with probability 1/VOCABULARY each
            double randomHit = 0.1 / VOCABULARY;
            assertEquals(p, (double) selected / TOKENS, 5 * Math.sqrt(p * (1 - p) / TOKENS));
            assertEquals(0.8 + randomHit, (double) masked / selected, 5 * Math.sqrt(0.16 / selected));
            assertEquals(0.1 + randomHit, (double) kept / selected, 5 * Math.sqrt(0.09 / selected));
        }
    }

    @Test
    void theSameSeedAndPartitionGiveTheSameMasks() {
        BatchSpec spec = SpecBuilder.of(InputKind.MLM).vocabularySize(VOCABULARY).maskTokenId(MASK_ID)
                .maxLength(8).batchSize(1).build();
        int[] first = originals();
        int[] again = originals();
        int[] otherPartition = originals();
        int[] otherSeed = originals();

        int[] targets = MlmMasker.forPartition(spec, 5L, 0).maskInPlace(first);

        assertArrayEquals(targets, MlmMasker.forPartition(spec, 5L, 0).maskInPlace(again));
        assertArrayEquals(first, again);
        assertFalse(Arrays.equals(targets, MlmMasker.forPartition(spec, 5L, 1).maskInPlace(otherPartition)));
        assertFalse(Arrays.equals(targets, MlmMasker.forPartition(spec, 6L, 0).maskInPlace(otherSeed)));
    }

    @Test
    void probabilityOneSelectsEveryToken() {
        int[] targets = new MlmMasker(1.0, MASK_ID, VOCABULARY, 3L).maskInPlace(new int[] {4, 5, 6});

        assertArrayEquals(new int[] {4, 5, 6}, targets);
    }
}
