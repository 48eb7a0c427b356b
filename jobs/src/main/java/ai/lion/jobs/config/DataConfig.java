package ai.lion.jobs.config;

import java.util.Optional;

/**
 * The {@code data} section: where the prepared dataset lives and how its rows become minibatches.
 *
 * @param path            root directory of the prepared dataset (one Parquet directory per split)
 * @param trainSplit      split that training learns from
 * @param validationSplit split evaluated after every epoch, if any
 * @param rows            how a row becomes a minibatch entry
 */
public record DataConfig(String path, String trainSplit, Optional<String> validationSplit, RowFormat rows) {

    /** Reads and checks the section; problems are recorded in {@code reader}. */
    public static DataConfig read(ConfigReader reader) {
        return new DataConfig(
                reader.path("data.path"),
                reader.string("data.train-split"),
                reader.optionalString("data.validation-split"),
                RowFormat.read(reader));
    }

    /** The directory of one split: {@code <path>/<split>}. */
    public String splitPath(String split) {
        return path.endsWith("/") ? path + split : path + "/" + split;
    }
}
