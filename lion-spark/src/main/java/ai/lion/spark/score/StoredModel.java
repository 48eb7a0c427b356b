package ai.lion.spark.score;

import ai.lion.spark.checkpoint.Checkpoint;
import ai.lion.spark.checkpoint.CheckpointInfo;
import ai.lion.spark.checkpoint.CheckpointStore;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.util.SerializableConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.util.ModelSerializer;

/**
 * A trained model stored on a Hadoop file system ({@code hdfs://}, {@code file://}, {@code s3a://}...):
 * either a DL4J {@code ModelSerializer} zip, or a checkpoint of a {@link CheckpointStore}.
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
    private final ModelSignature signature;
    private final SerializableConfiguration hadoopConf;

    private StoredModel(Format format, Path location, long sequence, long modificationTime, ModelSignature signature,
                        Configuration conf) {
        this.format = format;
        this.location = location.toString();
        this.sequence = sequence;
        this.modificationTime = modificationTime;
        this.signature = signature;
        this.hadoopConf = new SerializableConfiguration(conf);
    }

    /**
     * Finds the model at {@code path}: a model zip file; a checkpoint store's root directory (its newest
     * valid checkpoint); or one checkpoint directory inside a store. Reads the model's signature: from
     * the zip's configuration entry, or by loading the checkpoint, which verifies its checksums.
     *
     * @throws IllegalArgumentException    if nothing exists at {@code path}, or it holds no model
     * @throws IncompatibleModelException  if the model is not a classifier the scorer can read
     * @throws IOException                 if the file system fails
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
            ModelSignature signature = signatureOf(qualified, zipConfiguration(fs, qualified));
            return new StoredModel(Format.MODEL_ZIP, qualified, 0, status.getModificationTime(), signature, conf);
        }
        CheckpointInfo checkpoint = checkpointAt(qualified, conf).orElseThrow(() -> new IllegalArgumentException(
                "model path " + qualified + " is a directory but neither a checkpoint store with a valid checkpoint"
                        + " nor a checkpoint directory"));
        Checkpoint loaded = CheckpointStore.open(checkpoint.location().getParent().toString(), conf).load(checkpoint);
        ModelSignature signature = signatureOf(checkpoint.location(), loaded.graph().getConfiguration());
        long modified = fs.getFileStatus(checkpoint.location()).getModificationTime();
        return new StoredModel(Format.CHECKPOINT, checkpoint.location(), checkpoint.sequence(), modified, signature,
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

    private static ComputationGraphConfiguration zipConfiguration(FileSystem fs, Path zip) throws IOException {
        try (ZipInputStream in = new ZipInputStream(fs.open(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (entry.getName().equals(ModelSerializer.CONFIGURATION_JSON)) {
                    String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    try {
                        return ComputationGraphConfiguration.fromJson(json);
                    } catch (RuntimeException e) {
                        throw new IncompatibleModelException(zip.toString(), List.of(
                                "its configuration is not a ComputationGraph configuration (" + e.getMessage() + ")"));
                    }
                }
            }
        }
        throw new IllegalArgumentException("model path " + zip + " is not a DL4J model zip: it has no "
                + ModelSerializer.CONFIGURATION_JSON + " entry");
    }

    private static ModelSignature signatureOf(Path model, ComputationGraphConfiguration conf) {
        try {
            return ModelSignature.of(conf);
        } catch (IllegalArgumentException e) {
            throw new IncompatibleModelException(model.toString(), List.of(e.getMessage()));
        }
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
    public ModelSignature signature() {
        return signature;
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
                return new ScoringModel(ModelSerializer.restoreComputationGraph(in, false), signature, null);
            }
        }
        CheckpointStore store = CheckpointStore.open(path.getParent().toString(), conf);
        CheckpointInfo info = store.list().stream().filter(c -> c.sequence() == sequence).findFirst()
                .orElseThrow(() -> new FileNotFoundException("checkpoint " + location + " has disappeared"));
        Checkpoint checkpoint = store.load(info);
        return new ScoringModel(checkpoint.graph(), signature, checkpoint.modelConfigJson());
    }

    @Override
    public String toString() {
        return "StoredModel{" + describe() + ", " + signature + "}";
    }
}
