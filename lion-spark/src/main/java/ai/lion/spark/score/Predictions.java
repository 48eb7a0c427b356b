package ai.lion.spark.score;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A minibatch's model outputs copied to the Java heap: per row the class probabilities and,
 * optionally, the pooled embedding. {@link #of} releases the ND4J arrays it copies from, so no
 * off-heap memory outlives the minibatch.
 */
public final class Predictions {

    private final float[][] probabilities;
    private final float[][] embeddings;

    private Predictions(float[][] probabilities, float[][] embeddings) {
        this.probabilities = probabilities;
        this.embeddings = embeddings;
    }

    /**
     * Copies and then closes the arrays.
     *
     * @param probabilities softmax output {@code [batch, classes]}
     * @param embeddings    pooled embeddings {@code [batch, width]}, or null
     */
    public static Predictions of(INDArray probabilities, INDArray embeddings) {
        try {
            float[][] rows = matrix("probabilities", probabilities);
            float[][] pooled = embeddings == null ? null : matrix("embeddings", embeddings);
            if (pooled != null && pooled.length != rows.length) {
                throw new IllegalArgumentException("embeddings have " + pooled.length + " rows but probabilities have "
                        + rows.length);
            }
            return new Predictions(rows, pooled);
        } finally {
            release(probabilities);
            release(embeddings);
        }
    }

    private static float[][] matrix(String name, INDArray array) {
        if (array.rank() != 2) {
            throw new IllegalArgumentException(name + " must be [batch, size], got shape "
                    + Arrays.toString(array.shape()));
        }
        return array.toFloatMatrix();
    }

    private static void release(INDArray array) {
        if (array != null && array.closeable()) {
            array.close();
        }
    }

    /** Number of rows. */
    public int size() {
        return probabilities.length;
    }

    /** Class probabilities of row {@code row}. */
    public float[] probabilities(int row) {
        return probabilities[row];
    }

    /** The most probable class of row {@code row} (the lowest index among ties). */
    public int predictedClass(int row) {
        float[] p = probabilities[row];
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        return best;
    }

    /**
     * The pooled embedding of row {@code row}.
     *
     * @throws IllegalStateException if the embeddings were not computed
     */
    public float[] embedding(int row) {
        if (embeddings == null) {
            throw new IllegalStateException("the embeddings were not computed for this minibatch");
        }
        return embeddings[row];
    }
}
