package ai.lion.spark.train;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Starts a class's main method in a separate JVM with this JVM's classpath and module-opening flags. */
final class ChildJvm {

    private ChildJvm() {
    }

    /** The test classpath (surefire keeps it in {@code java.class.path}). */
    static String classpath() {
        return System.getProperty("java.class.path");
    }

    /** {@code main} with {@code args}, heap {@code heap}, output (both streams) to {@code log}. */
    static Process start(Class<?> main, Path log, String heap, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.addAll(moduleFlags());
        command.add("-cp");
        command.add(classpath());
        command.add(main.getName());
        command.addAll(Arrays.asList(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** The flags Spark needs on JDK 17, as given to this JVM by surefire. */
    private static List<String> moduleFlags() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(flag -> flag.startsWith("--add-opens") || flag.equals("-XX:+IgnoreUnrecognizedVMOptions")
                        || flag.startsWith("-Djdk.reflect") || flag.startsWith("-Dio.netty"))
                .toList();
    }

    /** The last {@code lines} lines of {@code log}, for failure messages. */
    static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }
}
