package ai.lion.jobs.config;

import java.util.List;
import java.util.stream.Collectors;

/** The job configuration or a command-line override is invalid; carries every problem found. */
public final class InvalidConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<ConfigProblem> problems;

    public InvalidConfigException(List<ConfigProblem> problems) {
        super(problems.stream().map(ConfigProblem::message).collect(Collectors.joining("\n")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an InvalidConfigException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public InvalidConfigException(ConfigProblem problem) {
        this(List.of(problem));
    }

    /** The problems in the order they were found. */
    public List<ConfigProblem> problems() {
        return problems;
    }
}
