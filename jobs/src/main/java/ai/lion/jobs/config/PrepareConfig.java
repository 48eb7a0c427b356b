package ai.lion.jobs.config;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code prepare} section: how a dataset is built (into {@code data.path}).
 *
 * @param dataset    the dataset's name
 * @param overwrite  whether an existing output is replaced
 * @param seed       seed of every random choice
 * @param partitions Spark partitions per split; 0: Spark's default parallelism
 * @param params     dataset-specific parameters, checked by the dataset's preparer
 */
public record PrepareConfig(String dataset, boolean overwrite, long seed, int partitions, Map<String, String> params) {

    public PrepareConfig {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** Reads and checks the section; {@code datasets} are the names {@code prepare.dataset} may take. */
    public static PrepareConfig read(ConfigReader reader, Collection<String> datasets) {
        return new PrepareConfig(
                reader.oneOf("prepare.dataset", List.copyOf(datasets)),
                reader.bool("prepare.overwrite"),
                reader.longValue("prepare.seed"),
                reader.intAtLeast("prepare.partitions", 0),
                reader.flatStringMap("prepare.params"));
    }
}
