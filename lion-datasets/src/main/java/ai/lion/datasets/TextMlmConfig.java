package ai.lion.datasets;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Settings of the masked-language-model corpus preparation. */
public final class TextMlmConfig {

    /** The Jargon File as shipped by the Debian package {@code jargon-text}. */
    public static final String DEFAULT_INPUT = "file:///usr/share/doc/jargon-text/jargon.txt.gz";
    /**
     * Document starts in the Jargon File: an unindented line that is not part of a box-drawing table
     * (chapter and section headings) or an entry headword such as {@code    :camelCase:}.
     */
    public static final String JARGON_DOCUMENT_START = "(?:[^\\s\\u2500-\\u257F]|   :[^:]+:)";
    public static final int DEFAULT_MAX_LENGTH = 128;
    public static final double DEFAULT_VALIDATION_FRACTION = 0.05;
    public static final int DEFAULT_MIN_PARAGRAPH_WORDS = 4;

    private final List<String> inputs;
    private final int maxLength;
    private final double validationFraction;
    private final Pattern documentStart;
    private final int minParagraphWords;

    private TextMlmConfig(Builder builder) {
        this.inputs = builder.inputs;
        this.maxLength = builder.maxLength;
        this.validationFraction = builder.validationFraction;
        this.documentStart = builder.documentStart;
        this.minParagraphWords = builder.minParagraphWords;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the parameters {@code input} (comma-separated files), {@code maxLength},
     * {@code validationFraction}, {@code documentStart} (a regular expression matched at the start of a
     * line) and {@code minParagraphWords}, and rejects any other.
     */
    public static TextMlmConfig fromParams(Map<String, String> values) {
        DatasetParams params = new DatasetParams(values);
        TextMlmConfig config = builder()
                .inputs(Arrays.stream(params.string("input", DEFAULT_INPUT).split(",")).map(String::trim).toList())
                .maxLength(params.integer("maxLength", DEFAULT_MAX_LENGTH))
                .validationFraction(params.decimal("validationFraction", DEFAULT_VALIDATION_FRACTION))
                .documentStart(params.string("documentStart", JARGON_DOCUMENT_START))
                .minParagraphWords(params.integer("minParagraphWords", DEFAULT_MIN_PARAGRAPH_WORDS))
                .build();
        params.rejectUnknown(TextMlmPreparer.NAME);
        return config;
    }

    /** Text files (UTF-8, gzipped or not), on any Hadoop file system; documents never span two files. */
    public List<String> inputs() {
        return inputs;
    }

    /** Tokens per sequence, CLS and SEP included. */
    public int maxLength() {
        return maxLength;
    }

    /** Expected share of documents in the validation split. */
    public double validationFraction() {
        return validationFraction;
    }

    /** A line on which this pattern matches (at its start) begins a new document. */
    public Pattern documentStart() {
        return documentStart;
    }

    /** Paragraphs with fewer words are dropped, except a document's first. */
    public int minParagraphWords() {
        return minParagraphWords;
    }

    @Override
    public String toString() {
        return "TextMlmConfig{inputs=" + inputs + ", maxLength=" + maxLength + ", validationFraction="
                + validationFraction + ", documentStart=" + documentStart + ", minParagraphWords="
                + minParagraphWords + "}";
    }

    /** Builder for {@link TextMlmConfig}; validates each value as it is set. */
    public static final class Builder {
        private List<String> inputs = List.of(DEFAULT_INPUT);
        private int maxLength = DEFAULT_MAX_LENGTH;
        private double validationFraction = DEFAULT_VALIDATION_FRACTION;
        private Pattern documentStart = Pattern.compile(JARGON_DOCUMENT_START);
        private int minParagraphWords = DEFAULT_MIN_PARAGRAPH_WORDS;

        private Builder() {
        }

        public Builder inputs(List<String> inputs) {
            if (inputs.isEmpty() || inputs.stream().anyMatch(input -> input == null || input.isBlank())) {
                throw new IllegalArgumentException("input must list one or more files, got " + inputs);
            }
            this.inputs = List.copyOf(inputs);
            return this;
        }

        public Builder maxLength(int maxLength) {
            new SequenceChunker(maxLength); // validates
            this.maxLength = maxLength;
            return this;
        }

        public Builder validationFraction(double fraction) {
            if (!(fraction >= 0 && fraction < 1)) {
                throw new IllegalArgumentException("validationFraction must be in [0, 1), got " + fraction);
            }
            this.validationFraction = fraction;
            return this;
        }

        public Builder documentStart(String regex) {
            Objects.requireNonNull(regex, "documentStart");
            try {
                this.documentStart = Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("documentStart is not a regular expression: " + e.getMessage(), e);
            }
            return this;
        }

        public Builder minParagraphWords(int words) {
            if (words < 0) {
                throw new IllegalArgumentException("minParagraphWords must be >= 0, got " + words);
            }
            this.minParagraphWords = words;
            return this;
        }

        public TextMlmConfig build() {
            return new TextMlmConfig(this);
        }
    }
}
