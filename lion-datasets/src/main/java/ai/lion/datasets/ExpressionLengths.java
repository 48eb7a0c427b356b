package ai.lion.datasets;

import java.io.Serializable;

/**
 * Which token lengths ListOps expressions can have under a depth bound and an argument-count bound.
 *
 * <p>A digit is one token of depth 0; an operator applied to {@code k} arguments is {@code 2 + } the
 * arguments' lengths (operator token and {@code ]}) and has depth {@code 1 + } their largest depth. So
 * the lengths of depth {@code <= d} are {@code {1}} plus {@code 2 + s} for every sum {@code s} of
 * {@code 1..maxArgs} lengths of depth {@code <= d - 1}; the tables are built bottom-up with bit sets.
 */
final class ExpressionLengths implements Serializable {

    private static final long serialVersionUID = 1L;

    /** {@code expressions[d]}: lengths of expressions of depth at most {@code d}. */
    private final LengthSet[] expressions;
    /** {@code argumentLists[d][k]}: total lengths of {@code k} expressions of depth at most {@code d}. */
    private final LengthSet[][] argumentLists;
    private final int[] longest;

    ExpressionLengths(int maxDepth, int maxArgs, int maxLength) {
        expressions = new LengthSet[maxDepth + 1];
        argumentLists = new LengthSet[maxDepth][maxArgs + 1];
        longest = new int[maxDepth + 1];
        expressions[0] = LengthSet.of(maxLength, 1);
        for (int d = 0; d < maxDepth; d++) {
            argumentLists[d][0] = LengthSet.of(maxLength, 0);
            LengthSet next = LengthSet.of(maxLength, 1);
            for (int k = 1; k <= maxArgs; k++) {
                argumentLists[d][k] = argumentLists[d][k - 1].plus(expressions[d]);
                for (int total = argumentLists[d][k].nextMember(0); total >= 0;
                     total = argumentLists[d][k].nextMember(total + 1)) {
                    next.add(total + 2);
                }
            }
            expressions[d + 1] = next;
        }
        for (int d = 0; d <= maxDepth; d++) {
            longest[d] = expressions[d].max();
        }
    }

    /** Whether an expression of depth at most {@code depth} can be exactly {@code length} tokens long. */
    boolean expression(int depth, int length) {
        return expressions[depth].contains(length);
    }

    /** Whether {@code count} expressions of depth at most {@code depth} can total {@code length} tokens. */
    boolean arguments(int depth, int count, int length) {
        return argumentLists[depth][count].contains(length);
    }

    /** The longest expression of depth at most {@code depth} (capped at the table's maximum length). */
    int longest(int depth) {
        return longest[depth];
    }
}
