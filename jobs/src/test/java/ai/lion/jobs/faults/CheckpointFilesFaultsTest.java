package ai.lion.jobs.faults;

import ai.lion.jobs.ExitCode;
import ai.lion.spark.checkpoint.CheckpointInfo;
import ai.lion.spark.checkpoint.CheckpointStore;
import ai.lion.spark.checkpoint.TrainingCursor;
import org.apache.commons.io.FileUtils;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Damaged files in the newest checkpoint and the leftover of a killed checkpoint write, met by the next
 * {@code lion train} (in this JVM, local[2]): the run resumes from the newest valid checkpoint, moves the
 * damaged one aside, deletes the leftover and keeps every valid checkpoint. A tiny model is trained for
 * two epochs once (checkpoints 1 and 2) and copied per case; each rerun trains to epoch 3.
 */
@Tag("slow")
class CheckpointFilesFaultsTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void trainTwoCheckpoints() {
        SparkSession spark = PatchRows.localSpark("CheckpointFilesFaultsTest");
        try {
            PatchRows.write(spark, PatchRows.good(1, 80), dir.resolve("data/train"));
            PatchRows.write(spark, PatchRows.good(2, 20), dir.resolve("data/validation"));
        } finally {
            spark.stop();
        }
        for (int epochs = 1; epochs <= 2; epochs++) {
            JobRun run = train(dir.resolve("trained"), epochs);
            assertEquals(ExitCode.OK, run.exit(), run.err());
        }
    }

    private static JobRun train(Path run, int epochs) {
        return PatchRows.train(dir.resolve("data"), run, epochs);
    }

    private static Path copyOfTrainedRun(String name) throws IOException {
        Path copy = dir.resolve(name);
        FileUtils.copyDirectory(dir.resolve("trained").toFile(), copy.toFile());
        return copy;
    }

    private static CheckpointStore store(Path run) throws IOException {
        return CheckpointStore.open(run.toUri().toString(), new Configuration());
    }

    /** Rewrites {@code zip} without {@code entry} ({@code replacement} null) or with other bytes for it. */
    private static void rewriteEntry(Path zip, String entry, byte[] replacement) throws IOException {
        ByteArrayOutputStream rewritten = new ByteArrayOutputStream();
        boolean found = false;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip));
             ZipOutputStream out = new ZipOutputStream(rewritten)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] bytes = in.readAllBytes();
                if (e.getName().equals(entry)) {
                    found = true;
                    if (replacement == null) {
                        continue;
                    }
                    bytes = replacement;
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(bytes);
                out.closeEntry();
            }
        }
        assertTrue(found, entry + " is not in " + zip);
        Files.write(zip, rewritten.toByteArray());
    }

    private static List<String> hidden(Path run) throws IOException {
        try (Stream<Path> files = Files.list(run)) {
            return files.map(p -> p.getFileName().toString()).filter(name -> name.startsWith("_")).sorted().toList();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"corrupt manifest", "missing updater state", "corrupt updater state"})
    void aDamagedNewestCheckpointIsMovedAsideAndTheRunResumesFromThePreviousOne(String damage) throws IOException {
        Path run = copyOfTrainedRun(damage.replace(' ', '-'));
        CheckpointStore store = store(run);
        List<CheckpointInfo> trained = store.list();
        assertEquals(List.of(1L, 2L), trained.stream().map(CheckpointInfo::sequence).toList());
        Path newest = Path.of(trained.get(1).location().toUri());
        Path model = newest.resolve("model.zip");
        switch (damage) {
            case "corrupt manifest" -> Files.writeString(newest.resolve("manifest.json"), "{\"format\": 1, \"seq");
            case "missing updater state" -> rewriteEntry(model, ModelSerializer.UPDATER_BIN, null);
            default -> rewriteEntry(model, ModelSerializer.UPDATER_BIN, new byte[] {1, 2, 3});
        }

        JobRun rerun = train(run, 3);

        assertEquals(ExitCode.OK, rerun.exit(), rerun.err());
        assertEquals(List.of("_corrupt-ckpt-000002"), hidden(run), "moved aside, nothing else left");
        List<CheckpointInfo> after = store.list();
        assertEquals(trained.get(0), after.get(0), "the valid checkpoint is kept");
        assertEquals(List.of(1L, 3L, 4L), after.stream().map(CheckpointInfo::sequence).toList(),
                "resumed after epoch 1: epochs 2 and 3 written anew, number 2 not given out again");
        assertEquals(new TrainingCursor(3, 0), store.latestValid().orElseThrow().cursor());
    }

    @Test
    void theLeftoverOfAKilledCheckpointWriteIsDeletedAndTheNewestCheckpointUsed() throws IOException {
        Path run = copyOfTrainedRun("killed-write");
        CheckpointStore store = store(run);
        List<CheckpointInfo> trained = store.list();
        Path leftover = run.resolve("_tmp-ckpt-000003-0f6a1c2e-killed");
        Files.createDirectories(leftover);
        byte[] model = Files.readAllBytes(Path.of(trained.get(1).location().toUri()).resolve("model.zip"));
        Files.write(leftover.resolve("model.zip"), Arrays.copyOf(model, model.length / 2));

        JobRun rerun = train(run, 3);

        assertEquals(ExitCode.OK, rerun.exit(), rerun.err());
        assertEquals(List.of(), hidden(run), "the leftover is deleted");
        List<CheckpointInfo> after = store.list();
        assertEquals(trained, after.subList(0, 2), "both checkpoints are kept");
        assertEquals(3, after.size(), "resumed after epoch 2: only epoch 3 written");
        assertEquals(new TrainingCursor(3, 0), after.get(2).cursor());
    }
}
