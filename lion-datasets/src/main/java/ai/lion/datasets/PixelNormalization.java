package ai.lion.datasets;

import java.util.Locale;

/** How pixel values 0..255 become patch values. */
public enum PixelNormalization {
    /** {@code pixel / 255}, in [0, 1]. The default. */
    UNIT,
    /**
     * {@code (pixel / 255 - mean) / std}, with one mean and one (population) standard deviation over all
     * pixels of the training split (after the validation split is carved out), applied to every split.
     */
    STANDARDIZE;

    /** Parses {@code unit} or {@code standardize} (case-insensitive). */
    public static PixelNormalization parse(String text) {
        for (PixelNormalization value : values()) {
            if (value.name().equalsIgnoreCase(text.trim())) {
                return value;
            }
        }
        throw new IllegalArgumentException("normalization must be 'unit' or 'standardize', got '" + text + "'");
    }

    /** The lower-case name used in parameters and metadata. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
