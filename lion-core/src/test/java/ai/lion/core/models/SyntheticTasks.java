package ai.lion.core.models;

import java.util.Random;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Small learnable tasks, one per model kind, generated from a seed. Each is solvable only by a model
 * that mixes information across positions.
 */
final class SyntheticTasks {

    private SyntheticTasks() {
    }

    /**
     * Images {@code [channels=1, side, side]} of uniform noise in [0, 0.5) with one quadrant raised by
     * 0.5; the class (0..3) is the bright quadrant in raster order (top-left, top-right, bottom-left,
     * bottom-right). Features are already cut into patches ({@link ImagePatches}).
     */
    static MultiDataSet brightQuadrant(PatchInput input, int count, Random random) {
        int side = input.imageSize();
        int half = side / 2;
        INDArray images = Nd4j.zeros(DataType.FLOAT, count, 1, side, side);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, count, 4);
        for (int n = 0; n < count; n++) {
            int quadrant = random.nextInt(4);
            labels.putScalar(n, quadrant, 1);
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    boolean bright = (y >= half) == (quadrant >= 2) && (x >= half) == (quadrant % 2 == 1);
                    images.putScalar(new int[]{n, 0, y, x}, 0.5 * random.nextDouble() + (bright ? 0.5 : 0));
                }
            }
        }
        return new MultiDataSet(ImagePatches.toSequence(images, input.patchSize()), labels);
    }

    /** Token ids of {@link #aBeforeB}: padding, the two marker tokens, and the first filler token. */
    static final int PAD = 0;
    static final int TOKEN_A = 1;
    static final int TOKEN_B = 2;
    static final int FIRST_FILLER = 3;

    /**
     * Sequences of random filler tokens, each of a random length in [{@code maxLength/2}, maxLength]
     * and right-padded with a feature mask, containing one A and one B at random distinct positions.
     * Class 1 if A comes before B, else 0: a model must relate two positions in either direction.
     */
    static MultiDataSet aBeforeB(TokenInput input, int count, Random random) {
        int maxLength = input.maxLength();
        INDArray ids = Nd4j.zeros(DataType.FLOAT, count, maxLength);
        INDArray mask = Nd4j.zeros(DataType.FLOAT, count, maxLength);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, count, 2);
        for (int n = 0; n < count; n++) {
            int length = maxLength / 2 + random.nextInt(maxLength - maxLength / 2 + 1);
            for (int t = 0; t < length; t++) {
                ids.putScalar(n, t, FIRST_FILLER + random.nextInt(input.vocabSize() - FIRST_FILLER));
                mask.putScalar(n, t, 1);
            }
            int a = random.nextInt(length);
            int b = (a + 1 + random.nextInt(length - 1)) % length;
            ids.putScalar(n, a, TOKEN_A);
            ids.putScalar(n, b, TOKEN_B);
            labels.putScalar(n, a < b ? 1 : 0, 1);
        }
        return new MultiDataSet(new INDArray[]{ids}, new INDArray[]{labels}, new INDArray[]{mask}, null);
    }

    /** Token id that replaces a masked position in {@link #periodicCopy}: the last id of the vocabulary. */
    static int maskToken(TokenInput input) {
        return input.vocabSize() - 1;
    }

    /**
     * Sequences that repeat a random block of {@code period} tokens, so {@code x[t] = x[t - period]}.
     * Each position is masked with probability {@code maskRate} (at least one per sequence) and
     * replaced by {@link #maskToken}; the labels {@code [count, vocab, length]} hold the original
     * tokens and the label mask selects the masked positions. A masked token is the copy of the
     * tokens a fixed offset away, on either side.
     */
    static MultiDataSet periodicCopy(TokenInput input, int period, double maskRate, int count, Random random) {
        int length = input.maxLength();
        int vocab = input.vocabSize();
        INDArray ids = Nd4j.zeros(DataType.FLOAT, count, length);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, count, vocab, length);
        INDArray labelMask = Nd4j.zeros(DataType.FLOAT, count, length);
        for (int n = 0; n < count; n++) {
            int[] block = new int[period];
            for (int i = 0; i < period; i++) {
                block[i] = random.nextInt(maskToken(input));
            }
            int forced = random.nextInt(length);
            for (int t = 0; t < length; t++) {
                int token = block[t % period];
                boolean masked = t == forced || random.nextDouble() < maskRate;
                ids.putScalar(n, t, masked ? maskToken(input) : token);
                if (masked) {
                    labels.putScalar(n, token, t, 1);
                    labelMask.putScalar(n, t, 1);
                }
            }
        }
        return new MultiDataSet(new INDArray[]{ids}, new INDArray[]{labels}, null, new INDArray[]{labelMask});
    }
}
