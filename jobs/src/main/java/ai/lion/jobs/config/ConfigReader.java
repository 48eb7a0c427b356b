package ai.lion.jobs.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.DoublePredicate;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;

/**
 * Typed, validating reads from a resolved {@link Config}. A value that breaks its rule does not throw
 * at once: the problem is recorded (key, value, rule, origin) and a harmless placeholder is returned,
 * so that one run reports every bad key. {@link #throwIfInvalid()} ends the reading: a job reads all
 * its sections, then calls it, so objects built from placeholders are never used.
 *
 * <p>Numbers, booleans and strings are converted between each other the way a user would expect:
 * {@code "3"} is a valid integer, {@code 3} a valid string. Anything else of the wrong type is a
 * problem, never a silent truncation (3.5 is not an integer).
 */
public final class ConfigReader {

    private final Config config;
    private final List<ConfigProblem> problems = new ArrayList<>();
    private final Set<String> invalidKeys = new HashSet<>();

    public ConfigReader(Config config) {
        this.config = config;
    }

    /** An integer satisfying {@code ok}; {@code rule} names what is allowed. */
    public int integer(String key, IntPredicate ok, String rule) {
        Optional<ConfigValue> value = scalar(key, rule);
        if (value.isEmpty()) {
            return 0;
        }
        Optional<Long> parsed = asLong(value.get());
        if (parsed.isEmpty() || parsed.get() != parsed.get().intValue() || !ok.test(parsed.get().intValue())) {
            return fail(key, value.get(), rule, 0);
        }
        return parsed.get().intValue();
    }

    /** An integer {@code >= min}. */
    public int intAtLeast(String key, int min) {
        return integer(key, v -> v >= min, "must be an integer >= " + min);
    }

    /** An integer in {@code [min, max]}. */
    public int intInRange(String key, int min, int max) {
        return integer(key, v -> v >= min && v <= max, "must be an integer in [" + min + ", " + max + "]");
    }

    /** Any 64-bit integer (seeds). */
    public long longValue(String key) {
        String rule = "must be an integer";
        Optional<ConfigValue> value = scalar(key, rule);
        if (value.isEmpty()) {
            return 0L;
        }
        Optional<Long> parsed = asLong(value.get());
        return parsed.isPresent() ? parsed.get() : fail(key, value.get(), rule, 0L);
    }

    /** A finite number satisfying {@code ok}; {@code rule} names what is allowed. */
    public double number(String key, DoublePredicate ok, String rule) {
        Optional<ConfigValue> value = scalar(key, rule);
        if (value.isEmpty()) {
            return 0.0;
        }
        Optional<Double> parsed = asDouble(value.get());
        if (parsed.isEmpty() || !Double.isFinite(parsed.get()) || !ok.test(parsed.get())) {
            return fail(key, value.get(), rule, 0.0);
        }
        return parsed.get();
    }

    /** A number {@code > 0}. */
    public double positive(String key) {
        return number(key, v -> v > 0, "must be a number > 0");
    }

    /** A number {@code >= 0}. */
    public double nonNegative(String key) {
        return number(key, v -> v >= 0, "must be a number >= 0");
    }

    /** A number in {@code [0, 1)}, e.g. a dropout rate. */
    public double fraction(String key) {
        return number(key, v -> v >= 0 && v < 1, "must be a number in [0, 1)");
    }

    /** A boolean ({@code true}/{@code false}). */
    public boolean bool(String key) {
        String rule = "must be true or false";
        Optional<ConfigValue> value = scalar(key, rule);
        if (value.isEmpty()) {
            return false;
        }
        Object raw = value.get().unwrapped();
        if (raw instanceof Boolean b) {
            return b;
        }
        if (raw instanceof String s && (s.equals("true") || s.equals("false"))) {
            return Boolean.parseBoolean(s);
        }
        return fail(key, value.get(), rule, false);
    }

    /** A required, non-blank string. */
    public String string(String key) {
        return optionalString(key).orElseGet(() -> missing(key, "must be a non-empty string", ""));
    }

    /** A non-blank string, or empty if the key is {@code null}. */
    public Optional<String> optionalString(String key) {
        String rule = "must be a non-empty string";
        if (!config.hasPath(key)) {
            return Optional.empty();
        }
        ConfigValue value = config.getValue(key);
        if (!isScalar(value) || value.unwrapped().toString().isBlank()) {
            fail(key, value, rule, null);
            return Optional.of("");
        }
        return Optional.of(value.unwrapped().toString());
    }

    /** A required file-system path or URI ({@code data/x}, {@code file:/x}, {@code hdfs://nn:8020/x}). */
    public String path(String key) {
        return optionalPath(key).orElseGet(() -> missing(key, PATH_RULE, ""));
    }

    /** A file-system path or URI, or empty if the key is {@code null}. */
    public Optional<String> optionalPath(String key) {
        Optional<String> path = optionalString(key);
        if (path.isPresent() && !isPath(path.get()) && !invalidKeys.contains(key)) {
            fail(key, config.getValue(key), PATH_RULE, null);
        }
        return path;
    }

    private static final String PATH_RULE = "must be a path or URI such as data/x, file:/x or hdfs://namenode:8020/x";

    /**
     * One of the enum's constants, written in lower case with '-' for '_' ({@code FASHION_MNIST}
     * is {@code fashion-mnist}); upper case and '_' are accepted too.
     */
    public <E extends Enum<E>> E choice(String key, Class<E> type) {
        E[] constants = type.getEnumConstants();
        String rule = "must be one of " + Arrays.stream(constants).map(ConfigReader::configName)
                .collect(Collectors.joining(", "));
        Optional<ConfigValue> value = scalar(key, rule);
        if (value.isEmpty()) {
            return constants[0];
        }
        String written = value.get().unwrapped().toString();
        for (E constant : constants) {
            if (configName(constant).equals(written.toLowerCase(Locale.ROOT).replace('_', '-'))) {
                return constant;
            }
        }
        return fail(key, value.get(), rule, constants[0]);
    }

    /** One of the {@code allowed} words, compared exactly. */
    public String oneOf(String key, List<String> allowed) {
        String rule = "must be one of " + String.join(", ", allowed);
        Optional<ConfigValue> value = scalar(key, rule);
        if (value.isEmpty()) {
            return allowed.get(0);
        }
        String written = value.get().unwrapped().toString();
        return allowed.contains(written) ? written : fail(key, value.get(), rule, allowed.get(0));
    }

    /** How an enum constant is written in a configuration file: {@code FASHION_MNIST} → {@code fashion-mnist}. */
    public static String configName(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * A free-form map of scalars, flattened to dotted keys: {@code {spark.executor.memory = 2g}} and
     * {@code {"spark.executor.memory" = 2g}} both give {@code spark.executor.memory -> 2g}.
     */
    public Map<String, String> flatStringMap(String key) {
        Map<String, String> flat = new LinkedHashMap<>();
        if (!config.hasPath(key)) {
            return flat;
        }
        ConfigValue value = config.getValue(key);
        if (value.valueType() != ConfigValueType.OBJECT) {
            fail(key, value, "must be an object of key = value pairs", null);
            return flat;
        }
        flatten(key, List.of(), (ConfigObject) value, flat);
        return flat;
    }

    private void flatten(String key, List<String> prefix, ConfigObject object, Map<String, String> flat) {
        for (Map.Entry<String, ConfigValue> entry : object.entrySet()) {
            List<String> path = new ArrayList<>(prefix);
            path.add(entry.getKey());
            ConfigValue value = entry.getValue();
            if (value.valueType() == ConfigValueType.OBJECT) {
                flatten(key, path, (ConfigObject) value, flat);
            } else if (isScalar(value)) {
                flat.put(String.join(".", path), value.unwrapped().toString());
            } else {
                fail(key + "." + ConfigUtil.joinPath(path), value,
                        "must be a string, number or boolean", null);
            }
        }
    }

    /** Whether the key has a (non-null) value. */
    public boolean isSet(String key) {
        return config.hasPath(key);
    }

    /** Records a problem found by a check that spans several keys; {@code key} is the one reported. */
    public void reject(String key, String rule) {
        if (config.hasPath(key)) {
            fail(key, config.getValue(key), rule, null);
        } else {
            missing(key, rule, null);
        }
    }

    /**
     * Records a problem of a whole section, e.g. a rule of the library object the section is turned
     * into: {@code model: heads must divide width, got heads=5 and width=192}.
     */
    public void rejectSection(String section, String message) {
        record(new ConfigProblem(section, Optional.empty(), message, Optional.empty()));
    }

    /** True if none of the keys has a recorded problem (cross-key checks use it to avoid noise). */
    public boolean valid(String... keys) {
        return Arrays.stream(keys).noneMatch(invalidKeys::contains);
    }

    /** True if no key of the section (or under the path) has a recorded problem. */
    public boolean validUnder(String section) {
        return invalidKeys.stream().noneMatch(key -> key.equals(section) || key.startsWith(section + "."));
    }

    /** Ends the reading: throws if any problem was recorded. */
    public void throwIfInvalid() throws InvalidConfigException {
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
    }

    /** The problems recorded so far. */
    public List<ConfigProblem> problems() {
        return List.copyOf(problems);
    }

    private Optional<ConfigValue> scalar(String key, String rule) {
        if (!config.hasPath(key)) {
            missing(key, rule, null);
            return Optional.empty();
        }
        ConfigValue value = config.getValue(key);
        if (!isScalar(value)) {
            fail(key, value, rule, null);
            return Optional.empty();
        }
        return Optional.of(value);
    }

    private <T> T fail(String key, ConfigValue value, String rule, T placeholder) {
        record(new ConfigProblem(key, Optional.of(ConfigTree.render(value)), rule,
                originOf(value)));
        return placeholder;
    }

    private <T> T missing(String key, String rule, T placeholder) {
        record(new ConfigProblem(key, Optional.empty(), "not set; " + rule, Optional.empty()));
        return placeholder;
    }

    private void record(ConfigProblem problem) {
        if (invalidKeys.add(problem.key())) {
            problems.add(problem);
        }
    }

    private static Optional<String> originOf(ConfigValue value) {
        return value.origin() == null ? Optional.empty() : Optional.of(value.origin().description());
    }

    private static boolean isScalar(ConfigValue value) {
        ConfigValueType type = value.valueType();
        return type == ConfigValueType.STRING || type == ConfigValueType.NUMBER || type == ConfigValueType.BOOLEAN;
    }

    /** A whole number (never a truncated decimal), or a string holding one. */
    private static Optional<Long> asLong(ConfigValue value) {
        return asNumber(value, raw -> raw instanceof Integer || raw instanceof Long ? ((Number) raw).longValue() : null,
                Long::parseLong);
    }

    /** Any number, or a string holding one. */
    private static Optional<Double> asDouble(ConfigValue value) {
        return asNumber(value, raw -> raw instanceof Number n ? n.doubleValue() : null, Double::parseDouble);
    }

    private static <T> Optional<T> asNumber(ConfigValue value, Function<Object, T> fromNumber, Function<String, T> fromText) {
        Object raw = value.unwrapped();
        if (raw instanceof String text) {
            try {
                return Optional.of(fromText.apply(text.trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(fromNumber.apply(raw));
    }

    private static boolean isPath(String path) {
        if (!path.equals(path.strip())) {
            return false;
        }
        if (!path.contains("://")) {
            return true;
        }
        try {
            URI uri = new URI(path);
            return uri.getScheme() != null && uri.getPath() != null && !uri.getPath().isEmpty();
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
