/**
 * The spark-submit entry points: {@link ai.lion.jobs.LionJobs} with the commands {@code prepare},
 * {@code train}, {@code evaluate} and {@code score}. A command's main only parses its arguments and
 * configuration ({@link ai.lion.jobs.config}) and calls the library; no training, scoring or data
 * logic lives here. The shaded application jar built from this module is {@code jobs/target/lion-jobs.jar}.
 */
package ai.lion.jobs;
