package ai.lion.jobs;

import ai.lion.jobs.config.KeyDoc;
import com.typesafe.config.Config;

import java.util.ArrayList;
import java.util.List;

/** The {@code --help} texts; the configuration keys are documented from {@code reference.conf}. */
final class HelpText {

    private static final int WIDTH = 100;
    private static final String SYNOPSIS = " [--config FILE] [--set KEY=VALUE]... [--print-config] [--verbose]";

    private HelpText() {
    }

    /** The overview: commands, options, configuration layering, exit codes. */
    static String general() {
        StringBuilder text = new StringBuilder()
                .append("Usage: lion <command>").append(SYNOPSIS).append('\n')
                .append("       lion <command> --help\n\n")
                .append("LION on Spark jobs. Run them with bin/lion, or with\n")
                .append("  spark-submit [spark options] --class ").append(LionJobs.class.getName())
                .append(" lion-jobs.jar <command> [options]\n\n")
                .append("Commands:\n");
        for (Command command : Command.values()) {
            text.append(item(command.commandName(), 10, command.summary()));
        }
        return text.append('\n').append(options()).append('\n').append(exitCodes()).toString();
    }

    /** The help of one command, with every configuration key it reads. */
    static String of(Command command, Config reference) {
        StringBuilder text = new StringBuilder()
                .append("Usage: lion ").append(command.commandName()).append(SYNOPSIS).append("\n\n")
                .append(wrap(command.summary(), 0)).append('\n')
                .append(options()).append('\n')
                .append("Configuration keys read by ").append(command.commandName())
                .append(" (KEY = DEFAULT; null: no default):\n");
        String section = "";
        for (KeyDoc key : KeyDoc.of(reference, command.scopes())) {
            String keySection = key.key().substring(0, key.key().indexOf('.'));
            if (!keySection.equals(section)) {
                section = keySection;
                text.append('\n').append(wrap(section + ": " + KeyDoc.describe(reference, section), 0));
            }
            text.append("  ").append(key.key()).append(" = ").append(key.defaultValue()).append('\n')
                    .append(wrap(key.description(), 6));
        }
        return text.append('\n').append(exitCodes()).toString();
    }

    private static String options() {
        return "Options:\n"
                + item("--config FILE", 18, "job configuration (HOCON), layered over the defaults "
                + "(reference.conf in the jar)")
                + item("--set KEY=VALUE", 18, "override one key, e.g. --set train.epochs=3 or "
                + "--set 'spark.conf.\"spark.sql.shuffle.partitions\"=8'; repeatable, later ones win, all win "
                + "over --config; values are taken literally (numbers, true/false and null are typed, "
                + "[...] and {...} are HOCON)")
                + item("--print-config", 18, "check the configuration, print the keys the command reads "
                + "and exit without starting Spark")
                + item("--verbose", 18, "when the job fails, print the stack trace after the one-line error "
                + "(otherwise it is logged at DEBUG)")
                + item("-h, --help", 18, "print this help and exit");
    }

    private static String exitCodes() {
        StringBuilder text = new StringBuilder("Exit codes:\n");
        for (ExitCode code : ExitCode.values()) {
            text.append(item(String.valueOf(code.code()), 3, code.meaning()));
        }
        return text.toString();
    }

    /** {@code text} word-wrapped to {@link #WIDTH}, every line indented by {@code indent}. */
    private static String wrap(String text, int indent) {
        return text.isBlank() ? "" : wrapped(" ".repeat(indent), indent, text);
    }

    /** A list item: {@code label} indented by 2 and padded to {@code labelWidth}, then the wrapped {@code text}. */
    private static String item(String label, int labelWidth, String text) {
        String padded = "  " + label + " ".repeat(Math.max(1, labelWidth - label.length()));
        return wrapped(padded, 2 + Math.max(labelWidth, label.length() + 1), text);
    }

    /** Word-wraps {@code text} after {@code prefix}; continuation lines are indented by {@code indent}. */
    private static String wrapped(String prefix, int indent, String text) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(prefix);
        boolean empty = true;
        for (String word : text.strip().split("\\s+")) {
            if (!empty && line.length() + 1 + word.length() > WIDTH) {
                lines.add(line.toString());
                line = new StringBuilder(" ".repeat(indent));
                empty = true;
            }
            line.append(empty ? "" : " ").append(word);
            empty = false;
        }
        lines.add(line.toString());
        return String.join("\n", lines) + "\n";
    }
}
