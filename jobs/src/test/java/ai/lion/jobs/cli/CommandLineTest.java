package ai.lion.jobs.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CommandLineTest {

    private static final Set<String> COMMANDS = Set.of("prepare", "train");

    private static CommandLine parse(String... args) throws UsageException {
        return CommandLine.parse(args, COMMANDS);
    }

    private static String usageError(String... args) {
        return assertThrows(UsageException.class, () -> parse(args)).getMessage();
    }

    @Test
    void aFullCommandLine() throws Exception {
        assertEquals(new CommandLine(Optional.of("train"), Optional.of(Path.of("conf/a.conf")),
                        List.of("train.epochs=3", "data.path=x=y"), false, true, true),
                parse("train", "--config", "conf/a.conf", "--set", "train.epochs=3", "--print-config",
                        "--set", "data.path=x=y", "--verbose"));
    }

    @Test
    void optionValuesMayBeAttachedWithEquals() throws Exception {
        assertEquals(new CommandLine(Optional.of("prepare"), Optional.of(Path.of("a.conf")), List.of("a.b=1"), false, false, false),
                parse("prepare", "--config=a.conf", "--set=a.b=1"));
    }

    @Test
    void helpInItsThreeSpellings() throws Exception {
        CommandLine general = new CommandLine(Optional.empty(), Optional.empty(), List.of(), true, false, false);
        assertEquals(general, parse("--help"));
        assertEquals(general, parse("-h"));
        assertEquals(general, parse("help"));
        CommandLine train = new CommandLine(Optional.of("train"), Optional.empty(), List.of(), true, false, false);
        assertEquals(train, parse("help", "train"));
        assertEquals(train, parse("train", "--help"));
        assertEquals(train.command(), parse("train", "-h", "--config", "x").command());
    }

    @Test
    void malformedCommandLines() {
        assertEquals("no command given", usageError());
        assertEquals("unknown command 'trian'; the commands are prepare, train", usageError("trian"));
        assertEquals("unknown command 'score'; the commands are prepare, train", usageError("help", "score"));
        assertEquals("unknown option '--epochs' for train", usageError("train", "--epochs", "3"));
        assertEquals("unexpected argument 'train.epochs=3' for train; write an override as --set train.epochs=3",
                usageError("train", "train.epochs=3"));
        assertEquals("unexpected argument 'extra' for train", usageError("train", "extra"));
        assertEquals("option '--config' needs a value", usageError("train", "--config"));
        assertEquals("option '--set' needs a value", usageError("train", "--set", "--print-config"));
        assertEquals("option '--print-config' takes no value", usageError("train", "--print-config=yes"));
        assertEquals("--config given twice; put shared settings in one file and use --set for the rest",
                usageError("train", "--config", "a", "--config", "b"));
        assertEquals("'--help' takes at most a command name, got --help train", usageError("--help", "train"));
    }
}
