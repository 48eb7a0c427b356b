package ai.lion.datasets;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** The datasets the {@code prepare} job can produce, by name. */
public final class DatasetPreparers {

    private static final Map<String, DatasetPreparer> BY_NAME = new LinkedHashMap<>();

    static {
        Stream.of(new FashionMnistPreparer(), new ListOpsPreparer(), new TextMlmPreparer())
                .forEach(preparer -> BY_NAME.put(preparer.name(), preparer));
    }

    private DatasetPreparers() {
    }

    /** The dataset names: {@code fashion-mnist}, {@code listops}, {@code mlm-text}. */
    public static Set<String> names() {
        return Collections.unmodifiableSet(BY_NAME.keySet());
    }

    /** Every preparer, in the order of {@link #names()}. */
    public static Collection<DatasetPreparer> all() {
        return Collections.unmodifiableCollection(BY_NAME.values());
    }

    /**
     * The preparer called {@code name}.
     *
     * @throws IllegalArgumentException naming the known datasets if there is none by that name
     */
    public static DatasetPreparer named(String name) {
        DatasetPreparer preparer = BY_NAME.get(name);
        if (preparer == null) {
            throw new IllegalArgumentException("unknown dataset '" + name + "'; known datasets are " + BY_NAME.keySet());
        }
        return preparer;
    }
}
