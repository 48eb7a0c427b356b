package ai.lion.datasets;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Long Range Arena ListOps task, generated: rows {@code id: long, tokens: array<int>, label: int}
 * in the splits {@code train}, {@code validation} and {@code test} (a split of size 0 is left out).
 * Example {@code id} of a split is drawn from a seed derived from (seed, split, id), so the data does not
 * depend on partitioning and the executors generate it in parallel. See {@link ListOpsGenerator} for the
 * distribution and {@link ListOpsVocabulary} for the token ids.
 */
public final class ListOpsPreparer implements DatasetPreparer {

    public static final String NAME = "listops";
    public static final int NUM_CLASSES = 10;

    /** Row schema of every split. */
    public static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.LongType, false)
            .add("tokens", DataTypes.createArrayType(DataTypes.IntegerType, false), false)
            .add("label", DataTypes.IntegerType, false);

    private static final List<String> SPLITS = List.of("train", "validation", "test");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "LRA ListOps, generated (nested MAX/MIN/MED/SM over digits, label = value); params: trainSize, "
                + "validationSize, testSize, minLength, maxLength, maxDepth, maxArgs";
    }

    @Override
    public PrepareReport prepare(SparkSession spark, PrepareOptions options) {
        return prepare(spark, options, ListOpsConfig.fromParams(options.params()));
    }

    /** Prepares the dataset with a typed configuration; the parameters in {@code options} are ignored. */
    public PrepareReport prepare(SparkSession spark, PrepareOptions options, ListOpsConfig config) {
        ListOpsGenerator generator = new ListOpsGenerator(config);
        int[] sizes = {config.trainSize(), config.validationSize(), config.testSize()};
        long seed = options.seed();
        return DatasetOutput.writeAtomically(spark, options, NAME, output -> {
            for (int split = 0; split < SPLITS.size(); split++) {
                if (sizes[split] > 0) {
                    int splitKey = split;
                    JavaRDD<Row> rows = spark.range(0, sizes[split], 1, output.partitions()).toJavaRDD()
                            .map(id -> toRow(id, generator.generate(Seeds.derive(seed, splitKey, id))));
                    output.writeSplit(SPLITS.get(split), spark.createDataFrame(rows, SCHEMA), sizes[split]);
                }
            }
            return metadata(config);
        });
    }

    private static Row toRow(long id, ListOpsExample example) {
        return RowFactory.create(id, example.tokens(), example.label());
    }

    private static Map<String, Object> metadata(ListOpsConfig config) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put(DatasetMetadata.VOCAB_SIZE, ListOpsVocabulary.SIZE);
        metadata.put("padId", ListOpsVocabulary.PAD);
        metadata.put("vocabulary", ListOpsVocabulary.asMap());
        metadata.put(DatasetMetadata.NUM_CLASSES, NUM_CLASSES);
        metadata.put("minLength", config.minLength());
        metadata.put(DatasetMetadata.MAX_LENGTH, config.maxLength());
        metadata.put("maxDepth", config.maxDepth());
        metadata.put("maxArgs", config.maxArgs());
        metadata.put("median", "mean of the two middle values, rounded down, for an even argument count");
        return metadata;
    }
}
