package ai.lion.spark.ml;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamPair;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import scala.collection.JavaConverters;

/**
 * The directory under {@code checkpointDir} in which one {@link LionClassifier#fit} trains:
 * {@code run-<digest>}, the digest taken over every param of the estimator (but {@code checkpointDir})
 * and a checksum of the training rows' features and labels. Fitting again with the same params on the
 * same rows therefore continues, or returns, the same run, while the candidates of a param grid, the
 * folds of a cross-validation and the final refit on all rows each train in their own directory.
 */
final class RunDirectory {

    private static final int DIGEST_BYTES = 8;

    private RunDirectory() {
    }

    /** The run directory of {@code stage} fitting {@code rows}; counts the rows in one Spark job. */
    static String of(LionClassifier stage, Dataset<Row> rows) {
        MessageDigest digest = sha256();
        List<ParamPair<?>> params = JavaConverters.seqAsJavaList(stage.extractParamMap().toSeq());
        params.stream()
                .filter(pair -> !pair.param().name().equals(stage.checkpointDir().name()))
                .sorted(Comparator.comparing(pair -> pair.param().name()))
                .forEach(pair -> update(digest, pair.param().name() + "=" + encode(pair) + "\n"));
        Row checksum = rows
                .select(functions.hash(functions.col(stage.getFeaturesCol()), functions.col(stage.getLabelCol()))
                        .cast("long").as("hash"))
                .agg(functions.count(functions.lit(1)), functions.coalesce(functions.sum("hash"), functions.lit(0L)))
                .first();
        update(digest, "rows=" + checksum.getLong(0) + "," + checksum.getLong(1));
        byte[] hash = digest.digest();
        String name = "run-" + HexFormat.of().formatHex(hash, 0, DIGEST_BYTES);
        return new Path(stage.getCheckpointDir(), name).toString();
    }

    @SuppressWarnings("unchecked")
    private static String encode(ParamPair<?> pair) {
        return ((Param<Object>) pair.param()).jsonEncode(pair.value());
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
