package ai.lion.spark.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** The distributed evaluation against cross-entropy and accuracy computed by hand from the network's outputs. */
class EvaluatorTest extends LocalSparkTest {

    private static final int CHANNELS = 3;
    private static final int CLASSES = 4;

    /** Totals computed on the driver: -log p(label) summed, correct arg-max predictions, targets. */
    private record Expected(double lossSum, long correct, long targets) {
        double loss() {
            return lossSum / targets;
        }

        double accuracy() {
            return (double) correct / targets;
        }
    }

    @Test
    void classificationIsScoredPerExample() {
        ComputationGraph graph = built(TinyGraphs.pooledClassifier(CHANNELS, 5, CLASSES, 3, new Adam(1e-3)));
        Random random = new Random(1);
        List<org.nd4j.linalg.dataset.api.MultiDataSet> batches = new ArrayList<>();
        for (int size : new int[] {4, 4, 3}) {
            int time = 5;
            INDArray labels = Nd4j.zeros(DataType.FLOAT, size, CLASSES);
            for (int b = 0; b < size; b++) {
                labels.putScalar(b, random.nextInt(CLASSES), 1.0);
            }
            batches.add(new MultiDataSet(new INDArray[] {features(random, size, time)}, new INDArray[] {labels},
                    new INDArray[] {lengthMask(random, size, time)}, null));
        }

        Expected expected = byHand(graph, batches);
        EvaluationResult result = Evaluator.evaluate(sc, graph, sc.parallelize(batches, 2));

        assertEquals(11, result.examples());
        assertEquals(11, result.targets());
        assertEquals(expected.loss(), result.loss(), 1e-5 * expected.loss());
        assertEquals(expected.accuracy(), result.accuracy(), 0.0);
    }

    @Test
    void sequenceOutputsAreScoredAtTheMaskedPositionsOnly() {
        ComputationGraph graph = built(TinyGraphs.sequenceTagger(CHANNELS, CLASSES, 5, LossFunction.MCXENT));

        assertMatchesHandComputation(graph, sequenceBatches(new Random(2), 6, true, 3, 2, 3, 1));
    }

    @Test
    void classIndexLabelsAreScoredLikeOneHotLabels() {
        ComputationGraph graph = built(TinyGraphs.sequenceTagger(CHANNELS, CLASSES, 7, LossFunction.SPARSE_MCXENT));

        assertMatchesHandComputation(graph, sequenceBatches(new Random(3), 4, false, 2, 3));
    }

    /** Random sequence minibatches of the given sizes, labels one-hot or class indices, half the positions selected. */
    private static List<org.nd4j.linalg.dataset.api.MultiDataSet> sequenceBatches(Random random, int time, boolean oneHot,
                                                                                 int... sizes) {
        List<org.nd4j.linalg.dataset.api.MultiDataSet> batches = new ArrayList<>();
        for (int size : sizes) {
            INDArray labels = Nd4j.zeros(DataType.FLOAT, size, oneHot ? CLASSES : 1, time);
            for (int b = 0; b < size; b++) {
                for (int t = 0; t < time; t++) {
                    int label = random.nextInt(CLASSES);
                    labels.putScalar(new long[] {b, oneHot ? label : 0, t}, oneHot ? 1.0 : label);
                }
            }
            batches.add(new MultiDataSet(new INDArray[] {features(random, size, time)}, new INDArray[] {labels},
                    null, new INDArray[] {selectionMask(random, size, time)}));
        }
        return batches;
    }

    @Test
    void dataWithoutTargetsIsRejected() {
        ComputationGraph graph = built(TinyGraphs.sequenceTagger(CHANNELS, CLASSES, 5, LossFunction.MCXENT));
        INDArray noneSelected = Nd4j.zeros(DataType.FLOAT, 1, 2);
        org.nd4j.linalg.dataset.api.MultiDataSet batch = new MultiDataSet(
                new INDArray[] {features(new Random(4), 1, 2)}, new INDArray[] {Nd4j.zeros(DataType.FLOAT, 1, CLASSES, 2)},
                null, new INDArray[] {noneSelected});

        assertThrows(IllegalArgumentException.class, () -> Evaluator.evaluate(sc, graph, sc.parallelize(List.of(batch))));
    }

    @Test
    void aNetworkWithoutSoftmaxOutputIsRejectedBeforeAnyJob() {
        ComputationGraph regression = built(TinyGraphs.sequenceOutput(CHANNELS, 2, 5, LossFunction.MSE,
                Activation.IDENTITY));
        org.nd4j.linalg.dataset.api.MultiDataSet batch = new MultiDataSet(features(new Random(5), 1, 2),
                Nd4j.zeros(DataType.FLOAT, 1, 2, 2));

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Evaluator.evaluate(sc, regression, sc.parallelize(List.of(batch))));
        assertTrue(error.getMessage().contains("softmax output layer"), error.getMessage());
    }

    private static void assertMatchesHandComputation(ComputationGraph graph,
                                                     List<org.nd4j.linalg.dataset.api.MultiDataSet> batches) {
        Expected expected = byHand(graph, batches);
        EvaluationResult result = Evaluator.evaluate(sc, graph, sc.parallelize(batches, 2));

        assertEquals(expected.targets(), result.targets());
        assertEquals(expected.loss(), result.loss(), 1e-5 * expected.loss());
        assertEquals(expected.accuracy(), result.accuracy(), 0.0);
    }

    private static ComputationGraph built(ComputationGraphConfiguration configuration) {
        ComputationGraph graph = new ComputationGraph(configuration);
        graph.init();
        return graph;
    }

    private static INDArray features(Random random, int batch, int time) {
        float[] values = new float[batch * CHANNELS * time];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return Nd4j.create(values, new long[] {batch, CHANNELS, time}, DataType.FLOAT);
    }

    /** Each row real for a random prefix of at least one step. */
    private static INDArray lengthMask(Random random, int batch, int time) {
        INDArray mask = Nd4j.zeros(DataType.FLOAT, batch, time);
        for (int b = 0; b < batch; b++) {
            int length = 1 + random.nextInt(time);
            for (int t = 0; t < length; t++) {
                mask.putScalar(b, t, 1.0);
            }
        }
        return mask;
    }

    /** Each position selected with probability 1/2. */
    private static INDArray selectionMask(Random random, int batch, int time) {
        INDArray mask = Nd4j.zeros(DataType.FLOAT, batch, time);
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < time; t++) {
                mask.putScalar(b, t, random.nextBoolean() ? 1.0 : 0.0);
            }
        }
        return mask;
    }

    /** Cross-entropy and accuracy from the softmax outputs, at every target (masked-in position or example). */
    private static Expected byHand(ComputationGraph graph, List<org.nd4j.linalg.dataset.api.MultiDataSet> batches) {
        double lossSum = 0;
        long correct = 0;
        long targets = 0;
        for (org.nd4j.linalg.dataset.api.MultiDataSet batch : batches) {
            INDArray probabilities = graph.output(false, batch.getFeatures(), batch.getFeaturesMaskArrays(),
                    batch.getLabelsMaskArrays())[0];
            INDArray labels = batch.getLabels(0);
            INDArray mask = batch.getLabelsMaskArray(0);
            boolean sequence = probabilities.rank() == 3;
            long steps = sequence ? probabilities.size(2) : 1;
            for (long b = 0; b < probabilities.size(0); b++) {
                for (long t = 0; t < steps; t++) {
                    if (mask != null && mask.getDouble(b, t) == 0) {
                        continue;
                    }
                    int label = labelAt(labels, b, t, sequence);
                    int best = 0;
                    for (int c = 0; c < CLASSES; c++) {
                        if (probabilityAt(probabilities, b, c, t, sequence) > probabilityAt(probabilities, b, best, t, sequence)) {
                            best = c;
                        }
                    }
                    lossSum -= Math.log(probabilityAt(probabilities, b, label, t, sequence));
                    correct += best == label ? 1 : 0;
                    targets++;
                }
            }
        }
        return new Expected(lossSum, correct, targets);
    }

    private static double probabilityAt(INDArray probabilities, long b, int c, long t, boolean sequence) {
        return sequence ? probabilities.getDouble(b, c, t) : probabilities.getDouble(b, c);
    }

    private static int labelAt(INDArray labels, long b, long t, boolean sequence) {
        if (labels.size(1) == 1) {
            return (int) labels.getDouble(b, 0, t);
        }
        for (int c = 0; c < CLASSES; c++) {
            if ((sequence ? labels.getDouble(b, c, t) : labels.getDouble(b, c)) == 1) {
                return c;
            }
        }
        throw new AssertionError("no class set for example " + b);
    }
}
