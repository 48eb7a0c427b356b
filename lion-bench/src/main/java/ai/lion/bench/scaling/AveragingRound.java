package ai.lion.bench.scaling;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingResult;
import org.deeplearning4j.spark.impl.paramavg.aggregator.ParameterAveragingAggregationTuple;
import org.deeplearning4j.spark.impl.paramavg.aggregator.ParameterAveragingElementAddFunction;
import org.deeplearning4j.spark.impl.paramavg.aggregator.ParameterAveragingElementCombineFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import scala.reflect.ClassTag$;

/**
 * One parameter-averaging round without any fitting, as DL4J's parameter averaging runs it around the
 * fit: the driver broadcasts parameters and updater state, every worker returns a copy of them as
 * DL4J's training result, Spark tree-aggregates the results with DL4J's own add and combine functions,
 * and the driver divides the sums. Its time is the split's communication in isolation.
 */
final class AveragingRound {

    private final JavaSparkContext sc;
    private final INDArray parameters;
    private final INDArray updaterState;

    /** A round of {@code graph}'s parameters and updater state (which must exist: a trained graph). */
    AveragingRound(JavaSparkContext sc, ComputationGraph graph) {
        this.sc = sc;
        this.parameters = graph.params();
        if (graph.getUpdater() == null || graph.getUpdater().getStateViewArray() == null) {
            throw new IllegalArgumentException("the graph has no updater state; give a trained graph");
        }
        this.updaterState = graph.getUpdater().getStateViewArray();
    }

    /**
     * Bytes of what one worker's task returns, as Spark's configured serializer writes it: DL4J's aggregation
     * tuple of that worker's parameters and updater state.
     */
    long resultBytes() throws Exception {
        ParameterAveragingAggregationTuple tuple = new ParameterAveragingElementAddFunction()
                .call(null, result(parameters.dup(), updaterState.dup()));
        return SparkEnv.get().serializer().newInstance()
                .serialize(tuple, ClassTag$.MODULE$.apply(ParameterAveragingAggregationTuple.class)).remaining();
    }

    /** The median wall time, seconds, of {@code rounds} rounds over {@code workers} tasks aggregated at {@code depth}. */
    double medianSeconds(int workers, int depth, int rounds) {
        List<Double> times = new ArrayList<>();
        List<Integer> tasks = IntStream.range(0, workers).boxed().toList();
        for (int round = 0; round < rounds; round++) {
            long started = System.nanoTime();
            Broadcast<INDArray[]> state = sc.broadcast(new INDArray[] {parameters, updaterState});
            ParameterAveragingAggregationTuple sum = sc.parallelize(tasks, workers)
                    .map(task -> result(state.value()[0].dup(), state.value()[1].dup()))
                    .treeAggregate(null, new ParameterAveragingElementAddFunction(),
                            new ParameterAveragingElementCombineFunction(), depth);
            sum.getParametersSum().divi(sum.getAggregationsCount());
            sum.getUpdaterStateSum().divi(sum.getAggregationsCount());
            times.add((System.nanoTime() - started) / 1e9);
            state.destroy();
        }
        Collections.sort(times);
        return times.get(times.size() / 2);
    }

    private static ParameterAveragingTrainingResult result(INDArray parameters, INDArray updaterState) {
        return new ParameterAveragingTrainingResult(parameters, updaterState, 0.0, new ArrayList<>(), new ArrayList<>(),
                new ArrayList<>());
    }
}
