package ai.lion.jobs;

import ai.lion.jobs.cli.CommandLine;
import ai.lion.jobs.cli.UsageException;
import ai.lion.jobs.config.ConfigProblem;
import ai.lion.jobs.config.ConfigReader;
import ai.lion.jobs.config.InvalidConfigException;
import ai.lion.jobs.config.JobConfigLoader;
import com.typesafe.config.Config;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The spark-submit entry point of every LION job:
 * {@code lion-jobs.jar <prepare|train|evaluate|score> [--config FILE] [--set KEY=VALUE]... [--print-config]
 * [--verbose]}.
 *
 * <p>It parses the command line, layers the configuration (reference.conf, the job file, the
 * overrides), validates every key the command reads and only then starts Spark and calls the library.
 * Exit codes are those of {@link ExitCode}: 0 success, 1 the job failed, 2 a bad command line or
 * configuration (nothing was started; this includes a model that does not fit the metadata of the
 * prepared data, which the jobs check before they start Spark, in one line). On success the main method returns normally instead of
 * calling {@code System.exit}, which a YARN cluster-mode driver would report as a failure. Standard output
 * carries the results only. A failed job prints one line saying what is wrong and what to do; its stack
 * trace is logged at DEBUG, and printed too with {@code --verbose}.
 */
public final class LionJobs {

    private static final Logger LOG = LoggerFactory.getLogger(LionJobs.class);

    private LionJobs() {
    }

    public static void main(String[] args) {
        ExitCode exit = run(args, System.out, System.err);
        if (exit != ExitCode.OK) {
            System.exit(exit.code());
        }
    }

    /** Runs one command; help goes to {@code out}, problems to {@code err}. */
    public static ExitCode run(String[] args, PrintStream out, PrintStream err) {
        CommandLine line;
        try {
            line = CommandLine.parse(args, Command.names());
        } catch (UsageException e) {
            err.println("lion: " + e.getMessage());
            err.println("Run 'lion --help' for the commands and options.");
            return ExitCode.USAGE;
        }
        JobConfigLoader loader = JobConfigLoader.fromClasspath();
        Optional<Command> command = line.command().flatMap(Command::named);
        if (line.help()) {
            out.print(command.map(c -> HelpText.of(c, loader.reference())).orElseGet(HelpText::general));
            return ExitCode.OK;
        }
        return execute(command.orElseThrow(), line, loader, out, err);
    }

    /** Checks the configuration of {@code command}, then prints it or runs the job. */
    private static ExitCode execute(Command command, CommandLine line, JobConfigLoader loader, PrintStream out,
                                    PrintStream err) {
        Config config;
        Job job;
        try {
            config = loader.load(line.configFile(), line.overrides());
            job = command.factory().configure(new ConfigReader(config));
        } catch (InvalidConfigException e) {
            err.println("lion " + command + ": invalid configuration");
            for (ConfigProblem problem : e.problems()) {
                err.println("  " + problem.message());
            }
            err.println("Run 'lion " + command + " --help' for every key, its default and what it allows.");
            return ExitCode.USAGE;
        }
        if (line.printConfig()) {
            out.print(command.render(config));
            return ExitCode.OK;
        }
        LOG.info("lion {} with configuration\n{}", command, command.render(config));
        try {
            job.run(out);
            return ExitCode.OK;
        } catch (InvalidConfigException e) {
            LOG.debug("lion {}: invalid configuration", command, e);
            err.println("lion " + command + ": invalid configuration: " + e.problems().stream()
                    .map(ConfigProblem::message).collect(Collectors.joining("; ")));
            return ExitCode.USAGE;
        } catch (Exception e) {
            LOG.debug("lion {} failed", command, e);
            err.println(FailureMessage.of(command, e));
            if (line.verbose()) {
                e.printStackTrace(err);
            }
            return ExitCode.JOB_FAILED;
        }
    }
}
