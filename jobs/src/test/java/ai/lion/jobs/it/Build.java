package ai.lion.jobs.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** What the build hands the integration tests: the shaded jar, the project root, the JVM flags. */
public final class Build {

    private Build() {
    }

    /** The checkout root (where bin/ and conf/ are). */
    public static Path projectRoot() {
        return Path.of(required("lion.project.root"));
    }

    /** The shaded application jar, {@code jobs/target/lion-jobs.jar}. */
    public static Path jobsJar() {
        Path jar = Path.of(required("lion.jobs.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the shaded jar " + jar + " does not exist; run the integration tests "
                    + "with mvn verify");
        }
        return jar;
    }

    /** The emulated Spark distribution, from the environment the build sets. */
    public static Path sparkHome() {
        String home = System.getenv("SPARK_HOME");
        if (home == null || !Files.isDirectory(Path.of(home, "jars"))) {
            throw new IllegalStateException("SPARK_HOME must point at spark-dist/target/spark-home, got " + home);
        }
        return Path.of(home);
    }

    /**
     * {@code java <JDK 17 flags> -Xmx... -cp $SPARK_HOME/jars/* org.apache.spark.deploy.SparkSubmit}:
     * spark-submit without a Spark installation.
     */
    public static List<String> sparkSubmit(String driverHeap) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(required("spark.jvm.flags").trim().split("\\s+")));
        command.add("-Xmx" + driverHeap);
        command.add("-Dlog4j2.configurationFile=" + projectRoot().resolve("conf/log4j2.properties"));
        command.add("-cp");
        command.add(sparkHome().resolve("jars") + "/*");
        command.add("org.apache.spark.deploy.SparkSubmit");
        return command;
    }

    /** {@code bash bin/lion --driver-memory <driverHeap>}: the launcher, before its command. */
    public static List<String> launcher(String driverHeap) {
        return new ArrayList<>(List.of("bash", projectRoot().resolve("bin/lion").toString(),
                "--driver-memory", driverHeap));
    }

    /** The environment {@link #launcher} needs: the shaded jar of this build. */
    public static Map<String, String> launcherEnvironment() {
        return Map.of("LION_JAR", jobsJar().toString());
    }

    /** Where the tests write their logs. */
    public static Path logDirectory() {
        return projectRoot().resolve("jobs/target/it-logs");
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set; run with mvn verify");
        }
        return value;
    }
}
