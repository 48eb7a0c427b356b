package ai.lion.spark.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * An append-only JSON-lines log of training metrics, kept beside the checkpoints and safe on any
 * Hadoop file system.
 *
 * <p>{@code FileSystem.append} is missing or unreliable on several file systems (object stores,
 * the checksummed local one), and rewriting one file needs an overwriting rename that not all of
 * them make atomic. So the log is a <em>directory</em> {@code metrics.jsonl/} of parts
 * {@code part-000001.jsonl}, {@code part-000002.jsonl}, ...: each {@link #append} writes one new part
 * under a temporary name and renames it, and {@link #readAll()} concatenates the parts in order.
 * Nothing is ever overwritten, a crash loses at most the part being written, and
 * {@code hdfs dfs -cat <root>/metrics.jsonl/part-*} prints the whole log.
 */
public final class MetricsLog {

    /** Name of the log directory inside the checkpoint root. */
    public static final String DIRECTORY_NAME = "metrics.jsonl";

    private final FileSystem fs;
    private final SequencedEntries parts;

    MetricsLog(FileSystem fs, Path directory) {
        this.fs = fs;
        this.parts = new SequencedEntries(fs, directory, "part-", ".jsonl");
    }

    /** The log directory. */
    public Path location() {
        return parts.directory();
    }

    /** Appends {@code lines} (each one JSON object; at least one line) as one atomic part. */
    public void append(List<String> lines) throws IOException {
        List<String> checked = Json.requireObjectLines("metrics", lines);
        if (checked.isEmpty()) {
            throw new IllegalArgumentException("metrics to append must not be empty");
        }
        parts.add((temporary, sequence) -> {
            try (OutputStream out = fs.create(temporary, false)) {
                out.write(Json.linesToBytes(checked));
            }
            return sequence;
        });
    }

    /** Appends one line (a JSON object). */
    public void append(String line) throws IOException {
        append(Collections.singletonList(line));
    }

    /** Deletes the parts of interrupted appends. */
    void removeLeftovers() throws IOException {
        parts.removeLeftovers();
    }

    /** Every line appended so far, oldest first; empty if nothing was appended. */
    public List<String> readAll() throws IOException {
        List<String> lines = new ArrayList<>();
        for (Path part : parts.committed().values()) {
            try (InputStream in = fs.open(part)) {
                lines.addAll(Json.linesOf(in.readAllBytes()));
            }
        }
        return lines;
    }
}
