package ai.lion.spark.score;

import ai.lion.core.models.LionConfig;
import ai.lion.core.models.LionModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * A model held in the driver's memory (for example one just trained), shipped to the executors as a
 * Spark broadcast of its {@link LionModel} file (no updater state). Create it once per model and Spark
 * application and reuse it, so that each executor loads the model once.
 */
public final class BroadcastModel implements ModelSource {

    private static final long serialVersionUID = 2L;

    private final Broadcast<byte[]> bytes;
    private final String key;
    private final String name;
    private final LionConfig config;

    private BroadcastModel(Broadcast<byte[]> bytes, String key, String name, LionConfig config) {
        this.bytes = bytes;
        this.key = key;
        this.name = name;
        this.config = config;
    }

    /**
     * Serialises {@code model} and broadcasts it with {@code context}.
     *
     * @param name names the model in messages
     */
    public static BroadcastModel of(SparkContext context, LionModel model, String name) {
        Objects.requireNonNull(model, "model");
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try {
            model.write(file, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise model " + name, e);
        }
        Broadcast<byte[]> broadcast = JavaSparkContext.fromSparkContext(context).broadcast(file.toByteArray());
        String key = "broadcast:" + context.applicationId() + "/" + broadcast.id();
        return new BroadcastModel(broadcast, key, name, model.config());
    }

    /** Whether this broadcast belongs to {@code context} and can still be used there. */
    public boolean isUsableIn(SparkContext context) {
        return !context.isStopped() && key.startsWith("broadcast:" + context.applicationId() + "/") && bytes.isValid();
    }

    /** Removes the broadcast from the executors and the driver; the source cannot be used afterwards. */
    public void destroy() {
        bytes.destroy();
    }

    @Override
    public String cacheKey() {
        return key;
    }

    @Override
    public String describe() {
        return name;
    }

    @Override
    public LionConfig config() {
        return config;
    }

    @Override
    public ScoringModel load() throws IOException {
        return new ScoringModel(LionModel.read(new ByteArrayInputStream(bytes.value()), name, false));
    }
}
