package ai.lion.core.attention;

import ai.lion.core.ops.LionOperator;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The LION operator: bidirectional linear attention with a decay mask.
 *
 * <pre>{@code
 * LionAttention attention = LionAttention.of(Form.CHUNK, LionOptions.defaults());
 * INDArray y = attention.apply(LionInputs.builder(MaskType.DECAY).q(q).k(k).v(v).lambda(lambda).build());
 * }</pre>
 *
 * Implementations are stateless apart from their options and safe to share between threads.
 */
public interface LionAttention {

    /**
     * Computes the output {@code y} [B, H, L, dv] in the data type of the inputs; padded positions
     * get 0.
     */
    INDArray apply(LionInputs inputs);

    /** {@code form}'s operator of {@link ai.lion.core.ops} with the given options. */
    static LionAttention of(Form form, LionOptions options) {
        Objects.requireNonNull(form, "form");
        Objects.requireNonNull(options, "options");
        return new OperatorAttention(LionOperator.of(form, options.chunkSize()), options);
    }
}
