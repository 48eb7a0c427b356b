package ai.lion.datasets;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Options common to every {@link DatasetPreparer}, plus the dataset-specific parameters as strings
 * (each preparer documents, parses and validates its own keys and rejects unknown ones).
 */
public final class PrepareOptions {

    /** Seed used when none is given. */
    public static final long DEFAULT_SEED = 42L;

    private final String outputPath;
    private final boolean overwrite;
    private final long seed;
    private final int partitions;
    private final Map<String, String> params;

    private PrepareOptions(Builder builder) {
        this.outputPath = builder.outputPath;
        this.overwrite = builder.overwrite;
        this.seed = builder.seed;
        this.partitions = builder.partitions;
        this.params = Collections.unmodifiableMap(new LinkedHashMap<>(builder.params));
    }

    public static Builder builder(String outputPath) {
        return new Builder(outputPath);
    }

    /** The output directory (any Hadoop file system URI, or a path on the default file system). */
    public String outputPath() {
        return outputPath;
    }

    /** Whether an existing output directory is replaced; if false (the default) its existence is an error. */
    public boolean overwrite() {
        return overwrite;
    }

    /** Seed for every random choice; the same seed and parameters give the same rows. */
    public long seed() {
        return seed;
    }

    /** Number of Spark partitions (and so of Parquet files) per split; 0 means Spark's default parallelism. */
    public int partitions() {
        return partitions;
    }

    /** Dataset-specific parameters, in insertion order. */
    public Map<String, String> params() {
        return params;
    }

    @Override
    public String toString() {
        return "PrepareOptions{output=" + outputPath + ", overwrite=" + overwrite + ", seed=" + seed
                + ", partitions=" + partitions + ", params=" + params + "}";
    }

    /** Builder for {@link PrepareOptions}; validates each value as it is set. */
    public static final class Builder {
        private final String outputPath;
        private boolean overwrite;
        private long seed = DEFAULT_SEED;
        private int partitions;
        private final Map<String, String> params = new LinkedHashMap<>();

        private Builder(String outputPath) {
            Objects.requireNonNull(outputPath, "outputPath");
            if (outputPath.isBlank()) {
                throw new IllegalArgumentException("outputPath must not be blank");
            }
            this.outputPath = outputPath;
        }

        public Builder overwrite(boolean overwrite) {
            this.overwrite = overwrite;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder partitions(int partitions) {
            if (partitions < 0) {
                throw new IllegalArgumentException("partitions must be >= 0 (0 = Spark default), got " + partitions);
            }
            this.partitions = partitions;
            return this;
        }

        /** Sets one dataset-specific parameter. */
        public Builder param(String key, Object value) {
            Objects.requireNonNull(key, "param key");
            Objects.requireNonNull(value, () -> "value of param " + key);
            params.put(key, String.valueOf(value));
            return this;
        }

        /** Sets several dataset-specific parameters. */
        public Builder params(Map<String, String> values) {
            values.forEach(this::param);
            return this;
        }

        public PrepareOptions build() {
            return new PrepareOptions(this);
        }
    }
}
