package ai.lion.jobs.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** Configurations for tests: HOCON snippets layered over the real reference.conf. */
final class TestConfigs {

    private TestConfigs() {
    }

    /** {@code hocon} over the jobs' reference.conf, resolved. */
    static Config over(String hocon) {
        return ConfigFactory.parseString(hocon).withFallback(JobConfigLoader.fromClasspath().reference()).resolve();
    }

    /** A reader of {@code hocon} over the reference. */
    static ConfigReader reader(String hocon) {
        return new ConfigReader(over(hocon));
    }

    /** The problem messages {@code reader} recorded, in order. */
    static List<String> messages(ConfigReader reader) {
        return reader.problems().stream().map(ConfigProblem::message).toList();
    }

    /**
     * The problems found when {@code read} reads {@code hocon} over the reference, as messages without
     * their " (set at ...)" origin.
     */
    static List<String> problems(String hocon, Consumer<ConfigReader> read) {
        ConfigReader reader = reader(hocon);
        read.accept(reader);
        return withoutOrigins(messages(reader));
    }

    /** The messages with the " (set at ...)" origin cut off. */
    static List<String> withoutOrigins(List<String> messages) {
        return messages.stream().map(m -> m.replaceAll(" \\(set at [^)]*\\)$", "")).toList();
    }

    /** The messages of the exception {@code reader.throwIfInvalid()} throws (fails if it does not). */
    static List<String> thrownMessages(ConfigReader reader) {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, reader::throwIfInvalid);
        return e.problems().stream().map(ConfigProblem::message).toList();
    }
}
