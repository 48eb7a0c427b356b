package ai.lion.core.attention;

import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Base of the three fast forms: the inputs are rearranged into a {@link HeadBatch}, the form computes
 * the per-position sums {@code Σ_j A[i][j] [v_j, 1]}, and the batch turns them into the output.
 */
abstract class BatchedForm implements LionAttention {

    private final LionOptions options;

    BatchedForm(LionOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public final INDArray apply(LionInputs inputs) {
        HeadBatch heads = HeadBatch.of(inputs, options);
        return heads.output(sums(heads));
    }

    LionOptions options() {
        return options;
    }

    /** The sums {@code Σ_j A[i][j] values_j} [N, L, width], in any memory layout. */
    abstract INDArray sums(HeadBatch heads);
}
