package ai.lion.spark.data;

/**
 * One validated row, laid out for copying into a minibatch.
 *
 * @param steps   number of real time steps (tokens or patches)
 * @param values  features channel-major: {@code values[c * steps + t]} is channel c at step t
 * @param label   class label, or {@link #NO_LABEL} when the kind has none
 * @param targets MLM: original token id at each selected step, {@link MlmMasker#NOT_SELECTED} elsewhere;
 *                null for other kinds
 */
record Example(int steps, float[] values, int label, int[] targets) {

    static final int NO_LABEL = -1;
}
