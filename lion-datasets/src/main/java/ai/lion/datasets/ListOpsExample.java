package ai.lion.datasets;

/**
 * One ListOps sequence and its value.
 *
 * @param tokens token ids ({@link ListOpsVocabulary}), no padding
 * @param label  the value of the expression, 0..9
 */
public record ListOpsExample(int[] tokens, int label) {

    /** The expression as text, e.g. {@code [MAX 2 9 [MIN 4 7 ] 0 ]}. */
    public String text() {
        return ListOpsVocabulary.render(tokens);
    }
}
