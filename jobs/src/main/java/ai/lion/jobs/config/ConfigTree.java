package ai.lion.jobs.config;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Walks a configuration tree down to its settable keys (null values included, unlike {@code Config.entrySet}). */
final class ConfigTree {

    private ConfigTree() {
    }

    private static final Pattern PLAIN_WORD = Pattern.compile("[\\w.:/*@+\\-\\[\\]]+");

    /**
     * A value as a message shows it: HOCON, except that a string made of word characters and
     * {@code . : / * @ + - [ ]} is shown without quotes ({@code drop}, {@code hdfs://nn:8020/x},
     * {@code local[*]}).
     */
    static String render(ConfigValue value) {
        if (value.valueType() == ConfigValueType.STRING && PLAIN_WORD.matcher((String) value.unwrapped()).matches()) {
            return (String) value.unwrapped();
        }
        return value.render(ConfigRenderOptions.concise());
    }

    /**
     * The line a value was set on (0 if unknown), for listing keys in the order of their file.
     */
    static int line(ConfigValue value) {
        return value.origin() == null ? 0 : Math.max(0, value.origin().lineNumber());
    }

    /**
     * Every leaf of {@code root} by its path expression, in no particular order. An object for which
     * {@code stopAt} holds (a free-form map) is returned as one leaf instead of being descended into;
     * so is an empty object.
     */
    static Map<String, ConfigValue> leaves(ConfigObject root, Predicate<String> stopAt) {
        Map<String, ConfigValue> leaves = new LinkedHashMap<>();
        walk(root, new ArrayList<>(), stopAt, leaves);
        return leaves;
    }

    private static void walk(ConfigObject object, List<String> path, Predicate<String> stopAt,
                             Map<String, ConfigValue> leaves) {
        for (Map.Entry<String, ConfigValue> entry : object.entrySet()) {
            path.add(entry.getKey());
            String key = ConfigUtil.joinPath(path);
            ConfigValue value = entry.getValue();
            if (value.valueType() == ConfigValueType.OBJECT && !((ConfigObject) value).isEmpty() && !stopAt.test(key)) {
                walk((ConfigObject) value, path, stopAt, leaves);
            } else {
                leaves.put(key, value);
            }
            path.remove(path.size() - 1);
        }
    }
}
