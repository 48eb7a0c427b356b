package ai.lion.jobs;

/**
 * A configured job, ready to run. Creating one validates the whole configuration it reads without
 * touching Spark; {@link #run()} starts the SparkSession and calls the library.
 */
interface Job {

    /** Runs the job; any exception means the job failed. */
    void run() throws Exception;
}
