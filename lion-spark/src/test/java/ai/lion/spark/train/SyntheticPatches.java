package ai.lion.spark.train;

import ai.lion.core.models.LionConfig;
import ai.lion.spark.data.BatchSpec;
import ai.lion.spark.data.DataSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A learnable classification task on variable-length patch sequences: every patch component is
 * Gaussian noise, and component {@code label} is shifted up by {@link #SHIFT}, so the masked mean over
 * the patches reveals the class. The same seed gives the same rows in every JVM.
 */
final class SyntheticPatches {

    static final int PATCH_DIM = 4;
    static final int CLASSES = 3;
    static final int MIN_LENGTH = 3;
    static final int MAX_LENGTH = 8;
    static final double SHIFT = 1.0;
    static final StructType SCHEMA = new StructType()
            .add("patches", DataTypes.createArrayType(DataTypes.FloatType))
            .add("label", DataTypes.IntegerType)
            .add("id", DataTypes.StringType);

    private SyntheticPatches() {
    }

    /** {@code count} rows of {@link #MIN_LENGTH} to {@link #MAX_LENGTH} patches drawn from {@code seed}, ids {@code <prefix>-<index>}. */
    static List<Row> rows(long seed, int count, String prefix) {
        return rows(seed, count, prefix, MIN_LENGTH, MAX_LENGTH);
    }

    /** {@code count} rows of {@code minLength} to {@code maxLength} patches. */
    static List<Row> rows(long seed, int count, String prefix, int minLength, int maxLength) {
        Random random = new Random(seed);
        List<Row> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int label = random.nextInt(CLASSES);
            int length = minLength + random.nextInt(maxLength - minLength + 1);
            List<Float> patches = new ArrayList<>(length * PATCH_DIM);
            for (int t = 0; t < length; t++) {
                for (int c = 0; c < PATCH_DIM; c++) {
                    patches.add((float) (random.nextGaussian() + (c == label ? SHIFT : 0)));
                }
            }
            rows.add(RowFactory.create(patches, label, prefix + "-" + i));
        }
        return rows;
    }

    /** {@link #rows(long, int, String)} as a DataFrame of {@code partitions} partitions. */
    static Dataset<Row> frame(SparkSession spark, long seed, int count, String prefix, int partitions) {
        return spark.createDataFrame(rows(seed, count, prefix), SCHEMA).repartition(partitions);
    }

    /** Rows of exactly {@code length} patches (an image's patch grid) as a DataFrame of {@code partitions} partitions. */
    static Dataset<Row> fixedLengthFrame(SparkSession spark, long seed, int count, String prefix, int partitions,
                                         int length) {
        return spark.createDataFrame(rows(seed, count, prefix, length, length), SCHEMA).repartition(partitions);
    }

    /** Minibatches of {@code batchSize} rows with one-hot labels, the columns named as {@link #SCHEMA} names them. */
    static DataSettings data(int batchSize) {
        return DataSettings.builder().batchSize(batchSize).build();
    }

    /** The minibatches of {@link #data} for {@code model}, a patch classifier of {@link #PATCH_DIM} and {@link #CLASSES}. */
    static BatchSpec spec(LionConfig model, int batchSize) {
        return BatchSpec.of(model, data(batchSize));
    }
}
