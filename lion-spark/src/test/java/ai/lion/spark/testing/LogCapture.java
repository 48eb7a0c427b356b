package ai.lion.spark.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Records what one logger (and its children) logs while open, whatever the logging configuration;
 * the events are kept from the console meanwhile. slf4j is bound to Log4j 2 in this module's tests.
 * <pre>{@code
 * try (LogCapture log = LogCapture.of("ai.lion.spark.checkpoint")) {
 *     ...
 *     assertTrue(log.warned("ckpt-000002", "model.zip"), log.warnings()::toString);
 * }
 * }</pre>
 */
public final class LogCapture implements AutoCloseable {

    private final LoggerContext context;
    private final String loggerName;
    private final Recorder recorder;

    private LogCapture(LoggerContext context, String loggerName, Recorder recorder) {
        this.context = context;
        this.loggerName = loggerName;
        this.recorder = recorder;
    }

    /** Starts recording every event of {@code loggerName} and the loggers below it. */
    public static LogCapture of(String loggerName) {
        LoggerContext context = LoggerContext.getContext(false);
        Configuration config = context.getConfiguration();
        if (config.getLoggers().containsKey(loggerName)) {
            throw new IllegalStateException("logger '" + loggerName + "' is configured already; capture a parent or child");
        }
        Recorder recorder = new Recorder("capture-" + loggerName);
        recorder.start();
        LoggerConfig capturing = new LoggerConfig(loggerName, Level.ALL, false);
        capturing.addAppender(recorder, Level.ALL, null);
        config.addLogger(loggerName, capturing);
        context.updateLoggers();
        return new LogCapture(context, loggerName, recorder);
    }

    /** Every message so far, as {@code "LEVEL message"}, oldest first. */
    public List<String> messages() {
        return recorder.snapshot(Level.ALL);
    }

    /** The messages at WARN or more severe, as {@code "LEVEL message"}. */
    public List<String> warnings() {
        return recorder.snapshot(Level.WARN);
    }

    /** Whether one warning (or worse) contains every fragment. */
    public boolean warned(String... fragments) {
        return warnings().stream().anyMatch(message -> Arrays.stream(fragments).allMatch(message::contains));
    }

    /** Stops recording and restores the logging configuration. */
    @Override
    public void close() {
        context.getConfiguration().removeLogger(loggerName);
        context.updateLoggers();
        recorder.stop();
    }

    private static final class Recorder extends AbstractAppender {

        private final List<LogEvent> events = Collections.synchronizedList(new ArrayList<>());

        Recorder(String name) {
            super(name, null, null, true, Property.EMPTY_ARRAY);
        }

        @Override
        public void append(LogEvent event) {
            events.add(event.toImmutable());
        }

        List<String> snapshot(Level minimum) {
            synchronized (events) {
                return events.stream()
                        .filter(event -> event.getLevel().isMoreSpecificThan(minimum))
                        .map(event -> event.getLevel() + " " + event.getMessage().getFormattedMessage())
                        .toList();
            }
        }
    }
}
