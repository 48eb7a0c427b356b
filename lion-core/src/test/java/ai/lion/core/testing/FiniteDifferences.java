package ai.lion.core.testing;

import java.util.LinkedHashMap;
import java.util.Map;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.dataset.MultiDataSet;

/** Central finite differences of a graph's score, for diagnostics and ratio tests. */
public final class FiniteDifferences {

    private FiniteDifferences() {
    }

    /** One input and one output, with {@code mask} (or null) as both the feature and the label mask. */
    public static MultiDataSet data(INDArray input, INDArray labels, INDArray mask) {
        return data(input, labels, mask, mask);
    }

    /** One input and one output with their masks (each may be null). */
    public static MultiDataSet data(INDArray input, INDArray labels, INDArray inputMask, INDArray labelMask) {
        return new MultiDataSet(new INDArray[]{input}, new INDArray[]{labels},
                inputMask == null ? null : new INDArray[]{inputMask},
                labelMask == null ? null : new INDArray[]{labelMask});
    }

    /**
     * d score / d param at the c-order position {@code index}; {@code param} is a view of the net's
     * parameters. (Positions are converted to full indices: DL4J stores some parameters and their
     * gradients in different orders, so flat indices would not line up.)
     */
    public static double scoreDerivative(ComputationGraph net, MultiDataSet data, INDArray param, long index, double step) {
        long[] at = Shape.ind2subC(param.shape(), index);
        double original = param.getDouble(at);
        param.putScalar(at, original + step);
        double plus = net.score(data, true);
        param.putScalar(at, original - step);
        double minus = net.score(data, true);
        param.putScalar(at, original);
        return (plus - minus) / (2 * step);
    }

    /** The entry at c-order position {@code index}. */
    public static double entry(INDArray array, long index) {
        return array.getDouble(Shape.ind2subC(array.shape(), index));
    }

    /** The analytic gradient per parameter key ("layer_param"), copied. */
    public static Map<String, INDArray> analyticGradients(ComputationGraph net, MultiDataSet data) {
        net.setInputs(data.getFeatures());
        net.setLabels(data.getLabels());
        net.setLayerMaskArrays(data.getFeaturesMaskArrays(), data.getLabelsMaskArrays());
        net.computeGradientAndScore();
        Map<String, INDArray> copy = new LinkedHashMap<>();
        net.gradient().gradientForVariable().forEach((k, v) -> copy.put(k, v.dup()));
        return copy;
    }

    /**
     * Per parameter (on a sample of entries): the largest |analytic - numeric| / max(|analytic|, |numeric|)
     * among entries differing by more than the tolerance's minimum absolute error, and analytic/numeric
     * there. DL4J's gradients are sums over the minibatch while the score is a mean, so the numeric
     * derivative is multiplied by the minibatch size.
     */
    public static String report(ComputationGraph net, INDArray input, INDArray labels, INDArray inputMask,
                                INDArray labelMask, GradientChecks.Tolerance tolerance) {
        MultiDataSet data = data(input, labels, inputMask, labelMask);
        long batch = input.size(0);
        Map<String, INDArray> analytic = analyticGradients(net, data);
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, INDArray> e : net.paramTable().entrySet()) {
            INDArray param = e.getValue();
            INDArray grad = analytic.get(e.getKey());
            double worst = 0;
            double ratio = Double.NaN;
            double absolute = 0;
            long stride = Math.max(1, param.length() / GradientChecks.ENTRIES_PER_PARAM);
            for (long i = 0; i < param.length(); i += stride) {
                double a = entry(grad, i);
                double f = batch * scoreDerivative(net, data, param, i, tolerance.epsilon());
                double scale = Math.max(Math.abs(a), Math.abs(f));
                if (Math.abs(a - f) > tolerance.minAbsError() && Math.abs(a - f) / scale > worst) {
                    worst = Math.abs(a - f) / scale;
                    ratio = a / f;
                    absolute = Math.abs(a - f);
                }
            }
            sb.append(String.format("%n  %-16s worst rel %.3g (abs %.3g, analytic/numeric %.4f)", e.getKey(), worst,
                    absolute, ratio));
        }
        return sb.toString();
    }
}
