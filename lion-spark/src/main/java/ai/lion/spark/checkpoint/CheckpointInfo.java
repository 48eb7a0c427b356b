package ai.lion.spark.checkpoint;

import java.time.Instant;
import java.util.Objects;
import org.apache.hadoop.fs.Path;

/**
 * What the manifest of one committed checkpoint says about it, without loading the model.
 *
 * @param sequence  the checkpoint's number in its store (1, 2, ...), increasing with every write
 * @param location  the checkpoint's directory, fully qualified ({@code hdfs://nn:8020/runs/a/ckpt-000012})
 * @param createdAt when the checkpoint was written
 * @param cursor    where training resumes from this checkpoint
 * @param scores    the scores recorded with it
 */
public record CheckpointInfo(long sequence, Path location, Instant createdAt, TrainingCursor cursor, Scores scores) {

    /** Rejects missing fields and non-positive sequence numbers. */
    public CheckpointInfo {
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence must be >= 1, got " + sequence);
        }
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(cursor, "cursor");
        Objects.requireNonNull(scores, "scores");
    }
}
