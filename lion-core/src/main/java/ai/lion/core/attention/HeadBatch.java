package ai.lion.core.attention;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The inputs of one call as the forms consume them: the B·H heads flattened into one batch of
 * N sequences, padding folded in, and the decays as float64 log decays.
 *
 * <p>A padded position gets {@code q = k = 0} and {@code log a = 0}: it contributes nothing, does not
 * decay the positions around it, and receives a zero numerator. When normalising, the values carry
 * an extra column of ones, so that every form produces the denominator as the last output column.
 */
final class HeadBatch {

    private final LionOptions options;
    private final long batch;
    private final long heads;
    private final long valueDim;
    private final INDArray q;
    private final INDArray k;
    private final INDArray values;
    private final INDArray logDecay;
    private final INDArray padding;
    private final boolean decaySharedAcrossBatch;

    private HeadBatch(LionInputs inputs, LionOptions options) {
        this.options = options;
        this.batch = inputs.batch();
        this.heads = inputs.heads();
        this.valueDim = inputs.valueDim();
        DataType dataType = inputs.dataType();
        long length = inputs.length();
        long sequences = batch * heads;
        INDArray real = inputs.keyMask().map(mask -> mask.castTo(dataType)).orElse(null);
        INDArray realPositions = real == null ? null : real.reshape(batch, 1, length, 1);
        this.q = maskPadding(inputs.q(), realPositions).reshape(sequences, length, inputs.dim());
        this.k = maskPadding(inputs.k(), realPositions).reshape(sequences, length, inputs.dim());
        INDArray v = options.normalize()
                ? Nd4j.concat(3, inputs.v(), Nd4j.ones(dataType, batch, heads, length, 1))
                : inputs.v();
        this.values = v.reshape(sequences, length, v.size(3));
        INDArray logDecayPerHead = logDecay(inputs);
        if (logDecayPerHead != null && real != null) {
            logDecayPerHead = logDecayPerHead.mul(real.castTo(DataType.DOUBLE).reshape(batch, 1, length));
        }
        this.logDecay = logDecayPerHead == null ? null : logDecayPerHead.reshape(sequences, length);
        this.decaySharedAcrossBatch = inputs.maskType() == MaskType.DECAY && real == null;
        this.padding = real == null ? null
                : Nd4j.zeros(dataType, batch, heads, length).addi(real.rsub(1).reshape(batch, 1, length))
                        .reshape(sequences, length);
    }

    static HeadBatch of(LionInputs inputs, LionOptions options) {
        return new HeadBatch(inputs, options);
    }

    /** H. */
    long heads() {
        return heads;
    }

    /** N = B·H. */
    long sequences() {
        return q.size(0);
    }

    /** L. */
    long length() {
        return q.size(1);
    }

    /** d. */
    long dim() {
        return q.size(2);
    }

    /** Columns of {@link #values()}: dv, plus one when normalising. */
    long width() {
        return values.size(2);
    }

    DataType dataType() {
        return q.dataType();
    }

    /** Queries [N, L, d], zero at padded positions. */
    INDArray q() {
        return q;
    }

    /** Keys [N, L, d], zero at padded positions. */
    INDArray k() {
        return k;
    }

    /** Values [N, L, width]; the last column is all ones when normalising. */
    INDArray values() {
        return values;
    }

    /** Whether the mask decays at all; {@code false} for LIT, where every mask entry is 1. */
    boolean decays() {
        return logDecay != null;
    }

    /**
     * Whether every batch entry has the same decays (DECAY without padding): then the first H rows of
     * {@link #prefixSums()} hold every head's sums.
     */
    boolean decaySharedAcrossBatch() {
        return decaySharedAcrossBatch;
    }

    /** Exclusive prefix sums [N, L + 1] of the log decays in float64: {@code P[n][t] = Σ_{s<t} log a_s}. */
    INDArray prefixSums() {
        INDArray prefix = Nd4j.zeros(DataType.DOUBLE, sequences(), length() + 1);
        prefix.get(all(), interval(1, length() + 1)).assign(logDecay.cumsum(1));
        return prefix;
    }

    /** The decays {@code a_t} [N, L] in the data type of the inputs. */
    INDArray decayFactors() {
        return Transforms.exp(logDecay, true).castTo(dataType());
    }

    /**
     * Turns the per-position sums {@code Σ_j A[i][j] [v_j, 1]} [N, L, width] (any layout) into the
     * output y [B, H, L, dv]: divided by the denominator column when normalising, 0 at padding.
     */
    INDArray output(INDArray sums) {
        INDArray y;
        if (options.normalize()) {
            INDArray denominator = sums.get(all(), all(), point(valueDim)).dup('c').addi(options.eps());
            if (padding != null) {
                denominator.addi(padding);
            }
            y = BatchOps.scaleRows(sums.get(all(), all(), interval(0, valueDim)), denominator.rdivi(1));
        } else {
            y = sums;
        }
        INDArray contiguous = y.isView() || y.ordering() != 'c' ? y.dup('c') : y;
        return contiguous.reshape(batch, heads, length(), valueDim);
    }

    private static INDArray maskPadding(INDArray x, INDArray realPositions) {
        return realPositions == null ? x : x.mul(realPositions);
    }

    /** log a_t [B, H, L] in float64 before padding, or null for LIT. */
    private static INDArray logDecay(LionInputs inputs) {
        return switch (inputs.maskType()) {
            case LIT -> null;
            case DECAY -> Nd4j.zeros(DataType.DOUBLE, inputs.batch(), inputs.heads(), inputs.length())
                    .addi(Transforms.log(inputs.lambda().orElseThrow().castTo(DataType.DOUBLE), true)
                            .reshape(1, inputs.heads(), 1));
            case SELECTIVE -> inputs.logA().orElseThrow().castTo(DataType.DOUBLE);
        };
    }
}
