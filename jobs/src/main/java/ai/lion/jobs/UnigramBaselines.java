package ai.lion.jobs;

import ai.lion.jobs.config.DataConfig;
import ai.lion.spark.data.BatchSpec;
import ai.lion.spark.data.InputKind;
import ai.lion.spark.data.ParquetSource;
import ai.lion.spark.train.EvaluationResult;
import ai.lion.spark.train.Evaluator;
import ai.lion.spark.train.UnigramBaseline;
import java.util.Optional;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.SparkSession;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * The figure MLM results are read against in {@code train} and {@code evaluate}: the unigram baseline of
 * the token frequencies of {@code data.train-split}, scored on the masked tokens the model was scored on.
 */
final class UnigramBaselines {

    private UnigramBaselines() {
    }

    /** The baseline on {@code evaluated} for an MLM {@code spec}; empty for classification. */
    static Optional<EvaluationResult> on(JavaRDD<MultiDataSet> evaluated, SparkSession session, DataConfig data,
                                         BatchSpec spec) {
        if (spec.kind() != InputKind.MLM) {
            return Optional.empty();
        }
        UnigramBaseline baseline = UnigramBaseline.fromTraining(
                ParquetSource.read(session, data.splitPath(data.trainSplit())), spec);
        return Optional.of(Evaluator.evaluate(baseline, evaluated));
    }
}
