package ai.lion.datasets;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Typed reading of dataset-specific string parameters. Every read records the key, so that
 * {@link #rejectUnknown(String)} can report keys that no reader asked for (usually a typo).
 */
final class DatasetParams {

    private final Map<String, String> values;
    private final Set<String> known = new TreeSet<>();

    DatasetParams(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    String string(String key, String defaultValue) {
        known.add(key);
        String value = values.get(key);
        return value == null ? defaultValue : value.trim();
    }

    int integer(String key, int defaultValue) {
        return parse(key, defaultValue, "an integer", Integer::valueOf);
    }

    double decimal(String key, double defaultValue) {
        return parse(key, defaultValue, "a number", Double::valueOf);
    }

    /**
     * Fails if a parameter was given that no reader asked for.
     *
     * @param dataset the dataset name, for the message
     */
    void rejectUnknown(String dataset) {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown parameter(s) " + unknown + " for dataset " + dataset
                    + "; accepted parameters are " + known);
        }
    }

    private <T> T parse(String key, T defaultValue, String expected, Function<String, T> parser) {
        String text = string(key, null);
        if (text == null) {
            return defaultValue;
        }
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("parameter '" + key + "' must be " + expected + ", got '" + text + "'");
        }
    }
}
