package ai.lion.spark.score;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

/**
 * A model held in the driver's memory (for example one just trained), shipped to the executors as a
 * Spark broadcast of its {@code ModelSerializer} bytes (parameters only, no updater state). Create it
 * once per model and Spark application and reuse it, so that each executor loads the model once.
 */
public final class BroadcastModel implements ModelSource {

    private static final long serialVersionUID = 1L;

    private final Broadcast<byte[]> bytes;
    private final String key;
    private final String name;
    private final ModelSignature signature;
    private final String modelConfigJson;

    private BroadcastModel(Broadcast<byte[]> bytes, String key, String name, ModelSignature signature,
                           String modelConfigJson) {
        this.bytes = bytes;
        this.key = key;
        this.name = name;
        this.signature = signature;
        this.modelConfigJson = modelConfigJson;
    }

    /**
     * Serialises {@code graph} and broadcasts it with {@code context}.
     *
     * @param name            names the model in messages
     * @param modelConfigJson the model's own configuration, or null
     * @throws IncompatibleModelException if the graph is not a classifier the scorer can read
     */
    public static BroadcastModel of(SparkContext context, ComputationGraph graph, String name, String modelConfigJson) {
        Objects.requireNonNull(graph, "graph");
        ModelSignature signature;
        try {
            signature = ModelSignature.of(graph.getConfiguration());
        } catch (IllegalArgumentException e) {
            throw new IncompatibleModelException(name, List.of(e.getMessage()));
        }
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try {
            ModelSerializer.writeModel(graph, zip, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise model " + name, e);
        }
        Broadcast<byte[]> broadcast = JavaSparkContext.fromSparkContext(context).broadcast(zip.toByteArray());
        String key = "broadcast:" + context.applicationId() + "/" + broadcast.id();
        return new BroadcastModel(broadcast, key, name, signature, modelConfigJson);
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
    public ModelSignature signature() {
        return signature;
    }

    @Override
    public ScoringModel load() throws IOException {
        ComputationGraph graph = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(bytes.value()), false);
        return new ScoringModel(graph, signature, modelConfigJson);
    }
}
