package ai.lion.jobs;

import ai.lion.jobs.config.DataConfig;
import ai.lion.spark.data.BatchSpec;
import ai.lion.spark.data.ParquetSource;
import ai.lion.spark.train.EvaluationResult;
import ai.lion.spark.train.Evaluator;
import ai.lion.spark.train.FrequencyBaseline;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.SparkSession;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * The figure results are read against in {@code train} and {@code evaluate}: the frequency baseline of
 * {@code data.train-split} (class frequencies for a classifier, token frequencies for a masked-language
 * model), scored on the targets the model was scored on.
 */
final class FrequencyBaselines {

    private FrequencyBaselines() {
    }

    /** The baseline on {@code evaluated}, counted from the training split as {@code spec} reads it. */
    static EvaluationResult on(JavaRDD<MultiDataSet> evaluated, SparkSession session, DataConfig data, BatchSpec spec) {
        FrequencyBaseline baseline = FrequencyBaseline.fromTraining(
                ParquetSource.read(session, data.splitPath(data.trainSplit())), spec);
        return Evaluator.evaluate(baseline, evaluated);
    }
}
