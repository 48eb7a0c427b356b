package ai.lion.jobs.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One command-line override {@code KEY=VALUE} ({@code --set train.epochs=3}), turned into a one-key
 * {@link Config}.
 *
 * <p>The value is read the way a shell user means it, not as HOCON source (where {@code //} would
 * start a comment and cut {@code hdfs://nn/x} short): {@code null}, {@code true}/{@code false} and
 * decimal numbers become those types, a value starting with {@code [}, <code>{</code> or a double quote is
 * parsed as HOCON (lists, objects, quoted strings), and everything else is taken verbatim as a string.
 * Keys are HOCON path expressions; quote a segment that contains dots:
 * {@code spark.conf."spark.executor.memory"=2g}.
 */
public final class ConfigOverride {

    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,18}");
    private static final Pattern DECIMAL = Pattern.compile("-?(\\d+\\.\\d*|\\.\\d+|\\d+)([eE][+-]?\\d+)?");

    private ConfigOverride() {
    }

    /** Parses {@code KEY=VALUE}; the key is validated as a path expression, the value typed as described above. */
    public static Config parse(String override) throws InvalidConfigException {
        int split = separatorIndex(override);
        if (split <= 0) {
            throw problem(override, "must be KEY=VALUE, e.g. train.epochs=3");
        }
        String key = override.substring(0, split).strip();
        String text = override.substring(split + 1);
        try {
            ConfigUtil.splitPath(key);
        } catch (ConfigException e) {
            throw problem(override, "the key '" + key + "' is not a valid path, e.g. train.epochs or spark.conf.\"spark.x\"");
        }
        String origin = "--set " + override;
        return ConfigFactory.empty(origin).withValue(key, value(text, origin).orElseThrow(
                () -> problem(override, "the value is not valid HOCON")));
    }

    private static Optional<ConfigValue> value(String text, String origin) {
        String value = text.strip();
        if (value.equals("null")) {
            return Optional.of(ConfigValueFactory.fromAnyRef(null, origin));
        }
        if (value.equals("true") || value.equals("false")) {
            return Optional.of(ConfigValueFactory.fromAnyRef(Boolean.parseBoolean(value), origin));
        }
        if (INTEGER.matcher(value).matches()) {
            return Optional.of(ConfigValueFactory.fromAnyRef(Long.parseLong(value), origin));
        }
        if (DECIMAL.matcher(value).matches()) {
            return Optional.of(ConfigValueFactory.fromAnyRef(Double.parseDouble(value), origin));
        }
        if (value.startsWith("[") || value.startsWith("{") || value.startsWith("\"")) {
            try {
                return Optional.of(ConfigFactory.parseString("value = " + value,
                        ConfigParseOptions.defaults().setOriginDescription(origin)).getValue("value"));
            } catch (ConfigException e) {
                return Optional.empty();
            }
        }
        return Optional.of(ConfigValueFactory.fromAnyRef(value, origin));
    }

    /** The first '=' outside double quotes (so a quoted key segment may contain '='). */
    private static int separatorIndex(String override) {
        boolean quoted = false;
        for (int i = 0; i < override.length(); i++) {
            char c = override.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '=' && !quoted) {
                return i;
            }
        }
        return -1;
    }

    private static InvalidConfigException problem(String override, String rule) {
        return new InvalidConfigException(new ConfigProblem("--set", Optional.of(override), rule, Optional.empty()));
    }
}
