package ai.lion.jobs.faults;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Rows of the tiny image model the fault cases train: 8×8 images as 4 patches of 4×4 values
 * ({@code id}, {@code patches}, {@code label} of 2 classes), Gaussian and reproducible from a seed.
 */
final class PatchRows {

    /** The values of one row: 4 patches of 16. */
    static final int VALUES = 64;
    /** The position in its row of a bad value. */
    static final int BAD_POSITION = 5;
    static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.LongType)
            .add("patches", DataTypes.createArrayType(DataTypes.FloatType))
            .add("label", DataTypes.IntegerType);

    private PatchRows() {
    }

    /** {@code count} good rows with ids 0, 1, …. */
    static List<Row> good(long seed, int count) {
        return withBadValue(seed, count, -1, Float.NaN);
    }

    /** {@code count} rows whose row {@code badId} holds {@code bad} at {@link #BAD_POSITION}. */
    static List<Row> withBadValue(long seed, int count, int badId, float bad) {
        Random random = new Random(seed);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<Float> patches = new ArrayList<>();
            for (int v = 0; v < VALUES; v++) {
                patches.add(i == badId && v == BAD_POSITION ? bad : (float) random.nextGaussian());
            }
            rows.add(RowFactory.create((long) i, patches, random.nextInt(2)));
        }
        return rows;
    }

    /** Writes {@code rows} as one Parquet file into the directory {@code path} (a local path or URI). */
    static void write(SparkSession spark, List<Row> rows, String path) {
        spark.createDataFrame(rows, SCHEMA).coalesce(1).write().parquet(path);
    }

    /** Writes {@code rows} as one Parquet file into the local directory {@code directory}. */
    static void write(SparkSession spark, List<Row> rows, Path directory) {
        write(spark, rows, directory.toString());
    }

    /**
     * The settings of a tiny LION classifier of these rows trained for {@code epochs} on {@code data} into
     * {@code run} on local[2]: width 8, one block, two heads, two workers of one 20-row minibatch per split.
     */
    static List<String> tinyTraining(String data, String run, int epochs) {
        return List.of("--set", "data.path=" + data, "--set", "checkpoint.path=" + run,
                "--set", "model.width=8", "--set", "model.depth=1", "--set", "model.heads=2",
                "--set", "model.num-classes=2", "--set", "model.input.kind=patches",
                "--set", "model.input.image-size=8", "--set", "model.input.patch-size=4",
                "--set", "train.epochs=" + epochs, "--set", "train.batch-size-per-worker=20",
                "--set", "train.averaging-frequency=1", "--set", "train.warmup-epochs=0",
                "--set", "train.lr-schedule=constant", "--set", "train.workers=2",
                "--set", "spark.master=local[2]", "--set", "spark.conf.\"spark.ui.enabled\"=false");
    }

    /** {@code lion train} in this JVM of the {@link #tinyTraining tiny model}, with {@code extra} overrides. */
    static JobRun train(Path data, Path run, int epochs, String... extra) {
        List<String> args = new ArrayList<>(List.of("train"));
        args.addAll(tinyTraining(data.toUri().toString(), run.toUri().toString(), epochs));
        args.addAll(List.of(extra));
        return JobRun.of(args);
    }

    /** A local Spark session for writing test data; stop it when done. */
    static SparkSession localSpark(String name) {
        return SparkSession.builder().master("local[2]").appName(name).config("spark.ui.enabled", "false")
                .getOrCreate();
    }
}
