package ai.lion.spark.train;

import ai.lion.core.models.AdamW;
import ai.lion.core.models.LionConfig;
import ai.lion.core.models.LionModel;
import ai.lion.core.models.LionModels;
import ai.lion.core.models.Provenance;
import ai.lion.spark.checkpoint.Checkpoint;
import ai.lion.spark.checkpoint.CheckpointInfo;
import ai.lion.spark.checkpoint.CheckpointStore;
import ai.lion.spark.checkpoint.MetricsLog;
import ai.lion.spark.checkpoint.RunLock;
import ai.lion.spark.checkpoint.TrainingCursor;
import ai.lion.spark.data.DataFrameBatcher;
import ai.lion.spark.data.InputKind;
import ai.lion.spark.data.Minibatches;
import ai.lion.spark.data.RowProblem;
import ai.lion.spark.data.ShardPlan;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call of {@link LionTrainer#fit}: starts or resumes the run, trains the remaining splits and
 * epochs, evaluates, checkpoints and logs. Lives on the driver; not thread-safe.
 */
final class TrainingRun {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingRun.class);

    private final JavaSparkContext sc;
    private final Dataset<Row> train;
    private final Dataset<Row> validation;
    private final DataFrameBatcher batcher;
    private final TrainingOptions options;
    private final RunLayout layout;
    private final LionConfig model;
    private final AdamW optimizer;
    private final CheckpointStore store;
    private final RunLock lock;
    private final MetricsLog metricsLog;
    private final Path exportBase;
    private final ProgressLog progress;
    /** Whether losses are per masked token (MLM), measured over every minibatch by {@link MaskedTokenLoss}. */
    private final boolean perMaskedToken;
    private final List<Double> checkpointSeconds = new ArrayList<>();
    private final TaskTimes taskTimes = new TaskTimes();

    private ComputationGraph graph;
    /** The model as the newest checkpoint holds it (its network is {@link #graph}). */
    private LionModel checkpointed;
    private TrainingHistory history;
    private int linesLogged;
    private CheckpointInfo lastCheckpoint;
    private TrainingCursor resumedFrom;
    private double learningRate = Double.NaN;
    private Map<RowProblem, Long> validationSkipped;

    TrainingRun(JavaSparkContext sc, Dataset<Row> train, Dataset<Row> validation, DataFrameBatcher batcher,
                TrainingOptions options, RunLayout layout, LionConfig model, AdamW optimizer, CheckpointStore store,
                RunLock lock, Path exportBase) {
        this.sc = sc;
        this.train = train;
        this.validation = validation;
        this.batcher = batcher;
        this.options = options;
        this.layout = layout;
        this.model = model;
        this.optimizer = optimizer;
        this.store = store;
        this.lock = lock;
        this.metricsLog = store.metricsLog();
        this.exportBase = exportBase;
        this.perMaskedToken = batcher.spec().kind() == InputKind.MLM;
        this.progress = new ProgressLog(options.epochs(), perMaskedToken);
    }

    TrainingReport run() throws IOException {
        TrainingCursor start = startOrResume();
        Minibatches validationData = LionTrainer.validationMinibatches(validation, batcher.spec(), layout.seed());
        JavaRDD<MultiDataSet> validationBatches = validationData.rdd().persist(options.storageLevel());
        sc.sc().addSparkListener(taskTimes);
        try {
            StopReason reason = trainFrom(start, new Minibatches(validationBatches, validationData.rowCounts()));
            LOG.info("Training stopped ({}) after {} epochs; newest checkpoint {}", reason, history.epochs().size(),
                    lastCheckpoint.location());
            return new TrainingReport(reason, history.epochs(), Optional.ofNullable(resumedFrom), lastCheckpoint,
                    checkpointSeconds, checkpointed);
        } finally {
            sc.sc().removeSparkListener(taskTimes);
            validationBatches.unpersist(false);
        }
    }

    private TrainingCursor startOrResume() throws IOException {
        ComputationGraph fresh = buildGraph();
        Optional<CheckpointInfo> latest = store.recover();
        if (latest.isEmpty()) {
            LOG.info("Starting a new run in {} with {}", store.root(), options);
            graph = fresh;
            history = TrainingHistory.start(layout, options.epochs());
            appendNewLines();
            return TrainingCursor.START;
        }
        CheckpointInfo info = latest.get();
        Checkpoint checkpoint = store.load(info);
        requireSameParameters(fresh, checkpoint.model().network(), info);
        history = TrainingHistory.restore(checkpoint.metricsLog(), info.cursor());
        if (!history.layout().equals(layout)) {
            throw new IllegalArgumentException("checkpoint " + info.location() + " was written by a run with "
                    + history.layout() + ", this run has " + layout + "; resume with the same seed, workers,"
                    + " averaging frequency and batch sizes, or use a new checkpoint root");
        }
        graph = checkpoint.model().network();
        checkpointed = checkpoint.model();
        lastCheckpoint = info;
        resumedFrom = info.cursor();
        catchUpMetricsLog(checkpoint.metricsLog());
        history.recordResume(layout, info.cursor(), info.location().toString());
        appendNewLines();
        LOG.info("Resuming from {} at epoch {} split {} with {}", info.location(), info.cursor().epoch(),
                info.cursor().splitIndex(), options);
        return info.cursor();
    }

    private ComputationGraph buildGraph() {
        ComputationGraphConfiguration configuration = LionModels.configuration(model, optimizer);
        GraphSettings.apply(configuration, options.gradientClipping(), options.weightDecay());
        ComputationGraph built = new ComputationGraph(configuration);
        built.init();
        return built;
    }

    private static void requireSameParameters(ComputationGraph expected, ComputationGraph restored, CheckpointInfo info) {
        Map<String, INDArray> built = expected.paramTable();
        Map<String, INDArray> stored = restored.paramTable();
        TreeSet<String> names = new TreeSet<>(built.keySet());
        names.addAll(stored.keySet());
        for (String name : names) {
            String builtShape = shapeOf(built.get(name));
            String storedShape = shapeOf(stored.get(name));
            if (!builtShape.equals(storedShape)) {
                throw new IllegalArgumentException("checkpoint " + info.location() + " holds parameter '" + name
                        + "' as " + storedShape + ", but the model of this run has it as " + builtShape
                        + "; resume with the same model or use a new checkpoint root");
            }
        }
    }

    private static String shapeOf(INDArray parameter) {
        return parameter == null ? "absent" : Arrays.toString(parameter.shape());
    }

    /**
     * Appends the lines of the checkpoint that the metrics log lacks (a crash between committing a
     * checkpoint and appending its lines). If the log already holds lines past the checkpoint, the
     * resume line written next marks where they are superseded.
     */
    private void catchUpMetricsLog(List<String> restored) throws IOException {
        List<String> logged = metricsLog.readAll();
        if (logged.size() <= restored.size() && restored.subList(0, logged.size()).equals(logged)) {
            if (logged.size() < restored.size()) {
                metricsLog.append(restored.subList(logged.size(), restored.size()));
            }
        } else {
            LOG.info("The metrics log {} holds lines written after the checkpoint; training continues from the"
                    + " checkpoint and the lines after the next \"resume\" line supersede them", metricsLog.location());
        }
        linesLogged = restored.size();
    }

    private void appendNewLines() throws IOException {
        List<String> lines = history.lines();
        if (lines.size() > linesLogged) {
            metricsLog.append(lines.subList(linesLogged, lines.size()));
            linesLogged = lines.size();
        }
    }

    private StopReason trainFrom(TrainingCursor start, Minibatches validationBatches) throws IOException {
        for (int epoch = start.epoch(); epoch < options.epochs(); epoch++) {
            if (options.earlyStopping().isPresent() && history.shouldStop(options.earlyStopping().get())) {
                return StopReason.EARLY_STOPPING;
            }
            trainEpoch(epoch, epoch == start.epoch() ? start.splitIndex() : 0, validationBatches);
        }
        return StopReason.MAX_EPOCHS;
    }

    private void trainEpoch(int epoch, int firstSplit, Minibatches validationBatches) throws IOException {
        ShardPlan plan = new ShardPlan(layout.workers(), 1, Seeds.epochShuffle(layout.seed(), epoch));
        long preparing = System.nanoTime();
        try (EpochData data = EpochData.layOut(batcher.shardAndBatch(train, plan), layout.workers(),
                layout.minibatchesPerWorker(), options.storageLevel())) {
            double dataSeconds = secondsSince(preparing);
            SplitTimes times = new SplitTimes(layout.workers());
            for (int split = firstSplit; split < data.splits(); split++) {
                trainSplit(epoch, split, data, times);
                int done = split + 1;
                int every = options.checkpointEverySplits();
                if (every > 0 && done % every == 0 && done < data.splits()) {
                    writeCheckpoint(new TrainingCursor(epoch, done), UnaryOperator.identity(), epoch,
                            ", split " + done + "/" + data.splits());
                }
            }
            long started = System.nanoTime();
            EvaluationResult result = Evaluator.evaluate(sc, graph, validationBatches.rdd());
            double validationSeconds = secondsSince(started);
            requireFinite(result.loss(), "the validation loss", epoch, ", after its last split");
            EpochMetrics metrics = history.completeEpoch(epoch, data.splits(), dataSeconds, result,
                    validationSeconds, new SkippedRows(data.skipped(), validationSkipped(validationBatches)));
            history.recordSplitTimes(epoch, times);
            double checkpointTime = writeCheckpoint(new TrainingCursor(epoch + 1, 0), checkpoint -> checkpoint
                    .score(MetricNames.VALIDATION_LOSS, metrics.validationLoss())
                    .score(MetricNames.VALIDATION_ACCURACY, metrics.validationAccuracy())
                    .score(MetricNames.TRAIN_LOSS, metrics.trainLoss()), epoch, ", after its last split");
            progress.epoch(metrics, history.best().orElseThrow(), checkpointTime);
            progress.splitTimes(epoch, times);
        }
    }

    private void trainSplit(int epoch, int split, EpochData data, SplitTimes times) throws IOException {
        double rate = options.learningRate().rateAt(epoch + (split + 0.5) / data.splits(), options.epochs());
        graph.setLearningRate(rate);
        learningRate = rate;
        Path exportDirectory = new Path(exportBase, "epoch-" + epoch + "-split-" + split);
        JavaRDD<MultiDataSet> minibatches = data.split(split);
        SplitTrainingMaster master = SplitTrainingMaster.forSplit(options, layout, exportDirectory.toString(),
                Seeds.splitSampling(layout.seed(), epoch, split), minibatches, data.minibatches(split));
        SparkComputationGraph sparkGraph = new SparkComputationGraph(sc, graph, master);
        FitTimer fitTimer = new FitTimer(sc);
        master.addHook(fitTimer);
        Optional<MaskedTokenLoss> maskedTokenLoss = perMaskedToken ? Optional.of(new MaskedTokenLoss(sc))
                : Optional.empty();
        maskedTokenLoss.ifPresent(master::addHook);
        taskTimes.drain();
        long started = System.nanoTime();
        try {
            sparkGraph.fitMultiDataSet(minibatches);
        } finally {
            exportDirectory.getFileSystem(sc.hadoopConfiguration()).delete(exportDirectory, true);
        }
        // DL4J's score adds 0.5·λ·|w|² per weight-decayed parameter; AdamW's decay is decoupled, not part of
        // the loss, so that term (of the averaged parameters) is taken out again
        double loss = maskedTokenLoss.map(MaskedTokenLoss::lossPerMaskedToken)
                .orElseGet(() -> sparkGraph.getScore() - graph.calcRegularizationScore(true));
        requireFinite(loss, "the training loss", epoch, ", split " + (split + 1) + "/" + data.splits());
        SplitRecord record = new SplitRecord(epoch, split, data.splits(), data.examples(split), loss, rate,
                secondsSince(started));
        times.add(record.seconds(), fitTimer.fitSeconds(), fitTimer.minibatches(), taskTimes.drain());
        history.recordSplit(record);
        progress.split(record);
    }

    /**
     * The validation rows skipped as bad, read once after the first evaluation has built the cached
     * minibatches: every epoch evaluates the same rows, and later evaluations read the cache.
     */
    private Map<RowProblem, Long> validationSkipped(Minibatches validationBatches) {
        if (validationSkipped == null) {
            validationSkipped = validationBatches.rowCounts().skippedByProblem();
        }
        return validationSkipped;
    }

    /**
     * Writes the checkpoint at {@code cursor}: the model with its provenance, the metrics so far and the
     * scores {@code scores} adds, then appends the new lines; refuses to when the parameters are not all
     * finite or the run has lost its lock.
     */
    private double writeCheckpoint(TrainingCursor cursor, UnaryOperator<Checkpoint.Builder> scores, int epoch,
                                   String where) throws IOException {
        requireFinite(graph.params().sumNumber().doubleValue(), "the sum of the parameters", epoch, where);
        lock.requireHeld();
        long started = System.nanoTime();
        LionModel current = new LionModel(graph, model, Provenance.of(options.dataPaths(),
                Map.of("training", layout.seed()),
                new Provenance.Position(cursor.epoch(), cursor.splitIndex(), history.examplesSeen())));
        lastCheckpoint = store.write(scores.apply(Checkpoint.builder(current, cursor))
                .metricsLog(history.lines()).build());
        checkpointed = current;
        double seconds = secondsSince(started);
        checkpointSeconds.add(seconds);
        appendNewLines();
        return seconds;
    }

    /**
     * Stops the run when {@code value} is NaN or infinite, before anything of the diverged state is written.
     *
     * @param where the place in the epoch, e.g. {@code ", split 3/8"}
     */
    private void requireFinite(double value, String what, int epoch, String where) {
        if (!Double.isFinite(value)) {
            throw new IllegalStateException("training diverged in epoch " + (epoch + 1) + "/" + options.epochs()
                    + where + " at learning rate " + learningRate + ": " + what + " is " + value
                    + "; lower the learning rate. Nothing of the diverged state was checkpointed; the newest checkpoint is "
                    + (lastCheckpoint == null ? "none (the run had not written one)" : lastCheckpoint.location()));
        }
    }

    private static double secondsSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
