package ai.lion.bench.scaling;

import ai.lion.core.models.LionConfig;
import ai.lion.core.models.PatchInput;
import ai.lion.datasets.FashionMnistPreparer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The training rows of the benchmark: the first rows of the project's Fashion-MNIST preparation, or
 * generated rows of the model's patch shape in the same schema (Gaussian patches, uniform labels), written as a dataset
 * directory with a {@code train} and a {@code validation} split of exactly the requested sizes.
 */
final class BenchData {

    private static final long SEED = 20261206L;

    private final Path source;
    private final LionConfig model;

    private BenchData(Path source, LionConfig model) {
        this.source = source;
        this.model = model;
    }

    /** Whether the Debian package's Fashion-MNIST files are installed. */
    static boolean fashionMnistInstalled() {
        return FashionMnistPreparer.DEBIAN_PACKAGE.isInstalled();
    }

    /** Rows from the prepared dataset under {@code prepared} (with a {@code train} split). */
    static BenchData prepared(Path prepared, LionConfig model) {
        return new BenchData(prepared, model);
    }

    /** Generated rows of {@code model}'s patch input. */
    static BenchData generated(LionConfig model) {
        if (!(model.input() instanceof PatchInput)) {
            throw new IllegalArgumentException("generated rows are patches, but the model reads " + model.input()
                    + "; benchmark a patch model or prepare its dataset");
        }
        return new BenchData(null, model);
    }

    /** What the rows are, for the report. */
    String describe() {
        return source == null ? "generated rows of the model's input shape" : "Fashion-MNIST prepared in " + source;
    }

    /**
     * Writes {@code trainRows} training and {@code validationRows} validation rows under {@code directory}
     * (splits {@code train} and {@code validation}) unless they are there already.
     *
     * @throws IllegalArgumentException if the prepared dataset has fewer training rows
     */
    Path write(SparkSession spark, Path directory, long trainRows, long validationRows) {
        if (Files.isDirectory(directory.resolve("validation"))) {
            return directory;
        }
        Dataset<Row> rows = source == null ? generate(spark, trainRows + validationRows)
                : spark.read().parquet(source.resolve("train").toString());
        Dataset<Row> train = rows.limit(Math.toIntExact(trainRows));
        long available = train.count();
        if (available < trainRows) {
            throw new IllegalArgumentException(describe() + " has " + available + " training rows, a configuration needs "
                    + trainRows + " (splits × workers × averaging × batch); lower --splits or use --dataset generated");
        }
        train.write().mode(SaveMode.Overwrite).parquet(directory.resolve("train").toString());
        Dataset<Row> validation = source == null ? rows.limit(Math.toIntExact(validationRows))
                : spark.read().parquet(source.resolve("validation").toString()).limit(Math.toIntExact(validationRows));
        validation.write().mode(SaveMode.Overwrite).parquet(directory.resolve("validation").toString());
        return directory;
    }

    private Dataset<Row> generate(SparkSession spark, long count) {
        PatchInput input = (PatchInput) model.input();
        int values = input.numPatches() * input.patchDim();
        int classes = model.numClasses();
        int partitions = 4;
        List<Integer> slices = IntStream.range(0, partitions).boxed().toList();
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        return spark.createDataFrame(sc.parallelize(slices, partitions).flatMap(slice -> {
            Random random = new Random(SEED + slice);
            List<Row> rows = new ArrayList<>();
            for (long i = slice; i < count; i += partitions) {
                float[] patches = new float[values];
                for (int v = 0; v < values; v++) {
                    patches[v] = (float) random.nextGaussian();
                }
                rows.add(RowFactory.create(i, patches, random.nextInt(classes)));
            }
            return rows.iterator();
        }), FashionMnistPreparer.SCHEMA);
    }
}
