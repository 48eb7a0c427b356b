package ai.lion.spark.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Who holds a {@link RunLock}: the driver's host and process id, its Spark application, when it took
 * the lock, and a token that tells this holder apart from any later one.
 *
 * @param host        the driver's host name
 * @param pid         the driver's process id
 * @param application the Spark application id (YARN's attempts of one application share it)
 * @param started     when the lock was taken
 * @param token       unique per acquisition
 */
record RunLockOwner(String host, long pid, String application, Instant started, String token) {

    /** This process, for {@code application}, now. */
    static RunLockOwner current(String application) {
        return new RunLockOwner(localHost(), ProcessHandle.current().pid(), application, Instant.now(),
                UUID.randomUUID().toString());
    }

    private static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }

    byte[] toJson() throws IOException {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("host", host);
        node.put("pid", pid);
        node.put("application", application);
        node.put("started", started.toString());
        node.put("token", token);
        return Json.MAPPER.writeValueAsBytes(node);
    }

    /** The owner written in {@code json}; empty if it is not a complete owner (a lock still being written). */
    static Optional<RunLockOwner> parse(byte[] json) {
        try {
            JsonNode node = Json.MAPPER.readTree(json);
            return Optional.of(new RunLockOwner(node.get("host").asText(), node.get("pid").asLong(),
                    node.get("application").asText(), Instant.parse(node.get("started").asText()),
                    node.get("token").asText()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Whether this owner is a process of this host that has ended. */
    boolean isDeadProcessOnThisHost() {
        return host.equals(localHost()) && ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true);
    }

    /** Whether this owner is this very process. */
    boolean isThisProcess() {
        return host.equals(localHost()) && pid == ProcessHandle.current().pid();
    }

    @Override
    public String toString() {
        return "host " + host + ", pid " + pid + ", Spark application " + application + ", started " + started;
    }
}
