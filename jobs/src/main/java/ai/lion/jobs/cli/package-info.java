/** The command line of the jobs: {@code <command> [--config FILE] [--set KEY=VALUE]... [--print-config] [--help]}. */
package ai.lion.jobs.cli;
