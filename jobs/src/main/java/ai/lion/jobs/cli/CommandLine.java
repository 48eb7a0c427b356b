package ai.lion.jobs.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A parsed command line:
 * {@code <command> [--config FILE] [--set KEY=VALUE]... [--print-config] [--verbose] [--help]}.
 *
 * @param command     the command; empty when only the general help was asked for
 * @param configFile  the job configuration file, if given
 * @param overrides   the {@code KEY=VALUE} overrides in command-line order (later ones win)
 * @param help        whether help was asked for (general help when {@code command} is empty)
 * @param printConfig whether the validated configuration should be printed instead of running
 * @param verbose     whether a failure prints its stack trace too
 */
public record CommandLine(Optional<String> command, Optional<Path> configFile, List<String> overrides,
                          boolean help, boolean printConfig, boolean verbose) {

    public CommandLine {
        overrides = List.copyOf(overrides);
    }

    /**
     * Parses the arguments of the jobs' main class.
     *
     * @param args     the arguments after the application jar
     * @param commands the command names that exist
     * @throws UsageException if the command or an option is unknown or an option lacks its value
     */
    public static CommandLine parse(String[] args, Set<String> commands) throws UsageException {
        if (args.length == 0) {
            throw new UsageException("no command given");
        }
        String first = args[0];
        if (first.equals("-h") || first.equals("--help") || first.equals("help")) {
            if (args.length == 1) {
                return new CommandLine(Optional.empty(), Optional.empty(), List.of(), true, false, false);
            }
            if (args.length == 2 && !first.startsWith("-")) {
                return new CommandLine(Optional.of(command(args[1], commands)), Optional.empty(), List.of(), true, false, false);
            }
            throw new UsageException("'" + first + "' takes at most a command name, got " + String.join(" ", args));
        }
        String command = command(first, commands);
        Options options = new Options(command);
        for (int i = 1; i < args.length; i++) {
            i = options.accept(args, i);
        }
        return new CommandLine(Optional.of(command), options.configFile, options.overrides, options.help,
                options.printConfig, options.verbose);
    }

    private static String command(String name, Set<String> commands) throws UsageException {
        if (!commands.contains(name)) {
            throw new UsageException("unknown command '" + name + "'; the commands are "
                    + String.join(", ", commands.stream().sorted().toList()));
        }
        return name;
    }

    /** The options of one command, collected argument by argument. */
    private static final class Options {
        private final String command;
        private Optional<Path> configFile = Optional.empty();
        private final List<String> overrides = new ArrayList<>();
        private boolean help;
        private boolean printConfig;
        private boolean verbose;

        Options(String command) {
            this.command = command;
        }

        /** Consumes the option at {@code args[i]} (and its value); returns the index of the last argument used. */
        int accept(String[] args, int i) throws UsageException {
            String arg = args[i];
            String name = arg.contains("=") && arg.startsWith("--") ? arg.substring(0, arg.indexOf('=')) : arg;
            boolean inlineValue = !name.equals(arg);
            switch (name) {
                case "-h", "--help" -> help = flag(arg, inlineValue);
                case "--print-config" -> printConfig = flag(arg, inlineValue);
                case "--verbose" -> verbose = flag(arg, inlineValue);
                case "--config" -> {
                    if (configFile.isPresent()) {
                        throw new UsageException("--config given twice; put shared settings in one file and use --set for the rest");
                    }
                    String value = inlineValue ? arg.substring(name.length() + 1) : value(args, i);
                    configFile = Optional.of(Path.of(value));
                    return inlineValue ? i : i + 1;
                }
                case "--set" -> {
                    overrides.add(inlineValue ? arg.substring(name.length() + 1) : value(args, i));
                    return inlineValue ? i : i + 1;
                }
                default -> throw new UsageException(arg.startsWith("-")
                        ? "unknown option '" + arg + "' for " + command
                        : "unexpected argument '" + arg + "' for " + command
                                + (arg.contains("=") ? "; write an override as --set " + arg : ""));
            }
            return i;
        }

        private static boolean flag(String arg, boolean inlineValue) throws UsageException {
            if (inlineValue) {
                throw new UsageException("option '" + arg.substring(0, arg.indexOf('=')) + "' takes no value");
            }
            return true;
        }

        private static String value(String[] args, int i) throws UsageException {
            if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                throw new UsageException("option '" + args[i] + "' needs a value");
            }
            return args[i + 1];
        }
    }
}
