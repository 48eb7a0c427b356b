/** Fault tests of the jobs: each injects one fault and asserts the exact outcome (exit code, message, what survives). */
package ai.lion.jobs.faults;
