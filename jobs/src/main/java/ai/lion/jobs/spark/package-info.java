/** The SparkSession of a job, built from the {@code spark} configuration section. */
package ai.lion.jobs.spark;
