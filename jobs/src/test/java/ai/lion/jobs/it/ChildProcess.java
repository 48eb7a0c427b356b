package ai.lion.jobs.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A child process run to completion with its output captured in a log file.
 *
 * @param exitCode the process exit status
 * @param output   everything it wrote to stdout and stderr
 */
public record ChildProcess(int exitCode, String output) {

    /** Runs {@code command} with extra environment variables; fails if it takes longer than {@code minutes}. */
    public static ChildProcess run(List<String> command, Map<String, String> environment, Path log, long minutes)
            throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
            throw new AssertionError("timed out after " + minutes + " min: " + command + "\n" + Files.readString(log));
        }
        return new ChildProcess(process.exitValue(), Files.readString(log));
    }
}
