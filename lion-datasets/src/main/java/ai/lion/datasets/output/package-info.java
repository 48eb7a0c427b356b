/**
 * Output directories that appear complete or not at all, on any Hadoop file system: a job writes into a
 * hidden staging directory beside the target and {@link ai.lion.datasets.output.StagedOutput} renames it
 * into place only when the job has succeeded; an older output is replaced only after the new one is
 * complete.
 */
package ai.lion.datasets.output;
