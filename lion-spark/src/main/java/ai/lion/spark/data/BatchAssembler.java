package ai.lion.spark.data;

import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Packs examples into one padded {@link MultiDataSet} in NCW layout (all arrays float32):
 * <ul>
 *   <li>features {@code [batch, channels, time]}: token ids ({@code channels = 1}) or patch vectors
 *       ({@code channels = patchDim}); steps past a sequence's end hold {@code padId} or 0;</li>
 *   <li>feature mask {@code [batch, time]}: 1 at real steps, 0 at padding;</li>
 *   <li>classification labels {@code [batch, classes]} one-hot or {@code [batch, 1]} index, no mask;</li>
 *   <li>MLM labels {@code [batch, vocabularySize, time]} one-hot or {@code [batch, 1, time]} index,
 *       with label mask {@code [batch, time]}: 1 only at selected steps.</li>
 * </ul>
 * {@code time} is the longest sequence in the batch. {@link #assembleFeatures} leaves out the labels.
 */
final class BatchAssembler {

    private final BatchSpec spec;

    BatchAssembler(BatchSpec spec) {
        this.spec = spec;
    }

    MultiDataSet assemble(List<Example> examples) {
        int time = longest(examples);
        INDArray features = features(examples, time);
        INDArray featureMask = stepMask(examples, time);
        if (spec.kind() == InputKind.MLM) {
            return new org.nd4j.linalg.dataset.MultiDataSet(
                    new INDArray[] {features}, new INDArray[] {tokenTargets(examples, time)},
                    new INDArray[] {featureMask}, new INDArray[] {targetMask(examples, time)});
        }
        return new org.nd4j.linalg.dataset.MultiDataSet(
                new INDArray[] {features}, new INDArray[] {classLabels(examples)},
                new INDArray[] {featureMask}, null);
    }

    /** Features and feature mask only, without labels: a minibatch of unlabelled rows for inference. */
    MultiDataSet assembleFeatures(List<Example> examples) {
        int time = longest(examples);
        return new org.nd4j.linalg.dataset.MultiDataSet(
                new INDArray[] {features(examples, time)}, null,
                new INDArray[] {stepMask(examples, time)}, null);
    }

    private static int longest(List<Example> examples) {
        return examples.stream().mapToInt(Example::steps).max()
                .orElseThrow(() -> new IllegalArgumentException("a minibatch needs at least one example"));
    }

    private INDArray features(List<Example> examples, int time) {
        int channels = spec.featureChannels();
        float[] data = new float[examples.size() * channels * time];
        Arrays.fill(data, spec.kind() == InputKind.PATCHES ? 0f : spec.padId());
        for (int b = 0; b < examples.size(); b++) {
            Example e = examples.get(b);
            for (int c = 0; c < channels; c++) {
                System.arraycopy(e.values(), c * e.steps(), data, (b * channels + c) * time, e.steps());
            }
        }
        return Nd4j.create(data, new long[] {examples.size(), channels, time}, DataType.FLOAT);
    }

    private static INDArray stepMask(List<Example> examples, int time) {
        float[] mask = new float[examples.size() * time];
        for (int b = 0; b < examples.size(); b++) {
            Arrays.fill(mask, b * time, b * time + examples.get(b).steps(), 1f);
        }
        return Nd4j.create(mask, new long[] {examples.size(), time}, DataType.FLOAT);
    }

    private INDArray classLabels(List<Example> examples) {
        int batch = examples.size();
        if (spec.labelEncoding() == LabelEncoding.INDEX) {
            float[] index = new float[batch];
            for (int b = 0; b < batch; b++) {
                index[b] = examples.get(b).label();
            }
            return Nd4j.create(index, new long[] {batch, 1}, DataType.FLOAT);
        }
        INDArray oneHot = Nd4j.zeros(DataType.FLOAT, batch, spec.numClasses());
        for (int b = 0; b < batch; b++) {
            oneHot.putScalar(b, examples.get(b).label(), 1.0);
        }
        return oneHot;
    }

    /** Targets at selected steps; zero (and masked out) elsewhere. Built sparsely: vocabularies are large. */
    private INDArray tokenTargets(List<Example> examples, int time) {
        int batch = examples.size();
        boolean oneHot = spec.labelEncoding() == LabelEncoding.ONE_HOT;
        INDArray labels = Nd4j.zeros(DataType.FLOAT, batch, oneHot ? spec.vocabularySize() : 1, time);
        for (int b = 0; b < batch; b++) {
            int[] targets = examples.get(b).targets();
            for (int t = 0; t < targets.length; t++) {
                if (targets[t] == MlmMasker.NOT_SELECTED) {
                    continue;
                }
                if (oneHot) {
                    labels.putScalar(new long[] {b, targets[t], t}, 1.0);
                } else {
                    labels.putScalar(new long[] {b, 0, t}, targets[t]);
                }
            }
        }
        return labels;
    }

    private static INDArray targetMask(List<Example> examples, int time) {
        INDArray mask = Nd4j.zeros(DataType.FLOAT, examples.size(), time);
        for (int b = 0; b < examples.size(); b++) {
            int[] targets = examples.get(b).targets();
            for (int t = 0; t < targets.length; t++) {
                if (targets[t] != MlmMasker.NOT_SELECTED) {
                    mask.putScalar(b, t, 1.0);
                }
            }
        }
        return mask;
    }
}
