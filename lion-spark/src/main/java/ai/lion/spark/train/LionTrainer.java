package ai.lion.spark.train;

import ai.lion.spark.checkpoint.CheckpointStore;
import ai.lion.spark.checkpoint.RunLock;
import ai.lion.spark.checkpoint.RunLockedException;
import ai.lion.spark.data.BatchSpec;
import ai.lion.spark.data.DataFrameBatcher;
import ai.lion.spark.data.Minibatches;
import java.io.IOException;
import java.util.Objects;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Distributed training of a DL4J {@code ComputationGraph} on Spark with parameter averaging
 * ({@code SparkComputationGraph} + {@code ParameterAveragingTrainingMaster}), checkpointed so that a
 * rerun with the same arguments continues where the last one stopped.
 *
 * <h2>How an epoch runs</h2>
 * The training rows are shuffled into one partition per worker with a seed derived from the run's
 * seed and the epoch, and turned into padded minibatches on the executors. The minibatches are laid
 * out in <em>splits</em>: each split gives every worker {@code averagingFrequency × batchSizePerWorker}
 * examples, so one split is one parameter-averaging round ({@code sparkNet.fit(split)}). Before each
 * split the learning rate of the schedule, at the split's midpoint, is set on the driver network.
 * After the last split the network is evaluated on the validation rows, the epoch's metrics are
 * logged and a checkpoint is written; with {@code checkpointEverySplits} also within the epoch.
 *
 * <h2>One run per checkpoint root</h2>
 * {@code fit} holds the root's {@link RunLock} from start to end (released on success and failure), so a
 * second run on the same root fails at once with a {@link RunLockedException} naming the holder.
 * A lock left by a dead driver is taken over when {@link TrainingOptions#takeOverLock()} is set, when its
 * heartbeat is older than {@link RunLock#STALE_AFTER}, when its process on this host has ended, or
 * when it belongs to an earlier attempt of the same Spark application. Taking the lock also proves that
 * the root is writable, before any data is read.
 *
 * <h2>Restarts</h2>
 * Every checkpoint holds the parameters, the updater state, the cursor (epoch, next split) and the
 * metrics so far. {@code fit} loads the newest valid checkpoint under {@code checkpointRoot} (newer
 * damaged ones are moved aside, see {@link CheckpointStore#recover()}) and continues at its cursor; since the shuffles, the split layout and the
 * learning rate depend only on the seed and the cursor, the continued run trains exactly the splits
 * the interrupted one would have. A finished run returns its report without training.
 *
 * <h2>Output</h2>
 * Progress lines per split and per epoch (logger {@code ai.lion.spark.train.progress}), metrics as
 * JSON lines in {@code <checkpointRoot>/metrics.jsonl/} (see {@code MetricsLines}), checkpoints as
 * the {@link CheckpointStore} lays them out.
 */
public final class LionTrainer {

    private LionTrainer() {
    }

    /**
     * Trains (or continues training) the network {@code graphFactory} describes.
     *
     * @param sc             the Spark context; its Hadoop configuration serves the checkpoint root
     * @param train          training rows, as {@code spec} describes them
     * @param validation     validation rows, same schema
     * @param spec           how rows become minibatches ({@code batchSize} rows each)
     * @param options        the run's settings
     * @param checkpointRoot directory for checkpoints and metrics, on any Hadoop file system
     *                       ({@code hdfs://nn/runs/a}); every executor must see it when the Export
     *                       approach uses the default export directory beneath it
     * @param graphFactory   the network to train
     * @return final and best metrics, why training stopped, the newest checkpoint and the network
     * @throws IllegalArgumentException if an argument is invalid, or the newest checkpoint belongs to a
     *                                  different model or data layout
     * @throws IllegalStateException    if training diverges (a non-finite loss or parameter); the newest
     *                                  checkpoint is then the last one before the divergence
     * @throws RunLockedException       if another training run holds the lock of {@code checkpointRoot}
     */
    public static TrainingReport fit(JavaSparkContext sc, Dataset<Row> train, Dataset<Row> validation, BatchSpec spec,
                                     TrainingOptions options, String checkpointRoot, GraphFactory graphFactory)
            throws IOException {
        Objects.requireNonNull(sc, "sc");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(graphFactory, "graphFactory");
        int batchSizePerWorker = options.batchSizePerWorker().orElse(spec.batchSize());
        if (batchSizePerWorker % spec.batchSize() != 0) {
            throw new IllegalArgumentException("batchSizePerWorker (" + batchSizePerWorker
                    + ") must be a multiple of the BatchSpec's batchSize (" + spec.batchSize() + ")");
        }
        RunLayout layout = new RunLayout(options.seed(), options.workers(), options.averagingFrequency(),
                batchSizePerWorker, spec.batchSize());
        CheckpointStore store = CheckpointStore.open(checkpointRoot, sc.hadoopConfiguration(), options.retention());
        Path exportBase = new Path(options.exportDirectory().orElse(new Path(store.root(), "_export").toString()));
        try (RunLock lock = store.lock(sc.sc().applicationId(), options.takeOverLock())) {
            return new TrainingRun(sc, train, validation, new DataFrameBatcher(spec), options, layout, graphFactory,
                    store, lock, exportBase).run();
        }
    }

    /**
     * The minibatches {@link #fit} evaluates after every epoch: {@code validation} batched as {@code spec}
     * says, MLM masks fixed by the run's {@code seed}, so that a baseline scored on them sees the same masked
     * tokens as the network.
     */
    public static Minibatches validationMinibatches(Dataset<Row> validation, BatchSpec spec, long seed) {
        return new DataFrameBatcher(spec).batch(validation, Seeds.validation(seed));
    }
}
