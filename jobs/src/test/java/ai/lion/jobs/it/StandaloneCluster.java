package ai.lion.jobs.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A Spark standalone cluster on this machine, started from the emulated distribution: one Master and
 * {@code n} Worker processes of one core each, all bound to 127.0.0.1. Closing it kills them all.
 */
final class StandaloneCluster implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    private final BackgroundProcess master;
    private final List<BackgroundProcess> workers = new ArrayList<>();
    private final String url;

    private StandaloneCluster(BackgroundProcess master, String url) {
        this.master = master;
        this.url = url;
    }

    /** Starts a Master and {@code workers} Workers with {@code workerMemory} (e.g. "1g") each; waits for all. */
    static StandaloneCluster start(int workers, String workerMemory, Path logs) throws IOException, InterruptedException {
        int port = freePort();
        String url = "spark://127.0.0.1:" + port;
        BackgroundProcess master = BackgroundProcess.start("spark master",
                daemon("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", String.valueOf(port),
                        "--webui-port", String.valueOf(freePort())),
                environment(), logs.resolve("master.log"));
        StandaloneCluster cluster = new StandaloneCluster(master, url);
        try {
            master.awaitOutput(Pattern.compile("I have been elected leader"), START_TIMEOUT);
            for (int i = 0; i < workers; i++) {
                BackgroundProcess worker = BackgroundProcess.start("spark worker " + i,
                        daemon("org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "1",
                                "--memory", workerMemory, "--webui-port", String.valueOf(freePort()),
                                "--work-dir", logs.resolve("worker-" + i).toString(), url),
                        environment(), logs.resolve("worker-" + i + ".log"));
                cluster.workers.add(worker);
                worker.awaitOutput(Pattern.compile("Successfully registered with master"), START_TIMEOUT);
            }
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            cluster.close();
            throw e;
        }
    }

    /** The master URL for {@code spark-submit --master}. */
    String url() {
        return url;
    }

    /** Kills worker {@code index} and the executors it launched with {@code SIGKILL}. */
    void killWorker(int index) throws InterruptedException {
        workers.get(index).close();
    }

    @Override
    public void close() throws InterruptedException {
        for (BackgroundProcess worker : workers) {
            worker.close();
        }
        master.close();
    }

    /** The environment every Spark process here runs with. */
    static Map<String, String> environment() {
        return Map.of("SPARK_HOME", Build.sparkHome().toString(), "SPARK_LOCAL_IP", "127.0.0.1");
    }

    private static List<String> daemon(String mainClass, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(Build.sparkHome().resolve("jars") + "/*");
        command.add(mainClass);
        command.addAll(Arrays.asList(arguments));
        return command;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
