package ai.lion.jobs;

import ai.lion.core.models.LionConfig;
import ai.lion.jobs.config.CheckpointConfig;
import ai.lion.spark.checkpoint.Checkpoint;
import ai.lion.spark.checkpoint.CheckpointInfo;
import ai.lion.spark.checkpoint.CheckpointStore;
import org.apache.hadoop.conf.Configuration;

import java.io.IOException;
import java.util.List;

/**
 * The checkpoint {@code evaluate} and {@code score} use, as {@code checkpoint.select} picks it from the
 * store at {@code checkpoint.path}, loaded (every file verified); {@code score} only picks it
 * ({@link #select(CheckpointConfig, Configuration)}) and leaves the loading to the scorer.
 *
 * @param info       where the checkpoint is and what it records
 * @param checkpoint the loaded model (network, LionConfig, provenance), cursor and metrics
 */
record CheckpointedModel(CheckpointInfo info, Checkpoint checkpoint) {

    /**
     * Picks and loads the checkpoint.
     *
     * @throws IllegalStateException if the store holds no checkpoint that fits the selection, or an older
     *                               version of lion wrote it
     */
    static CheckpointedModel load(CheckpointConfig section, Configuration conf) throws IOException {
        CheckpointStore store = CheckpointStore.open(section.path(), conf, section.retention());
        CheckpointInfo info = select(store, section);
        return new CheckpointedModel(info, store.load(info));
    }

    /**
     * Picks the checkpoint without loading it.
     *
     * @throws IllegalStateException if the store holds no checkpoint that fits the selection
     */
    static CheckpointInfo select(CheckpointConfig section, Configuration conf) throws IOException {
        return select(CheckpointStore.open(section.path(), conf, section.retention()), section);
    }

    /** The configuration of the checkpoint's model. */
    LionConfig config() {
        return checkpoint.model().config();
    }

    private static CheckpointInfo select(CheckpointStore store, CheckpointConfig section) throws IOException {
        CheckpointConfig.Selection selection = section.select();
        String where = "checkpoint.path = " + store.root();
        return switch (selection.kind()) {
            case LATEST -> store.latestValid().orElseThrow(() -> new IllegalStateException(
                    where + " holds no valid checkpoint; run lion train with this checkpoint.path first"));
            case BEST -> store.best().orElseThrow(() -> new IllegalStateException(where + " holds no checkpoint with"
                    + " the score checkpoint.keep-best-by = " + section.keepBestBy().orElse("?")));
            case SEQUENCE -> {
                long sequence = selection.sequence().orElseThrow();
                List<CheckpointInfo> all = store.list();
                yield all.stream().filter(c -> c.sequence() == sequence).findFirst()
                        .orElseThrow(() -> new IllegalStateException(where + " holds no checkpoint " + sequence
                                + " (checkpoint.select); it holds " + all.stream().map(CheckpointInfo::sequence).toList()));
            }
        };
    }
}
