package ai.lion.jobs.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Builds the effective job configuration from three layers, later ones winning:
 * the {@code reference.conf} on the classpath (every key with its default), the job file given with
 * {@code --config}, and the command-line overrides ({@code --set KEY=VALUE}). Substitutions
 * ({@code ${data.path}}, {@code ${?HOME}}) are resolved across the layers.
 *
 * <p>Every key the job file or an override sets must exist in the reference, so a misspelt key is an
 * error (with a suggestion), never silently ignored. An empty object in the reference (such as
 * {@code spark.conf = {}}) is a free-form map whose entries are not checked here. System properties
 * are deliberately not layered in: spark-submit turns every Spark setting into one.
 */
public final class JobConfigLoader {

    private static final String REFERENCE = "reference.conf";

    private final Config reference;
    private final Map<String, ConfigValue> referenceLeaves;
    private final Set<String> freeFormMaps;

    /** A loader over the given (unresolved) reference configuration. */
    public JobConfigLoader(Config reference) {
        this.reference = reference;
        this.referenceLeaves = ConfigTree.leaves(reference.root(), key -> false);
        this.freeFormMaps = referenceLeaves.entrySet().stream()
                .filter(e -> e.getValue().valueType() == ConfigValueType.OBJECT)
                .map(Map.Entry::getKey)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** A loader over every {@code reference.conf} on this class's class path. */
    public static JobConfigLoader fromClasspath() {
        return new JobConfigLoader(ConfigFactory.parseResources(JobConfigLoader.class.getClassLoader(), REFERENCE));
    }

    /** The reference layer: every known key with its default and its documentation comments. */
    public Config reference() {
        return reference;
    }

    /**
     * The resolved configuration: reference, then {@code file} if given, then {@code overrides}
     * ({@code KEY=VALUE} each, later ones winning).
     */
    public Config load(Optional<Path> file, List<String> overrides) throws InvalidConfigException {
        Config user = ConfigFactory.empty();
        for (String override : overrides) {
            user = ConfigOverride.parse(override).withFallback(user);
        }
        if (file.isPresent()) {
            user = user.withFallback(parseFile(file.get()));
        }
        Config resolved;
        try {
            resolved = user.withFallback(reference).resolve();
        } catch (ConfigException e) {
            String option = file.isPresent() ? "--config" : "--set";
            String given = file.map(Path::toString).orElse(String.join(" ", overrides));
            throw new InvalidConfigException(new ConfigProblem(option, Optional.of(given),
                    "cannot be resolved: " + e.getMessage(), Optional.empty()));
        }
        checkKeysAreKnown(resolved);
        return resolved;
    }

    private static Config parseFile(Path file) throws InvalidConfigException {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new InvalidConfigException(new ConfigProblem("--config", Optional.of(file.toString()),
                    "no such readable file", Optional.empty()));
        }
        try {
            return ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
        } catch (ConfigException e) {
            throw new InvalidConfigException(new ConfigProblem("--config", Optional.of(file.toString()),
                    "is not valid HOCON: " + e.getMessage(), Optional.empty()));
        }
    }

    private void checkKeysAreKnown(Config resolved) throws InvalidConfigException {
        List<ConfigProblem> problems = new ArrayList<>();
        Map<String, ConfigValue> leaves = new TreeMap<>(ConfigTree.leaves(resolved.root(), freeFormMaps::contains));
        for (Map.Entry<String, ConfigValue> leaf : leaves.entrySet()) {
            String key = leaf.getKey();
            ConfigValue value = leaf.getValue();
            if (referenceLeaves.containsKey(key)) {
                continue;
            }
            String rule = reference.hasPathOrNull(key) && reference.getValue(key) instanceof ConfigObject
                    ? "must be a section { ... }"
                    : "unknown key" + suggestion(key).map(s -> "; did you mean " + s + "?").orElse("");
            problems.add(new ConfigProblem(key, Optional.of(ConfigTree.render(value)), rule,
                    Optional.ofNullable(value.origin()).map(o -> o.description())));
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
    }

    /** The known key closest to a misspelt one, if it is close enough to be a likely typo. */
    private Optional<String> suggestion(String unknown) {
        return referenceLeaves.keySet().stream()
                .filter(known -> editDistance(known, unknown) <= Math.max(2, unknown.length() / 5))
                .min(Comparator.comparingInt((String known) -> editDistance(known, unknown)));
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
