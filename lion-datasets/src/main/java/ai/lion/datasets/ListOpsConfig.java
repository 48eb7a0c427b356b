package ai.lion.datasets;

import java.io.Serializable;
import java.util.Map;

/**
 * Settings of the ListOps generator. The defaults follow the Long Range Arena task: 96,000 / 2,000 /
 * 2,000 examples, 500 to 2,000 tokens, depth at most 10, at most 10 arguments per operator.
 */
public final class ListOpsConfig implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int trainSize;
    private final int validationSize;
    private final int testSize;
    private final int minLength;
    private final int maxLength;
    private final int maxDepth;
    private final int maxArgs;

    private ListOpsConfig(Builder builder) {
        this.trainSize = builder.trainSize;
        this.validationSize = builder.validationSize;
        this.testSize = builder.testSize;
        this.minLength = builder.minLength;
        this.maxLength = builder.maxLength;
        this.maxDepth = builder.maxDepth;
        this.maxArgs = builder.maxArgs;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the parameters {@code trainSize}, {@code validationSize}, {@code testSize}, {@code minLength},
     * {@code maxLength}, {@code maxDepth} and {@code maxArgs}, and rejects any other.
     */
    public static ListOpsConfig fromParams(Map<String, String> values) {
        DatasetParams params = new DatasetParams(values);
        Builder defaults = builder();
        ListOpsConfig config = builder()
                .trainSize(params.integer("trainSize", defaults.trainSize))
                .validationSize(params.integer("validationSize", defaults.validationSize))
                .testSize(params.integer("testSize", defaults.testSize))
                .lengths(params.integer("minLength", defaults.minLength), params.integer("maxLength", defaults.maxLength))
                .maxDepth(params.integer("maxDepth", defaults.maxDepth))
                .maxArgs(params.integer("maxArgs", defaults.maxArgs))
                .build();
        params.rejectUnknown(ListOpsPreparer.NAME);
        return config;
    }

    public int trainSize() {
        return trainSize;
    }

    public int validationSize() {
        return validationSize;
    }

    public int testSize() {
        return testSize;
    }

    /** Shortest sequence, in tokens. */
    public int minLength() {
        return minLength;
    }

    /** Longest sequence, in tokens. */
    public int maxLength() {
        return maxLength;
    }

    /** Deepest bracket nesting (a lone digit has depth 0, {@code [MAX 1 2 ]} depth 1). */
    public int maxDepth() {
        return maxDepth;
    }

    /** Most arguments of one operator. */
    public int maxArgs() {
        return maxArgs;
    }

    @Override
    public String toString() {
        return "ListOpsConfig{sizes=" + trainSize + "/" + validationSize + "/" + testSize + ", length="
                + minLength + ".." + maxLength + ", maxDepth=" + maxDepth + ", maxArgs=" + maxArgs + "}";
    }

    /** Builder for {@link ListOpsConfig}; validates each value as it is set. */
    public static final class Builder {
        private int trainSize = 96_000;
        private int validationSize = 2_000;
        private int testSize = 2_000;
        private int minLength = 500;
        private int maxLength = 2_000;
        private int maxDepth = 10;
        private int maxArgs = 10;

        private Builder() {
        }

        public Builder trainSize(int size) {
            this.trainSize = positive("trainSize", size);
            return this;
        }

        /** Size of the validation split; 0 leaves it out. */
        public Builder validationSize(int size) {
            this.validationSize = nonNegative("validationSize", size);
            return this;
        }

        /** Size of the test split; 0 leaves it out. */
        public Builder testSize(int size) {
            this.testSize = nonNegative("testSize", size);
            return this;
        }

        /** Sequence lengths, in tokens, both inclusive. */
        public Builder lengths(int min, int max) {
            positive("minLength", min);
            if (max < min) {
                throw new IllegalArgumentException("maxLength " + max + " is below minLength " + min);
            }
            this.minLength = min;
            this.maxLength = max;
            return this;
        }

        public Builder maxDepth(int depth) {
            this.maxDepth = positive("maxDepth", depth);
            return this;
        }

        public Builder maxArgs(int args) {
            this.maxArgs = positive("maxArgs", args);
            return this;
        }

        /**
         * @throws IllegalArgumentException if no expression within the depth and argument bounds has a
         *                                  length in {@code [minLength, maxLength]}
         */
        public ListOpsConfig build() {
            ListOpsConfig config = new ListOpsConfig(this);
            new ListOpsGenerator(config); // fails fast if the lengths cannot be reached
            return config;
        }

        private static int positive(String name, int value) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be positive, got " + value);
            }
            return value;
        }

        private static int nonNegative(String name, int value) {
            if (value < 0) {
                throw new IllegalArgumentException(name + " must be >= 0, got " + value);
            }
            return value;
        }
    }
}
