package ai.lion.jobs.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The documentation of one configuration key, taken from {@code reference.conf}: the comment lines
 * right above the key are its description.
 *
 * @param key          the full path, e.g. {@code train.epochs}
 * @param defaultValue the default as written ({@code 10}, {@code cosine}, {@code null}, <code>{}</code>)
 * @param description  the comment text, joined into one paragraph
 */
public record KeyDoc(String key, String defaultValue, String description) {

    /**
     * The documented keys that lie in one of the {@code scopes} (a section such as {@code data} or a
     * single key such as {@code data.path}), in the order of the reference file.
     */
    public static List<KeyDoc> of(Config reference, List<String> scopes) {
        return ConfigTree.leaves(reference.root(), key -> false).entrySet().stream()
                .filter(leaf -> scopes.stream().anyMatch(
                        scope -> leaf.getKey().equals(scope) || leaf.getKey().startsWith(scope + ".")))
                .sorted(Comparator.comparingInt((Map.Entry<String, ConfigValue> leaf) -> ConfigTree.line(leaf.getValue())))
                .map(leaf -> new KeyDoc(leaf.getKey(), ConfigTree.render(leaf.getValue()), description(leaf.getValue())))
                .toList();
    }

    /** The comment above a section (or key) of the reference, or an empty string. */
    public static String describe(Config reference, String path) {
        return reference.hasPathOrNull(path) ? description(reference.getValue(path)) : "";
    }

    private static String description(ConfigValue value) {
        return value.origin().comments().stream().map(String::strip).filter(line -> !line.isEmpty())
                .collect(Collectors.joining(" "));
    }
}
