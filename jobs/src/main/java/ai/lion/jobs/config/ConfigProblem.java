package ai.lion.jobs.config;

import java.util.Objects;
import java.util.Optional;

/**
 * One invalid configuration entry: the key, the offending value as written, the rule it breaks and
 * where the value came from.
 *
 * @param key    the full configuration path, e.g. {@code train.epochs}; a section such as
 *               {@code model} for a rule that spans several of its keys; or the command-line option
 *               ({@code --config}, {@code --set}) when the option itself is malformed
 * @param value  the value rendered as HOCON, e.g. {@code -1} or {@code "abc"}; empty when the key is
 *               not set or the problem concerns a whole section
 * @param rule   what is wrong or allowed, e.g. {@code must be an integer >= 1}
 * @param origin where the value was set (file and line, or the command-line override); may be empty
 */
public record ConfigProblem(String key, Optional<String> value, String rule, Optional<String> origin) {

    public ConfigProblem {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(origin, "origin");
    }

    /**
     * The one-line message: {@code train.epochs = -1: must be an integer >= 1 (set at job.conf: 4)},
     * {@code data.path: not set; must be a path ...}, {@code --config x.conf: no such readable file}.
     */
    public String message() {
        String separator = key.startsWith("--") ? " " : " = ";
        String head = value.map(v -> key + separator + v).orElse(key);
        return head + ": " + rule + origin.map(o -> " (set at " + o + ")").orElse("");
    }

    @Override
    public String toString() {
        return message();
    }
}
