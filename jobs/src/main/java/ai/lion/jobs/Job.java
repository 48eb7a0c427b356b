package ai.lion.jobs;

import java.io.PrintStream;

/**
 * A configured job, ready to run. Creating one validates the whole configuration it reads without
 * touching Spark; {@link #run} starts the SparkSession and calls the library.
 */
interface Job {

    /**
     * Runs the job; any exception means the job failed, except an
     * {@link ai.lion.jobs.config.InvalidConfigException}: the configuration does not fit the data, found
     * before Spark starts.
     *
     * @param out where the job prints its result for the user (progress goes to the log)
     */
    void run(PrintStream out) throws Exception;
}
