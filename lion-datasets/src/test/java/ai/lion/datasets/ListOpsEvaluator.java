package ai.lion.datasets;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;

/**
 * A stack evaluator of ListOps text, written from the task description independently of the generator:
 * it reads space-separated tokens and also reports the nesting depth and the largest argument count.
 */
final class ListOpsEvaluator {

    record Result(int value, int depth, int maxArgs) {
    }

    private record Frame(String operator, List<Integer> args) {
    }

    private ListOpsEvaluator() {
    }

    static Result evaluate(String text) {
        Deque<Frame> stack = new ArrayDeque<>();
        Integer result = null;
        int depth = 0;
        int maxArgs = 0;
        for (String token : text.trim().split(" +")) {
            if (result != null) {
                throw new IllegalArgumentException("tokens after the end of the expression: " + text);
            }
            Integer value = null;
            if (token.startsWith("[")) {
                stack.push(new Frame(token.substring(1), new ArrayList<>()));
                depth = Math.max(depth, stack.size());
            } else if (token.equals("]")) {
                Frame frame = stack.pop();
                maxArgs = Math.max(maxArgs, frame.args().size());
                value = apply(frame.operator(), frame.args());
            } else if (token.matches("[0-9]")) {
                value = Integer.parseInt(token);
            } else {
                throw new IllegalArgumentException("bad token '" + token + "' in " + text);
            }
            if (value != null) {
                if (stack.isEmpty()) {
                    result = value;
                } else {
                    stack.peek().args().add(value);
                }
            }
        }
        if (result == null) {
            throw new IllegalArgumentException("unbalanced expression: " + text);
        }
        return new Result(result, depth, maxArgs);
    }

    private static int apply(String operator, List<Integer> args) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException(operator + " without arguments");
        }
        List<Integer> sorted = new ArrayList<>(args);
        Collections.sort(sorted);
        int n = sorted.size();
        return switch (operator) {
            case "MAX" -> sorted.get(n - 1);
            case "MIN" -> sorted.get(0);
            case "MED" -> n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
            case "SM" -> args.stream().mapToInt(Integer::intValue).sum() % 10;
            default -> throw new IllegalArgumentException("unknown operator " + operator);
        };
    }
}
