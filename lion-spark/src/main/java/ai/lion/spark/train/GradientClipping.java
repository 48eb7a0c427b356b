package ai.lion.spark.train;

import java.util.Objects;
import org.deeplearning4j.nn.conf.GradientNormalization;

/**
 * Gradient normalisation or clipping that the trainer sets on every layer with parameters.
 *
 * <p>DL4J applies it per layer (or per parameter type, or per element), inside each worker, before the
 * updater step; there is no clipping of the global norm over all layers of a network. For
 * {@code RenormalizeL2PerLayer} and {@code RenormalizeL2PerParamType} the threshold is not used.
 *
 * @param normalization the DL4J method; not {@code None}
 * @param threshold     the clipping threshold, &gt; 0
 */
public record GradientClipping(GradientNormalization normalization, double threshold) {

    /** Validates both settings. */
    public GradientClipping {
        Objects.requireNonNull(normalization, "normalization");
        if (normalization == GradientNormalization.None) {
            throw new IllegalArgumentException("normalization must not be None; leave gradient clipping unset instead");
        }
        if (!(threshold > 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("threshold must be positive and finite, got " + threshold);
        }
    }

    /** Rescales each layer's gradient so that its L2 norm is at most {@code maxNorm}. */
    public static GradientClipping l2PerLayer(double maxNorm) {
        return new GradientClipping(GradientNormalization.ClipL2PerLayer, maxNorm);
    }

    /** Clips every gradient element to [-{@code maxValue}, {@code maxValue}]. */
    public static GradientClipping elementWise(double maxValue) {
        return new GradientClipping(GradientNormalization.ClipElementWiseAbsoluteValue, maxValue);
    }
}
