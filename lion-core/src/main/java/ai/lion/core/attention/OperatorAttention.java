package ai.lion.core.attention;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import ai.lion.core.ops.LionOperator;
import ai.lion.core.ops.Normalization;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@link LionAttention} over a {@link LionOperator}: the B·H heads become rows {@code [B·H, L, ·]}, a
 * padded position gets {@code q = k = 0} and {@code log a = 0}, and when normalising the values carry
 * a column of ones whose sum is the denominator ({@link Normalization}).
 */
final class OperatorAttention implements LionAttention {

    private final LionOperator operator;
    private final LionOptions options;

    OperatorAttention(LionOperator operator, LionOptions options) {
        this.operator = operator;
        this.options = options;
    }

    @Override
    public INDArray apply(LionInputs inputs) {
        long batch = inputs.batch();
        long heads = inputs.heads();
        long length = inputs.length();
        long valueDim = inputs.valueDim();
        DataType dataType = inputs.dataType();
        INDArray real = inputs.keyMask().map(mask -> mask.castTo(dataType).reshape(batch, 1, length)).orElse(null);
        INDArray q = rows(real == null ? inputs.q() : inputs.q().mul(real.reshape(batch, 1, length, 1)), inputs);
        INDArray k = rows(real == null ? inputs.k() : inputs.k().mul(real.reshape(batch, 1, length, 1)), inputs);
        INDArray v = rows(inputs.v(), inputs);
        INDArray sums = operator.forward(q, k, options.normalize() ? Normalization.withOnes(v) : v,
                logDecay(inputs, real)).sums();
        INDArray y;
        if (options.normalize()) {
            if (real != null) {
                // den = 1 at padding, where num = 0: the output is 0 there even with eps = 0
                sums.get(all(), all(), point(valueDim)).addi(perRow(real.rsub(1), inputs));
            }
            y = Normalization.forward(sums, options.eps()).output();
        } else {
            y = sums.dup('c');
        }
        return y.reshape(batch, heads, length, valueDim);
    }

    /** log a as {@code [B·H, L]} (0 at padding), or null for LIT. */
    private static INDArray logDecay(LionInputs inputs, INDArray real) {
        DataType dataType = inputs.dataType();
        INDArray logDecay = switch (inputs.maskType()) {
            case LIT -> null;
            case DECAY -> perRow(Transforms.log(inputs.lambda().orElseThrow().castTo(dataType), true)
                    .reshape(1, inputs.heads(), 1), inputs);
            case SELECTIVE -> inputs.logA().orElseThrow().castTo(dataType);
        };
        if (logDecay == null || real == null) {
            return logDecay == null ? null : logDecay.reshape(inputs.batch() * inputs.heads(), inputs.length());
        }
        return logDecay.reshape(inputs.batch(), inputs.heads(), inputs.length()).mul(real)
                .reshape(inputs.batch() * inputs.heads(), inputs.length());
    }

    /** {@code x [B|1, H|1, L|1]} broadcast to {@code [B·H, L]}. */
    private static INDArray perRow(INDArray x, LionInputs inputs) {
        return Nd4j.zeros(x.dataType(), inputs.batch(), inputs.heads(), inputs.length()).addi(x)
                .reshape(inputs.batch() * inputs.heads(), inputs.length());
    }

    /** {@code x [B, H, L, w] -> [B·H, L, w]}. */
    private static INDArray rows(INDArray x, LionInputs inputs) {
        return x.dup('c').reshape(inputs.batch() * inputs.heads(), inputs.length(), x.size(3));
    }
}
