package ai.lion.jobs.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A child process that runs beside the test, its output captured in a log file the test can watch.
 * Closing it kills the process and everything it started.
 */
public final class BackgroundProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final String name;

    private BackgroundProcess(Process process, Path log, String name) {
        this.process = process;
        this.log = log;
        this.name = name;
    }

    /** Starts {@code command} with extra environment variables, stdout and stderr into {@code log}. */
    public static BackgroundProcess start(String name, List<String> command, Map<String, String> environment, Path log)
            throws IOException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        return new BackgroundProcess(builder.start(), log, name);
    }

    /** Waits until a line of the output matches {@code pattern}; fails if the process exits first or time runs out. */
    public void awaitOutput(Pattern pattern, Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (pattern.matcher(output()).find()) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + " before printing /"
                        + pattern + "/:\n" + output());
            }
            Thread.sleep(200);
        }
        throw new AssertionError(name + " did not print /" + pattern + "/ within " + timeout + ":\n" + output());
    }

    /** Waits for the process to exit and returns its exit code; kills it and fails after {@code timeout}. */
    public int awaitExit(Duration timeout) throws IOException, InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            close();
            throw new AssertionError(name + " did not finish within " + timeout + ":\n" + output());
        }
        return process.exitValue();
    }

    /** Everything the process has written so far. */
    public String output() throws IOException {
        return Files.readString(log);
    }

    /** Kills the process and its descendants at once ({@code SIGKILL}), as a lost machine would stop them. */
    @Override
    public void close() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor();
    }
}
