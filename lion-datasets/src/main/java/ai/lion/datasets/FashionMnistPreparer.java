package ai.lion.datasets;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Fashion-MNIST as patch sequences: rows {@code id: long, patches: array<float>, label: int} in the
 * splits {@code train} (60,000 images, fewer if a validation split is carved out), optionally
 * {@code validation}, and {@code test} (10,000 images). The id is the image's index in its idx file.
 *
 * <p>The idx files are read on the driver (about 55 MB unpacked) and broadcast; the executors cut the
 * patches. See {@link FashionMnistConfig} for the parameters.
 */
public final class FashionMnistPreparer implements DatasetPreparer {

    public static final String NAME = "fashion-mnist";
    public static final int NUM_CLASSES = 10;
    /** The class names of labels 0..9, from the Fashion-MNIST documentation. */
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress",
            "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** The Debian package that ships the dataset, and the files this preparer reads from it. */
    public static final DebianPackage DEBIAN_PACKAGE = DebianPackage.of("dataset-fashion-mnist",
            "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz",
            "/usr/share/datasets/fashion-mnist/train-labels-idx1-ubyte.gz",
            "/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz",
            "/usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz");

    /** Row schema of every split. */
    public static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.LongType, false)
            .add("patches", DataTypes.createArrayType(DataTypes.FloatType, false), false)
            .add("label", DataTypes.IntegerType, false);

    private static final Logger LOG = LoggerFactory.getLogger(FashionMnistPreparer.class);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Fashion-MNIST images as sequences of square patches (Debian package dataset-fashion-mnist); "
                + "params: input, patchSize, normalization (unit|standardize), validationSize";
    }

    @Override
    public PrepareReport prepare(SparkSession spark, PrepareOptions options) {
        return prepare(spark, options, FashionMnistConfig.fromParams(options.params()));
    }

    /** Prepares the dataset with a typed configuration; the parameters in {@code options} are ignored. */
    public PrepareReport prepare(SparkSession spark, PrepareOptions options, FashionMnistConfig config) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        LabelledImages train = read(conf, config.input(), "train");
        LabelledImages test = read(conf, config.input(), "t10k");
        if (test.height() != train.height() || test.width() != train.width()) {
            throw new IllegalArgumentException("test images are " + test.height() + "x" + test.width()
                    + " but training images are " + train.height() + "x" + train.width());
        }
        TrainValidationSplit split = TrainValidationSplit.carve(train.count(), config.validationSize(),
                options.seed());
        PixelStatistics statistics = config.normalization() == PixelNormalization.STANDARDIZE
                ? PixelStatistics.of(train, split.train()) : PixelStatistics.IDENTITY;
        PatchExtractor extractor = new PatchExtractor(train.height(), train.width(), config.patchSize(),
                statistics);

        return DatasetOutput.writeAtomically(spark, options, NAME, output -> {
            JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
            Broadcast<LabelledImages> trainImages = context.broadcast(train);
            Broadcast<LabelledImages> testImages = context.broadcast(test);
            try {
                writeSplit(output, "train", trainImages, split.train(), extractor);
                if (split.validation().length > 0) {
                    writeSplit(output, "validation", trainImages, split.validation(), extractor);
                }
                writeSplit(output, "test", testImages, IntStream.range(0, test.count()).toArray(), extractor);
            } finally {
                trainImages.destroy();
                testImages.destroy();
            }
            return metadata(config, train, extractor, statistics);
        });
    }

    private static LabelledImages read(Configuration conf, String directory, String prefix) {
        String images = locate(conf, directory, prefix + "-images-idx3-ubyte");
        String labels = locate(conf, directory, prefix + "-labels-idx1-ubyte");
        long start = System.nanoTime();
        try {
            LabelledImages read = LabelledImages.read(conf, images, labels, NUM_CLASSES);
            LOG.info("read {} images of {}x{} from {} in {} ms", read.count(), read.height(), read.width(), images,
                    (System.nanoTime() - start) / 1_000_000);
            return read;
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /** The gzipped file if present, else the plain one. */
    private static String locate(Configuration conf, String directory, String baseName) {
        String plain = directory.replaceAll("/+$", "") + "/" + baseName;
        try {
            for (String candidate : List.of(plain + ".gz", plain)) {
                if (InputFiles.exists(conf, candidate)) {
                    return candidate;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look for " + plain + ": " + e.getMessage(), e);
        }
        throw new IllegalStateException("neither " + plain + ".gz nor " + plain + " exists. "
                + DEBIAN_PACKAGE.status());
    }

    private static void writeSplit(DatasetOutput output, String split, Broadcast<LabelledImages> images,
                                   int[] indices, PatchExtractor extractor) {
        List<Integer> ids = IntStream.of(indices).boxed().toList();
        JavaRDD<Row> rows = JavaSparkContext.fromSparkContext(output.spark().sparkContext())
                .parallelize(ids, output.partitions())
                .map(index -> toRow(images.value(), index, extractor));
        output.writeSplit(split, output.spark().createDataFrame(rows, SCHEMA), indices.length);
    }

    private static Row toRow(LabelledImages images, int index, PatchExtractor extractor) {
        float[] patches = extractor.extract(images.pixels(), index * images.imageSize());
        return RowFactory.create((long) index, patches, images.label(index));
    }

    private static Map<String, Object> metadata(FashionMnistConfig config, LabelledImages train,
                                                PatchExtractor extractor, PixelStatistics statistics) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("input", config.input());
        metadata.put(DatasetMetadata.IMAGE_HEIGHT, train.height());
        metadata.put(DatasetMetadata.IMAGE_WIDTH, train.width());
        metadata.put(DatasetMetadata.PATCH_SIZE, config.patchSize());
        metadata.put(DatasetMetadata.NUM_PATCHES, extractor.numPatches());
        metadata.put(DatasetMetadata.PATCH_DIM, extractor.patchDim());
        metadata.put("patchOrder", "row-major raster of patches, each patch flattened row-major");
        metadata.put("normalization", config.normalization().key());
        if (config.normalization() == PixelNormalization.STANDARDIZE) {
            metadata.put("pixelMean", statistics.mean());
            metadata.put("pixelStd", statistics.std());
        }
        metadata.put(DatasetMetadata.NUM_CLASSES, NUM_CLASSES);
        metadata.put("classNames", CLASS_NAMES);
        return metadata;
    }
}
