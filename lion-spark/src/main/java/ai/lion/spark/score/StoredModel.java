package ai.lion.spark.score;

import ai.lion.core.models.LionConfig;
import ai.lion.core.models.LionModel;
import ai.lion.spark.checkpoint.CheckpointInfo;
import ai.lion.spark.checkpoint.CheckpointStore;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.util.SerializableConfiguration;

/**
 * A trained model stored on a Hadoop file system ({@code hdfs://}, {@code file://}, {@code s3a://}...):
 * either a {@link LionModel} file (for example a checkpoint's {@code model.zip}), or a checkpoint of a
 * {@link CheckpointStore}. Either way the model's {@link LionConfig} comes with it, so scoring needs no
 * other description of the model. A plain DL4J {@code ModelSerializer} zip is not a LION model file
 * and is refused.
 *
 * <p>{@link #resolve} runs on the driver. It fails there, before any task starts, if the path does not
 * exist or holds no readable model, and it pins what the executors will load: the newest valid
 * checkpoint of a store is chosen once, so a training run writing new checkpoints meanwhile does not
 * mix models within one job; and a model file changed after resolution fails the load instead of
 * being scored silently.
 */
public final class StoredModel implements ModelSource {

    private static final long serialVersionUID = 1L;

    private enum Format { MODEL_ZIP, CHECKPOINT }

    private final Format format;
    /** The zip file, or the checkpoint directory; fully qualified. */
    private final String location;
    private final long sequence;
    private final long modificationTime;
    private final LionConfig config;
    private final SerializableConfiguration hadoopConf;

    private StoredModel(Format format, Path location, long sequence, long modificationTime, LionConfig config,
                        Configuration conf) {
        this.format = format;
        this.location = location.toString();
        this.sequence = sequence;
        this.modificationTime = modificationTime;
        this.config = config;
        this.hadoopConf = new SerializableConfiguration(conf);
    }

    /**
     * Finds the model at {@code path}: a LionModel file; a checkpoint store's root directory (its newest
     * valid checkpoint); or one checkpoint directory inside a store. Reads the model's config: from the
     * {@value LionModel#CONFIG_ENTRY} entry of the file or of the checkpoint's model, after the
     * checkpoint's checksums are verified.
     *
     * @throws IllegalArgumentException if nothing exists at {@code path}, or it holds no LION model (a plain
     *                                  DL4J zip is refused naming the file)
     * @throws IOException              if the file system fails
     */
    public static StoredModel resolve(String path, Configuration conf) throws IOException {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("model path must not be blank, got '" + path + "'");
        }
        Objects.requireNonNull(conf, "conf");
        Path given = new Path(path);
        FileSystem fs = given.getFileSystem(conf);
        Path qualified = fs.makeQualified(given);
        FileStatus status;
        try {
            status = fs.getFileStatus(qualified);
        } catch (FileNotFoundException e) {
            throw new IllegalArgumentException("model path " + qualified + " does not exist", e);
        }
        if (status.isFile()) {
            LionConfig config;
            try (InputStream in = fs.open(qualified)) {
                config = LionModel.readConfig(in, "model path " + qualified);
            }
            return new StoredModel(Format.MODEL_ZIP, qualified, 0, status.getModificationTime(), config, conf);
        }
        CheckpointInfo checkpoint = checkpointAt(qualified, conf).orElseThrow(() -> new IllegalArgumentException(
                "model path " + qualified + " is a directory but neither a checkpoint store with a valid checkpoint"
                        + " nor a checkpoint directory"));
        LionConfig config = CheckpointStore.open(checkpoint.location().getParent().toString(), conf).config(checkpoint);
        long modified = fs.getFileStatus(checkpoint.location()).getModificationTime();
        return new StoredModel(Format.CHECKPOINT, checkpoint.location(), checkpoint.sequence(), modified, config,
                conf);
    }

    /** The newest valid checkpoint if {@code directory} is a store, else the checkpoint {@code directory} is. */
    private static Optional<CheckpointInfo> checkpointAt(Path directory, Configuration conf) throws IOException {
        Optional<CheckpointInfo> newest = CheckpointStore.open(directory.toString(), conf).latestValid();
        if (newest.isPresent() || directory.getParent() == null) {
            return newest;
        }
        return CheckpointStore.open(directory.getParent().toString(), conf).list().stream()
                .filter(info -> info.location().equals(directory))
                .findFirst();
    }

    @Override
    public String cacheKey() {
        return location + "@" + modificationTime;
    }

    @Override
    public String describe() {
        return format == Format.CHECKPOINT ? "checkpoint " + location : location;
    }

    @Override
    public LionConfig config() {
        return config;
    }

    @Override
    public ScoringModel load() throws IOException {
        Configuration conf = hadoopConf.value();
        Path path = new Path(location);
        FileSystem fs = path.getFileSystem(conf);
        long modified = fs.getFileStatus(path).getModificationTime();
        if (modified != modificationTime) {
            throw new IOException("model " + describe() + " was modified after the job was planned (modification time "
                    + modified + ", expected " + modificationTime + ")");
        }
        if (format == Format.MODEL_ZIP) {
            try (InputStream in = fs.open(path)) {
                return new ScoringModel(LionModel.read(in, location, false));
            }
        }
        CheckpointStore store = CheckpointStore.open(path.getParent().toString(), conf);
        CheckpointInfo info = store.list().stream().filter(c -> c.sequence() == sequence).findFirst()
                .orElseThrow(() -> new FileNotFoundException("checkpoint " + location + " has disappeared"));
        return new ScoringModel(store.load(info).model());
    }

    @Override
    public String toString() {
        return "StoredModel{" + describe() + ", " + config.variant() + " " + config.task() + ", input "
                + config.input() + "}";
    }
}
