/**
 * The fault and bad-input suite: each case runs a job through {@link ai.lion.jobs.LionJobs#run} with one
 * fault or bad input and asserts the exact outcome (exit code, the one-line message naming the file, row,
 * column or key) and that no earlier output or checkpoint was lost; docs/fault-suite.md lists the cases.
 */
package ai.lion.jobs.faults;
