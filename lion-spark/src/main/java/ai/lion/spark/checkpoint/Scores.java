package ai.lion.spark.checkpoint;

import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * Named, finite numbers that describe one checkpoint (for example {@code val_loss}); the
 * {@link RetentionPolicy} uses one of them to keep the best checkpoint.
 *
 * @param values score by name, sorted by name; names are non-blank and values finite
 */
public record Scores(Map<String, Double> values) implements Serializable {

    /** No scores. */
    public static final Scores NONE = new Scores(Map.of());

    /** Validates every entry and keeps an immutable, name-sorted copy. */
    public Scores {
        if (values == null) {
            throw new IllegalArgumentException("score values must not be null");
        }
        TreeMap<String, Double> copy = new TreeMap<>();
        values.forEach((name, value) -> copy.put(requireValid(name, value), value));
        values = Collections.unmodifiableSortedMap(copy);
    }

    /** Returns {@code name} if it is non-blank and {@code value} is finite. */
    static String requireValid(String name, Double value) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("score names must not be blank, got '" + name + "'");
        }
        if (value == null || !Double.isFinite(value)) {
            throw new IllegalArgumentException("score '" + name + "' must be a finite number, got " + value);
        }
        return name;
    }

    /** The score called {@code name}, if recorded. */
    public OptionalDouble get(String name) {
        Double value = values.get(name);
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }
}
