package ai.lion.jobs;

import ai.lion.jobs.config.RowFormat;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The subcommands of {@link LionJobs}: what each does, which configuration it reads, how it is built. */
enum Command {

    PREPARE("Build a dataset (prepare.dataset) as Parquet splits under data.path.",
            List.of("prepare", "data.path", "spark"), PrepareJob::configure, "prepare.overwrite"),
    TRAIN("Train a LION model on the prepared data with parameter averaging, checkpointing every epoch; "
            + "a rerun resumes from the newest valid checkpoint.",
            List.of("data", "model", "train", "checkpoint", "spark"), TrainJob::configure, null),
    EVALUATE("Evaluate a checkpoint on one split of the prepared data: loss and accuracy, printed and written "
            + "as JSON.",
            List.of("data", "evaluate", "checkpoint", "spark"), EvaluateJob::configure, null),
    SCORE("Score Parquet rows with a checkpoint and write the predictions as Parquet.",
            scoreScopes(), ScoreJob::configure, "score.overwrite");

    private final String summary;
    private final List<String> scopes;
    private final JobFactory factory;
    private final String overwriteKey;

    Command(String summary, List<String> scopes, JobFactory factory, String overwriteKey) {
        this.summary = summary;
        this.scopes = scopes;
        this.factory = factory;
        this.overwriteKey = overwriteKey;
    }

    /** The key that lets the command replace an existing output, if it writes an output directory. */
    Optional<String> overwriteKey() {
        return Optional.ofNullable(overwriteKey);
    }

    private static List<String> scoreScopes() {
        List<String> scopes = new ArrayList<>(List.of("score"));
        scopes.addAll(RowFormat.KEYS);
        scopes.addAll(List.of("checkpoint", "spark"));
        return List.copyOf(scopes);
    }

    /** The name on the command line, e.g. {@code prepare}. */
    String commandName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** One sentence saying what the command does. */
    String summary() {
        return summary;
    }

    /** The configuration sections (e.g. {@code train}) and single keys (e.g. {@code data.path}) it reads. */
    List<String> scopes() {
        return scopes;
    }

    /** Builds the job from the configuration, validating everything it reads. */
    JobFactory factory() {
        return factory;
    }

    /** The part of {@code config} this command reads, as HOCON. */
    String render(Config config) {
        Config read = ConfigFactory.empty();
        for (String scope : scopes) {
            read = read.withFallback(config.withOnlyPath(scope));
        }
        return read.root().render(ConfigRenderOptions.defaults().setOriginComments(false).setComments(false).setJson(false));
    }

    /** The command called {@code name}, if any. */
    static Optional<Command> named(String name) {
        return Arrays.stream(values()).filter(c -> c.commandName().equals(name)).findFirst();
    }

    /** Every command name. */
    static Set<String> names() {
        return Arrays.stream(values()).map(Command::commandName).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public String toString() {
        return commandName();
    }
}
