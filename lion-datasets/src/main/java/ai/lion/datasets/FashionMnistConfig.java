package ai.lion.datasets;

import java.util.Map;
import java.util.Objects;

/** Settings of the Fashion-MNIST preparation. */
public final class FashionMnistConfig {

    /** Where the Debian package {@code dataset-fashion-mnist} puts the idx files. */
    public static final String DEFAULT_INPUT = "file:///usr/share/datasets/fashion-mnist";
    public static final int DEFAULT_PATCH_SIZE = 4;

    private final String input;
    private final int patchSize;
    private final PixelNormalization normalization;
    private final int validationSize;

    private FashionMnistConfig(Builder builder) {
        this.input = builder.input;
        this.patchSize = builder.patchSize;
        this.normalization = builder.normalization;
        this.validationSize = builder.validationSize;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the parameters {@code input}, {@code patchSize}, {@code normalization} ({@code unit} or
     * {@code standardize}) and {@code validationSize}, and rejects any other.
     */
    public static FashionMnistConfig fromParams(Map<String, String> values) {
        DatasetParams params = new DatasetParams(values);
        FashionMnistConfig config = builder()
                .input(params.string("input", DEFAULT_INPUT))
                .patchSize(params.integer("patchSize", DEFAULT_PATCH_SIZE))
                .normalization(PixelNormalization.parse(params.string("normalization", PixelNormalization.UNIT.key())))
                .validationSize(params.integer("validationSize", 0))
                .build();
        params.rejectUnknown(FashionMnistPreparer.NAME);
        return config;
    }

    /** Directory holding the four idx files (each may be gzipped, with a {@code .gz} suffix). */
    public String input() {
        return input;
    }

    /** Side of the square patches; must divide the image height and width. */
    public int patchSize() {
        return patchSize;
    }

    public PixelNormalization normalization() {
        return normalization;
    }

    /** Number of training images moved to a validation split (0: no validation split). */
    public int validationSize() {
        return validationSize;
    }

    @Override
    public String toString() {
        return "FashionMnistConfig{input=" + input + ", patchSize=" + patchSize + ", normalization="
                + normalization.key() + ", validationSize=" + validationSize + "}";
    }

    /** Builder for {@link FashionMnistConfig}; validates each value as it is set. */
    public static final class Builder {
        private String input = DEFAULT_INPUT;
        private int patchSize = DEFAULT_PATCH_SIZE;
        private PixelNormalization normalization = PixelNormalization.UNIT;
        private int validationSize;

        private Builder() {
        }

        public Builder input(String input) {
            Objects.requireNonNull(input, "input");
            if (input.isBlank()) {
                throw new IllegalArgumentException("input must not be blank");
            }
            this.input = input;
            return this;
        }

        public Builder patchSize(int patchSize) {
            if (patchSize <= 0) {
                throw new IllegalArgumentException("patchSize must be positive, got " + patchSize);
            }
            this.patchSize = patchSize;
            return this;
        }

        public Builder normalization(PixelNormalization normalization) {
            this.normalization = Objects.requireNonNull(normalization, "normalization");
            return this;
        }

        public Builder validationSize(int validationSize) {
            if (validationSize < 0) {
                throw new IllegalArgumentException("validationSize must be >= 0, got " + validationSize);
            }
            this.validationSize = validationSize;
            return this;
        }

        public FashionMnistConfig build() {
            return new FashionMnistConfig(this);
        }
    }
}
