package ai.lion.jobs.config;

import ai.lion.core.attention.Form;
import ai.lion.core.models.LionConfig;
import ai.lion.spark.checkpoint.MetricGoal;
import ai.lion.spark.checkpoint.RetentionPolicy;
import ai.lion.spark.data.BadRowPolicy;
import ai.lion.spark.data.ImageAugmentation;
import ai.lion.spark.data.LabelEncoding;
import ai.lion.spark.train.LearningRateSchedule.Decay;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Consumer;

import static ai.lion.jobs.config.TestConfigs.messages;
import static ai.lion.jobs.config.TestConfigs.problems;
import static ai.lion.jobs.config.TestConfigs.reader;
import static ai.lion.jobs.config.TestConfigs.withoutOrigins;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The data, prepare, train, checkpoint, evaluate, score and spark sections. */
class SectionsTest {

    @Test
    void dataDefaults() {
        ConfigReader reader = reader("data.path = \"hdfs://nn:8020/lion/listops/\"");
        DataConfig data = DataConfig.read(reader);
        assertTrue(reader.problems().isEmpty(), () -> reader.problems().toString());
        assertEquals(new DataConfig("hdfs://nn:8020/lion/listops/", "train", Optional.of("validation"),
                new RowFormat(Optional.empty(), "label", "id", false, BadRowPolicy.FAIL, LabelEncoding.ONE_HOT, 0,
                        OptionalInt.empty(), 0.15)), data);
        assertEquals("hdfs://nn:8020/lion/listops/test", data.splitPath("test"));
        assertEquals("data/x/train", DataConfig.read(reader("data.path = data/x")).splitPath("train"));
    }

    @Test
    void dataKeysAreChecked() {
        ConfigReader reader = reader("data { path = null, bad-rows = drop, label-encoding = index, mlm-probability = 0, "
                + "pad-id = -1, validation-split = null }");
        DataConfig data = DataConfig.read(reader);
        assertEquals(LabelEncoding.INDEX, data.rows().labelEncoding());
        assertEquals(Optional.empty(), data.validationSplit());
        assertEquals(List.of("data.path: not set; must be a path or URI such as data/x, file:/x or hdfs://namenode:8020/x",
                "data.bad-rows = drop: must be one of fail, skip",
                "data.pad-id = -1: must be an integer >= 0",
                "data.mlm-probability = 0: must be a number in (0, 1]"), withoutOrigins(messages(reader)));
    }

    @Test
    void tokenIdsMustFitTheModelsVocabulary() {
        String model = "model { task = mlm, input { kind = tokens, vocab-size = 20, max-length = 64 } }\n";
        Consumer<ConfigReader> readBoth = reader -> RowFormat.read(reader)
                .checkFits(ModelSection.read(reader).orElseThrow(), reader);
        assertEquals(List.of("data.pad-id = 20: must be < model.input.vocab-size = 20",
                "data.mask-token-id: not set; must be set when model.task = mlm"),
                problems(model + "data { path = d, pad-id = 20 }", readBoth));
        assertEquals(List.of("data.mask-token-id = 25: must be < model.input.vocab-size = 20"),
                problems(model + "data { path = d, mask-token-id = 25 }", readBoth));
        assertEquals(List.of(), problems(model + "data { path = d, mask-token-id = 19, pad-id = 0 }", readBoth));
    }

    @Test
    void patchModelsIgnoreTokenIds() {
        ConfigReader reader = reader("model { num-classes = 10, input { kind = patches, image-size = 8, patch-size = 4 } }\n"
                + "data { path = d, pad-id = 1000 }");
        LionConfig model = ModelSection.read(reader).orElseThrow();
        DataConfig.read(reader).rows().checkFits(model, reader);
        assertTrue(reader.problems().isEmpty());
    }

    @Test
    void prepareReadsTheDatasetParamsAsStrings() {
        ConfigReader reader = reader("prepare { dataset = listops, partitions = 4, seed = -3, "
                + "params { trainSize = 100, maxLength = 512, fast = true } }");
        PrepareConfig prepare = PrepareConfig.read(reader, List.of("fashion-mnist", "listops"));
        assertEquals(new PrepareConfig("listops", false, -3, 4,
                Map.of("trainSize", "100", "maxLength", "512", "fast", "true")), prepare);
        assertEquals(List.of("prepare.dataset = cifar: must be one of fashion-mnist, listops",
                "prepare.partitions = -1: must be an integer >= 0"),
                problems("prepare { dataset = cifar, partitions = -1 }",
                        config -> PrepareConfig.read(config, List.of("fashion-mnist", "listops"))));
    }

    @Test
    void trainDefaults() {
        ConfigReader reader = reader("");
        TrainConfig train = TrainConfig.read(reader);
        assertTrue(reader.problems().isEmpty(), () -> reader.problems().toString());
        assertEquals(new TrainConfig(10, 32, 5, 2, 0, 5e-4, 0.05, Decay.COSINE, 1, 1e-6, ImageAugmentation.NONE, 0, 42,
                RDDTrainingApproach.Direct, Optional.empty()), train);
    }

    @Test
    void trainKeysAndTheirRelationsAreChecked() {
        assertEquals(List.of("train.lr-schedule = linear: must be one of constant, cosine",
                "train.warmup-epochs = 2: must be < train.epochs = 2",
                "train.export-directory = hdfs://nn:8020/tmp/export: is only used when train.rdd-training-approach = export"),
                problems("train { epochs = 2, warmup-epochs = 2, learning-rate = 1e-4, min-learning-rate = 1e-3, "
                        + "export-directory = \"hdfs://nn:8020/tmp/export\", lr-schedule = linear }", TrainConfig::read));
        assertEquals(List.of("train.min-learning-rate = 0.001: must be <= train.learning-rate = 1.0E-4"),
                problems("train { learning-rate = 1e-4, min-learning-rate = 1e-3 }", TrainConfig::read));
        assertEquals(0.25, TrainConfig.read(reader("train.warmup-epochs = 0.25")).warmupEpochs());
        ConfigReader export = reader("train { rdd-training-approach = export, export-directory = \"hdfs://nn:8020/x\" }");
        assertEquals(RDDTrainingApproach.Export, TrainConfig.read(export).rddTrainingApproach());
        assertTrue(export.problems().isEmpty());
    }

    @Test
    void trainAugmentationIsReadAndFitsImageModelsOnly() {
        String patches = "model { num-classes = 10, input { kind = patches, image-size = 28, patch-size = 4 } }\n";
        ConfigReader images = reader(patches + "train.augmentation { max-shift = 2, horizontal-flip = true }");
        TrainConfig train = TrainConfig.read(images);
        train.checkFits(ModelSection.read(images).orElseThrow(), images);
        assertEquals(new ImageAugmentation(2, true), train.augmentation());
        assertTrue(images.problems().isEmpty(), () -> images.problems().toString());

        assertEquals(List.of("train.augmentation.max-shift = 28: must be < model.input.image-size = 28"),
                problems(patches + "train.augmentation.max-shift = 28",
                        r -> TrainConfig.read(r).checkFits(ModelSection.read(r).orElseThrow(), r)));
        assertEquals(List.of("train.augmentation.horizontal-flip = true: needs model.input.kind = patches (it changes "
                        + "images)"),
                problems("model { num-classes = 2, input { kind = tokens, vocab-size = 10, max-length = 8 } }\n"
                                + "train.augmentation.horizontal-flip = true",
                        r -> TrainConfig.read(r).checkFits(ModelSection.read(r).orElseThrow(), r)));
        assertEquals(List.of("train.augmentation.max-shift = -1: must be an integer >= 0"),
                problems("train.augmentation.max-shift = -1", TrainConfig::read));
    }

    @Test
    void checkpointSelection() {
        assertEquals(new CheckpointConfig.Selection(CheckpointConfig.Selection.Kind.SEQUENCE, OptionalLong.of(12)),
                CheckpointConfig.read(reader("checkpoint { path = runs/a, select = 12 }")).select());
        assertEquals(CheckpointConfig.Selection.Kind.LATEST,
                CheckpointConfig.read(reader("checkpoint.path = runs/a")).select().kind());
        ConfigReader best = reader("checkpoint { path = runs/a, select = best, keep-best-by = val_loss }");
        assertEquals(CheckpointConfig.Selection.Kind.BEST, CheckpointConfig.read(best).select().kind());
        assertTrue(best.problems().isEmpty());
    }

    @Test
    void checkpointRetention() {
        assertEquals(RetentionPolicy.keepLast(3).andBest("val_loss", MetricGoal.LOWER_IS_BETTER),
                CheckpointConfig.read(reader("checkpoint.path = runs/a")).retention());
        assertEquals(RetentionPolicy.keepLast(3),
                CheckpointConfig.read(reader("checkpoint { path = runs/a, keep-best-by = null }")).retention());
        assertEquals(RetentionPolicy.keepLast(2).andBest("val_accuracy", MetricGoal.HIGHER_IS_BETTER),
                CheckpointConfig.read(reader("checkpoint { path = runs/a, keep-last = 2, keep-best-by = val_accuracy, "
                        + "best-goal = higher-is-better }")).retention());
    }

    @Test
    void checkpointKeysAreChecked() {
        assertEquals(List.of("checkpoint.select = newest: must be latest, best or a checkpoint sequence number >= 0",
                "checkpoint.keep-last = 0: must be an integer >= 1",
                "checkpoint.best-goal = up: must be one of lower-is-better, higher-is-better"),
                problems("checkpoint { path = runs/a, select = newest, keep-last = 0, best-goal = up }",
                        CheckpointConfig::read));
        assertEquals(List.of("checkpoint.select = best: needs checkpoint.keep-best-by, the score that ranks the checkpoints"),
                problems("checkpoint { path = runs/a, select = best, keep-best-by = null }", CheckpointConfig::read));
        assertEquals(List.of("checkpoint.select = -1: must be latest, best or a checkpoint sequence number >= 0"),
                problems("checkpoint { path = runs/a, select = -1 }", CheckpointConfig::read));
    }

    @Test
    void evaluateAndScore() {
        ConfigReader reader = reader("evaluate.output = \"metrics.json\"\nscore { input = in, output = out, form = rnn }");
        assertEquals(new EvaluateConfig("test", 64, Optional.of("metrics.json"), 42), EvaluateConfig.read(reader));
        assertEquals(new ScoreConfig("in", "out", false, Optional.of(Form.RNN), 64, 1024, 64, false),
                ScoreConfig.read(reader));
        assertTrue(reader.problems().isEmpty());
        assertEquals(Optional.empty(), ScoreConfig.read(reader("score { input = in, output = out }")).form());
        assertEquals(List.of("score.form = fast: must be one of auto, attention, rnn, chunk",
                "score.output = same: must differ from score.input"),
                problems("score { input = same, output = same, form = fast }", ScoreConfig::read));
    }

    @Test
    void sparkSection() {
        ConfigReader reader = reader("spark { app-name = demo, conf { spark.executor.memory = 2g, "
                + "\"spark.sql.shuffle.partitions\" = 8 } }");
        assertEquals(new SparkConfig("local[*]", Optional.of("demo"),
                Map.of("spark.executor.memory", "2g", "spark.sql.shuffle.partitions", "8")), SparkConfig.read(reader));
        assertTrue(reader.problems().isEmpty());
        assertEquals(List.of("spark.conf: 'executor.memory' is not a Spark setting; Spark settings start with 'spark.'"),
                problems("spark.conf { executor.memory = 2g }", SparkConfig::read));
    }
}
