package ai.lion.spark.score;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models loaded in this JVM, keyed by {@link ModelSource#cacheKey()}, so that all tasks of an
 * executor share one copy. The first task that asks loads the model; concurrent tasks asking for the
 * same key wait for that load instead of starting their own. A failed load is not cached (a retried
 * task tries again). The {@value #CAPACITY} most recently used models are kept.
 */
public final class ModelCache {

    /** Models kept per JVM; older ones are dropped (and freed once no task uses them). */
    static final int CAPACITY = 4;

    private static final Logger LOG = LoggerFactory.getLogger(ModelCache.class);
    private static final AtomicLong LOADS = new AtomicLong();
    private static final Map<String, CompletableFuture<ScoringModel>> MODELS =
            new LinkedHashMap<>(CAPACITY * 2, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<ScoringModel>> eldest) {
                    return size() > CAPACITY;
                }
            };

    private ModelCache() {
    }

    /**
     * The model of {@code source}, loaded now if this JVM does not hold it yet.
     *
     * @throws UncheckedIOException if the model cannot be read
     */
    public static ScoringModel get(ModelSource source) {
        String key = source.cacheKey();
        CompletableFuture<ScoringModel> model;
        boolean loadHere = false;
        synchronized (MODELS) {
            model = MODELS.get(key);
            if (model == null) {
                model = new CompletableFuture<>();
                MODELS.put(key, model);
                loadHere = true;
            }
        }
        if (loadHere) {
            load(source, key, model);
        }
        try {
            return model.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof IOException io
                    ? new UncheckedIOException("cannot load model " + source.describe() + ": " + io.getMessage(), io)
                    : new IllegalStateException("cannot load model " + source.describe(), e.getCause());
        }
    }

    private static void load(ModelSource source, String key, CompletableFuture<ScoringModel> model) {
        long started = System.nanoTime();
        try {
            model.complete(source.load());
            LOADS.incrementAndGet();
            LOG.info("Loaded model {} in {} ms", source.describe(), (System.nanoTime() - started) / 1_000_000);
        } catch (IOException | RuntimeException | Error e) {
            synchronized (MODELS) {
                MODELS.remove(key, model);
            }
            model.completeExceptionally(e);
        }
    }

    /** How many models this JVM has loaded so far (cache misses). */
    public static long loads() {
        return LOADS.get();
    }
}
