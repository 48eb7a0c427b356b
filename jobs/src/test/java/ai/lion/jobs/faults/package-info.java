/**
 * The fault and bad-input suite: each case runs a job with one fault or bad input, through
 * {@link ai.lion.jobs.LionJobs#run} in this JVM or (the {@code *IT} classes) through {@code bin/lion} on the
 * shaded jar in a process of its own, and asserts the exact outcome (exit code, the one-line message naming
 * the file, row, column or key) and that no earlier output or checkpoint was lost; docs/fault-suite.md lists
 * the cases.
 */
package ai.lion.jobs.faults;
