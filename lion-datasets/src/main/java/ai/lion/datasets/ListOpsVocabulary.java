package ai.lion.datasets;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The fixed ListOps token ids: {@code 0} padding, {@code 1..10} the digits 0..9, {@code 11..14} the
 * operators {@code [MAX [MIN [MED [SM} (each token includes its opening bracket) and {@code 15} the
 * closing bracket {@code ]}.
 */
public final class ListOpsVocabulary {

    public static final int PAD = 0;
    public static final int FIRST_DIGIT = 1;
    public static final int FIRST_OPERATOR = 11;
    public static final int CLOSE = 15;
    /** Number of token ids (the embedding table size). */
    public static final int SIZE = 16;

    private static final String PAD_TEXT = "<pad>";
    private static final String CLOSE_TEXT = "]";

    private ListOpsVocabulary() {
    }

    public static int digit(int value) {
        if (value < 0 || value > 9) {
            throw new IllegalArgumentException("a ListOps digit is 0..9, got " + value);
        }
        return FIRST_DIGIT + value;
    }

    public static int operator(ListOpsOperator operator) {
        return FIRST_OPERATOR + operator.ordinal();
    }

    /** The text of token {@code id}: a digit, {@code [MAX} etc., {@code ]} or {@code <pad>}. */
    public static String text(int id) {
        if (id == PAD) {
            return PAD_TEXT;
        }
        if (id >= FIRST_DIGIT && id < FIRST_DIGIT + 10) {
            return Integer.toString(id - FIRST_DIGIT);
        }
        if (id >= FIRST_OPERATOR && id < CLOSE) {
            return ListOpsOperator.values()[id - FIRST_OPERATOR].openToken();
        }
        if (id == CLOSE) {
            return CLOSE_TEXT;
        }
        throw new IllegalArgumentException("not a ListOps token id: " + id + " (ids are 0.." + (SIZE - 1) + ")");
    }

    /** The id of a token's text; the inverse of {@link #text(int)}. */
    public static int id(String text) {
        for (int id = 0; id < SIZE; id++) {
            if (text(id).equals(text)) {
                return id;
            }
        }
        throw new IllegalArgumentException("not a ListOps token: '" + text + "'");
    }

    /** Renders ids as space-separated text, e.g. {@code [MAX 2 9 [MIN 4 7 ] 0 ]}. */
    public static String render(int[] ids) {
        StringJoiner text = new StringJoiner(" ");
        for (int id : ids) {
            text.add(text(id));
        }
        return text.toString();
    }

    /** Splits space-separated text into token ids; the inverse of {@link #render(int[])}. */
    public static int[] tokenize(String text) {
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            return new int[0];
        }
        String[] tokens = trimmed.split("\\s+");
        int[] ids = new int[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            ids[i] = id(tokens[i]);
        }
        return ids;
    }

    /** Token text by id, for metadata. */
    public static Map<String, Integer> asMap() {
        Map<String, Integer> map = new LinkedHashMap<>();
        for (int id = 0; id < SIZE; id++) {
            map.put(text(id), id);
        }
        return map;
    }
}
