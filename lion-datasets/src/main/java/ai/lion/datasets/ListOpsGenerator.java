package ai.lion.datasets;

import java.io.Serializable;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Generates random ListOps expressions of an exact, randomly chosen length.
 *
 * <p>For each example: the length {@code n} is drawn uniformly from the reachable lengths in
 * {@code [minLength, maxLength]}; then an expression of exactly {@code n} tokens and depth at most
 * {@code maxDepth} is built top-down. A one-token budget becomes a uniform digit. A larger budget
 * becomes an operator (uniform over MAX, MIN, MED, SM) whose argument count is uniform over the counts
 * that can fill the budget; the {@code n - 2} argument tokens are split by drawing each part uniformly
 * from the sizes that keep the rest fillable (stick breaking), and the parts are shuffled. The
 * {@link ExpressionLengths} tables make every choice feasible, so nothing is rejected or retried.
 * The label is computed while building; the example depends only on the seed.
 */
public final class ListOpsGenerator implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final ListOpsOperator[] OPERATORS = ListOpsOperator.values();

    private final ListOpsConfig config;
    private final ExpressionLengths lengths;
    private final int[] targetLengths;

    /**
     * @throws IllegalArgumentException if no expression within the bounds of {@code config} has a
     *                                  length in {@code [minLength, maxLength]}
     */
    public ListOpsGenerator(ListOpsConfig config) {
        this.config = config;
        this.lengths = new ExpressionLengths(config.maxDepth(), config.maxArgs(), config.maxLength());
        this.targetLengths = IntStream.rangeClosed(config.minLength(), config.maxLength())
                .filter(n -> lengths.expression(config.maxDepth(), n)).toArray();
        if (targetLengths.length == 0) {
            throw new IllegalArgumentException("no ListOps expression of depth <= " + config.maxDepth() + " with <= "
                    + config.maxArgs() + " arguments per operator is " + config.minLength() + ".."
                    + config.maxLength() + " tokens long; the longest is "
                    + lengths.longest(config.maxDepth()) + " tokens (2 tokens is never possible)");
        }
    }

    /** The example drawn from {@code seed}. */
    public ListOpsExample generate(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int length = targetLengths[random.nextInt(targetLengths.length)];
        Expression expression = new Expression(random, length);
        int label = expression.build(length, config.maxDepth());
        return new ListOpsExample(expression.tokens, label);
    }

    /** Builds one expression into a token array of its exact length. */
    private final class Expression {
        private final SplittableRandom random;
        private final int[] tokens;
        private int next;

        Expression(SplittableRandom random, int length) {
            this.random = random;
            this.tokens = new int[length];
        }

        /** Emits an expression of exactly {@code length} tokens and depth at most {@code depth}; returns its value. */
        int build(int length, int depth) {
            if (length == 1) {
                int digit = random.nextInt(10);
                tokens[next++] = ListOpsVocabulary.digit(digit);
                return digit;
            }
            ListOpsOperator operator = OPERATORS[random.nextInt(OPERATORS.length)];
            int[] parts = splitArguments(length - 2, depth - 1);
            tokens[next++] = ListOpsVocabulary.operator(operator);
            int[] values = new int[parts.length];
            for (int i = 0; i < parts.length; i++) {
                values[i] = build(parts[i], depth - 1);
            }
            tokens[next++] = ListOpsVocabulary.CLOSE;
            return operator.apply(values, values.length);
        }

        /** Sizes of the arguments that fill {@code total} tokens with expressions of depth at most {@code depth}. */
        private int[] splitArguments(int total, int depth) {
            int[] counts = IntStream.rangeClosed(1, config.maxArgs())
                    .filter(k -> lengths.arguments(depth, k, total)).toArray();
            int[] parts = new int[counts[random.nextInt(counts.length)]];
            int remaining = total;
            int longest = lengths.longest(depth);
            for (int i = 0; i < parts.length - 1; i++) {
                int rest = parts.length - 1 - i;
                int low = Math.max(1, remaining - rest * longest);
                int high = Math.min(longest, remaining - rest);
                int part = low + random.nextInt(high - low + 1);
                while (!lengths.expression(depth, part) || !lengths.arguments(depth, rest, remaining - part)) {
                    part = part == high ? low : part + 1; // the tables guarantee a feasible part in [low, high]
                }
                parts[i] = part;
                remaining -= part;
            }
            parts[parts.length - 1] = remaining;
            shuffle(parts);
            return parts;
        }

        private void shuffle(int[] values) {
            for (int i = values.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int swap = values[i];
                values[i] = values[j];
                values[j] = swap;
            }
        }
    }
}
