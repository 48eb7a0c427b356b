package ai.lion.spark.data;

import org.apache.spark.api.java.JavaRDD;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Minibatches built on the executors, ready for {@code SparkComputationGraph.fitMultiDataSet}, with
 * the counts of rows read and skipped while building them (valid once an action has run).
 *
 * @param rdd       one element per minibatch; lazily computed, one partition per input partition
 * @param rowCounts rows read and rows skipped per {@link RowProblem}
 */
public record Minibatches(JavaRDD<MultiDataSet> rdd, RowCounts rowCounts) {
}
