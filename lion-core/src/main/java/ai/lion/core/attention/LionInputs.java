package ai.lion.core.attention;

import static ai.lion.core.attention.ArrayChecks.requireFinite;
import static ai.lion.core.attention.ArrayChecks.requireFloatingPoint;
import static ai.lion.core.attention.ArrayChecks.requireNonNull;
import static ai.lion.core.attention.ArrayChecks.requireNone;
import static ai.lion.core.attention.ArrayChecks.requireShape;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * The validated inputs of one LION operator call.
 *
 * <ul>
 *   <li>{@code q}, {@code k}: [B, H, L, d], already feature-mapped; {@code v}: [B, H, L, dv]. All
 *       three share one data type, float32 or float64, which is also the output's.</li>
 *   <li>{@code lambda}: [H], the per-head decay in (0, 1]; required by {@link MaskType#DECAY} only.</li>
 *   <li>{@code logA}: [B, H, L], the per-position log decay {@code log a_t <= 0}; required by
 *       {@link MaskType#SELECTIVE} only.</li>
 *   <li>{@code keyMask}: optional [B, L], 1 for a real position and 0 for padding. A padded
 *       position neither contributes to nor decays between real positions, and its output is 0.</li>
 * </ul>
 *
 * <p>The builder rejects every inconsistency with an {@link IllegalArgumentException} that names the
 * argument. The arrays are not copied: callers must not modify them while the inputs are in use.
 */
public final class LionInputs {

    private final MaskType maskType;
    private final INDArray q;
    private final INDArray k;
    private final INDArray v;
    private final INDArray lambda;
    private final INDArray logA;
    private final INDArray keyMask;

    private LionInputs(Builder builder) {
        this.maskType = builder.maskType;
        this.q = builder.q;
        this.k = builder.k;
        this.v = builder.v;
        this.lambda = builder.lambda;
        this.logA = builder.logA;
        this.keyMask = builder.keyMask;
    }

    /** A builder for inputs of the given mask type. */
    public static Builder builder(MaskType maskType) {
        return new Builder(maskType);
    }

    public MaskType maskType() {
        return maskType;
    }

    /** Feature-mapped queries, [B, H, L, d]. */
    public INDArray q() {
        return q;
    }

    /** Feature-mapped keys, [B, H, L, d]. */
    public INDArray k() {
        return k;
    }

    /** Values, [B, H, L, dv]. */
    public INDArray v() {
        return v;
    }

    /** Per-head decay [H] in (0, 1]; present exactly for {@link MaskType#DECAY}. */
    public Optional<INDArray> lambda() {
        return Optional.ofNullable(lambda);
    }

    /** Per-position log decay [B, H, L], all {@code <= 0}; present exactly for {@link MaskType#SELECTIVE}. */
    public Optional<INDArray> logA() {
        return Optional.ofNullable(logA);
    }

    /** Key padding mask [B, L] of 0s (padding) and 1s (real positions), if any. */
    public Optional<INDArray> keyMask() {
        return Optional.ofNullable(keyMask);
    }

    /** Data type of q, k, v and of the output: {@link DataType#FLOAT} or {@link DataType#DOUBLE}. */
    public DataType dataType() {
        return q.dataType();
    }

    /** B. */
    public long batch() {
        return q.size(0);
    }

    /** H. */
    public long heads() {
        return q.size(1);
    }

    /** L. */
    public long length() {
        return q.size(2);
    }

    /** d, the query/key dimension. */
    public long dim() {
        return q.size(3);
    }

    /** dv, the value (and output) dimension. */
    public long valueDim() {
        return v.size(3);
    }

    @Override
    public String toString() {
        return "LionInputs{" + maskType + ", " + dataType() + ", q" + Arrays.toString(q.shape())
                + ", v" + Arrays.toString(v.shape()) + (keyMask == null ? "" : ", padded") + "}";
    }

    /** Builder of {@link LionInputs}; {@link #build()} validates every argument. */
    public static final class Builder {
        private final MaskType maskType;
        private INDArray q;
        private INDArray k;
        private INDArray v;
        private INDArray lambda;
        private INDArray logA;
        private INDArray keyMask;

        private Builder(MaskType maskType) {
            this.maskType = Objects.requireNonNull(maskType, "maskType");
        }

        /** Feature-mapped queries [B, H, L, d]. */
        public Builder q(INDArray q) {
            this.q = q;
            return this;
        }

        /** Feature-mapped keys [B, H, L, d]. */
        public Builder k(INDArray k) {
            this.k = k;
            return this;
        }

        /** Values [B, H, L, dv]. */
        public Builder v(INDArray v) {
            this.v = v;
            return this;
        }

        /** Per-head decay [H] in (0, 1] ({@link MaskType#DECAY}). */
        public Builder lambda(INDArray lambda) {
            this.lambda = lambda;
            return this;
        }

        /** Per-position log decay [B, H, L], {@code <= 0} ({@link MaskType#SELECTIVE}). */
        public Builder logA(INDArray logA) {
            this.logA = logA;
            return this;
        }

        /** Optional key padding mask [B, L]: 1 = real position, 0 = padding. */
        public Builder keyMask(INDArray keyMask) {
            this.keyMask = keyMask;
            return this;
        }

        /** Validates the arguments and builds the inputs. */
        public LionInputs build() {
            validateQueriesKeysValues();
            long batch = q.size(0);
            long heads = q.size(1);
            long length = q.size(2);
            validateDecay(batch, heads, length);
            if (keyMask != null) {
                validateKeyMask(batch, length);
            }
            return new LionInputs(this);
        }

        private void validateKeyMask(long batch, long length) {
            requireShape("keyMask", keyMask, "[B, L]", batch, length);
            INDArray values = keyMask.castTo(DataType.DOUBLE);
            requireFinite("keyMask", values);
            requireNone("keyMask", keyMask, values.mul(values.sub(1)), Conditions.notEquals(0),
                    "must hold only 1 (real position) and 0 (padding)");
        }

        private void validateQueriesKeysValues() {
            requireNonNull("q", q);
            requireNonNull("k", k);
            requireNonNull("v", v);
            if (q.rank() != 4 || q.length() == 0) {
                throw new IllegalArgumentException("q must have shape [B, H, L, d] with every size >= 1, got "
                        + Arrays.toString(q.shape()));
            }
            if (q.dataType() != DataType.FLOAT && q.dataType() != DataType.DOUBLE) {
                throw new IllegalArgumentException("q must be FLOAT or DOUBLE, got " + q.dataType());
            }
            requireShape("k", k, "[B, H, L, d] (the shape of q)", q.shape());
            if (v.rank() != 4 || v.length() == 0 || v.size(0) != q.size(0) || v.size(1) != q.size(1)
                    || v.size(2) != q.size(2)) {
                throw new IllegalArgumentException("v must have shape [B, H, L, dv] = [" + q.size(0) + ", "
                        + q.size(1) + ", " + q.size(2) + ", dv >= 1], got " + Arrays.toString(v.shape()));
            }
            requireDataTypeOfQ("k", k);
            requireDataTypeOfQ("v", v);
            requireFinite("q", q);
            requireFinite("k", k);
            requireFinite("v", v);
        }

        private void validateDecay(long batch, long heads, long length) {
            requireOnlyFor(MaskType.DECAY, "lambda", lambda);
            requireOnlyFor(MaskType.SELECTIVE, "logA", logA);
            if (maskType == MaskType.DECAY) {
                if (lambda == null) {
                    throw new IllegalArgumentException("lambda is required by the DECAY mask: one decay in (0, 1]"
                            + " per head, shape [H] = [" + heads + "]");
                }
                requireFloatingPoint("lambda", lambda);
                requireShape("lambda", lambda, "[H]", heads);
                requireFinite("lambda", lambda);
                requireNone("lambda", lambda, Conditions.lessThanOrEqual(0), "must lie in (0, 1]");
                requireNone("lambda", lambda, Conditions.greaterThan(1), "must lie in (0, 1]");
            }
            if (maskType == MaskType.SELECTIVE) {
                if (logA == null) {
                    throw new IllegalArgumentException("logA is required by the SELECTIVE mask: log a_t <= 0 per"
                            + " position, shape [B, H, L] = [" + batch + ", " + heads + ", " + length + "]");
                }
                requireFloatingPoint("logA", logA);
                requireShape("logA", logA, "[B, H, L]", batch, heads, length);
                requireFinite("logA", logA);
                requireNone("logA", logA, Conditions.greaterThan(0), "must be <= 0 (a = exp(logA) in (0, 1])");
            }
        }

        private void requireOnlyFor(MaskType owner, String name, INDArray array) {
            if (array != null && maskType != owner) {
                throw new IllegalArgumentException(name + " is only used by the " + owner + " mask, but the mask is "
                        + maskType);
            }
        }

        private void requireDataTypeOfQ(String name, INDArray array) {
            if (array.dataType() != q.dataType()) {
                throw new IllegalArgumentException(name + " must have the data type of q (" + q.dataType()
                        + "), got " + array.dataType());
            }
        }
    }
}
