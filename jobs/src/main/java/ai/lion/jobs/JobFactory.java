package ai.lion.jobs;

import ai.lion.jobs.config.ConfigReader;
import ai.lion.jobs.config.InvalidConfigException;

/** Reads and validates the configuration sections of one command and returns its {@link Job}. */
@FunctionalInterface
interface JobFactory {

    /**
     * Reads every section the job needs from {@code reader}, then calls
     * {@link ConfigReader#throwIfInvalid()}; never starts Spark.
     */
    Job configure(ConfigReader reader) throws InvalidConfigException;
}
