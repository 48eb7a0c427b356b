package ai.lion.spark.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lion.core.models.LionConfig;
import ai.lion.core.models.Task;
import ai.lion.spark.data.BatchSpec;
import ai.lion.spark.data.DataFrameBatcher;
import ai.lion.spark.data.DataSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * The hook that turns DL4J's training score into the loss per masked token, against the mean cross-entropy
 * of the masked tokens computed in float64 from the network's softmax before each update.
 */
class MaskedTokenLossTest extends LocalSparkTest {

    private static final int VOCABULARY = 10;
    private static final StructType SCHEMA = new StructType()
            .add("tokens", DataTypes.createArrayType(DataTypes.IntegerType));

    @Test
    void theLossIsTheCrossEntropyPerMaskedTokenOverEveryMinibatch() {
        ComputationGraphConfiguration configuration = TinyGraphs.tokenPredictor(VOCABULARY, 6, 11);
        GraphSettings.apply(configuration, Optional.empty(), OptionalDouble.of(0.05)); // a weight-decay term the loss must not include
        ComputationGraph graph = new ComputationGraph(configuration);
        graph.init();
        List<MultiDataSet> minibatches = minibatches();
        MaskedTokenLoss hook = new MaskedTokenLoss(sc);

        double lossSum = 0;
        long masked = 0;
        for (MultiDataSet minibatch : minibatches) {
            INDArray probabilities = graph.output(false, minibatch.getFeatures(), minibatch.getFeaturesMaskArrays(),
                    minibatch.getLabelsMaskArrays())[0];
            INDArray labels = minibatch.getLabels(0);
            INDArray selected = minibatch.getLabelsMaskArray(0);
            for (long b = 0; b < labels.size(0); b++) {
                for (long t = 0; t < labels.size(2); t++) {
                    if (selected.getDouble(b, t) != 0) {
                        lossSum -= Math.log(probabilities.getDouble(b, tokenAt(labels, b, t), t));
                        masked++;
                    }
                }
            }
            hook.preUpdate(minibatch, graph);
            graph.fit(minibatch);
            hook.postUpdate(minibatch, graph);
        }

        assertTrue(masked > 20, "masked tokens: " + masked);
        assertTrue(graph.calcRegularizationScore(true) > 0.01, "the weight-decay term is large enough to show");
        assertEquals(lossSum / masked, hook.lossPerMaskedToken(), 1e-5 * lossSum / masked);
    }

    /** Three MLM minibatches of different sizes and lengths, a third of the tokens masked. */
    private static List<MultiDataSet> minibatches() {
        Random random = new Random(4);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            List<Integer> tokens = new ArrayList<>();
            for (int t = 2 + random.nextInt(9); t > 0; t--) {
                tokens.add(2 + random.nextInt(VOCABULARY - 2));
            }
            rows.add(RowFactory.create(tokens));
        }
        BatchSpec spec = BatchSpec.of(LionConfig.builder().width(4).depth(1).heads(1).tokens(VOCABULARY, 10)
                .task(Task.MLM).build(), DataSettings.builder().padId(0).maskTokenId(1).mlmProbability(0.35)
                .batchSize(5).build());
        return new DataFrameBatcher(spec).batch(spark.createDataFrame(rows, SCHEMA).coalesce(1), 3).rdd().collect();
    }

    private static int tokenAt(INDArray oneHot, long b, long t) {
        for (int c = 0; c < VOCABULARY; c++) {
            if (oneHot.getDouble(b, c, t) == 1) {
                return c;
            }
        }
        throw new AssertionError("no token at example " + b + ", step " + t);
    }
}
